import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it } from 'vitest'
import { CARD_FIELDS } from './card-fields.ts'
import { effectiveCardFields, readEffectiveSettings, readManagedSettings, refreshManagedCache } from './effective-settings.ts'
import { buildSuggestions, MANAGED_SPECS, parseManagedPolicy, readTeamSetting, resolveSetting, teamSetting } from './managed-policy.ts'
import { readFileSync } from 'node:fs'
import { cardFieldsItem, settingsItem } from './settings.ts'
import schema from '../../public/managed_schema.json'

beforeEach(() => fakeBrowser.reset())

describe('locked and suggested settings', () => {
  it('should read top-level keys as locked and `defaults` as suggestions, suggestable keys only', () => {
    const managed = parseManagedPolicy({
      workerUrl: ' https://locked.example ',
      tenants: ['acme.zendesk.com'],
      defaults: {
        agentToken: 'team-token',
        cardFields: ['Country', 'nope', 'created'],
        tenants: ['other.zendesk.com'],
        teamWorkspaces: ['gmail'],
      },
    })
    expect(managed).toEqual({
      workerUrl: 'https://locked.example',
      tenants: ['acme.zendesk.com'],
      defaults: { agentToken: 'team-token', cardFields: ['country', 'created'] },
    })
  })

  it('should ignore a `defaults` that is no object, and leave `defaults` out when it suggests nothing', () => {
    expect(parseManagedPolicy({ defaults: ['workerUrl'] })).toEqual({})
    expect(parseManagedPolicy({ defaults: 'x' })).toEqual({})
    expect(parseManagedPolicy({ defaults: { workerUrl: '  ', cardFields: ['unknown'] } })).toEqual({})
  })

  it("should let a locked value win over the agent's own, the own over a suggestion, and a suggestion apply only when the agent has none", () => {
    expect(resolveSetting({ locked: 'L', own: 'O', suggested: 'S' })).toEqual({ value: 'L', source: 'team-locked' })
    expect(resolveSetting({ own: 'O', suggested: 'S' })).toEqual({ value: 'O', source: 'own' })
    expect(resolveSetting({ suggested: 'S' })).toEqual({ value: 'S', source: 'team-suggested' })
    expect(resolveSetting<string>({})).toEqual({ value: undefined, source: 'none' })
  })

  it("should keep today's flat keys locked over the agent's settings, and apply a suggestion only to what the agent left unset", async () => {
    await fakeBrowser.storage.managed.set({
      workerUrl: 'https://locked.example',
      defaults: { workerUrl: 'https://suggested.example', agentToken: 'team-token' },
    })
    await refreshManagedCache()
    // Nothing of the agent's own: the locked URL and the suggested token.
    expect(await readEffectiveSettings()).toEqual({ workerUrl: 'https://locked.example', agentToken: 'team-token' })
    // Their own token wins over the suggestion, never over the locked URL.
    await settingsItem.setValue({ workerUrl: 'https://mine.example', agentToken: 'mine' })
    expect(await readEffectiveSettings()).toEqual({ workerUrl: 'https://locked.example', agentToken: 'mine' })
    // A blank own value is none: the suggestion applies again.
    await settingsItem.setValue({ workerUrl: 'https://mine.example', agentToken: ' ' })
    expect(await readEffectiveSettings()).toEqual({ workerUrl: 'https://locked.example', agentToken: 'team-token' })
  })

  it('should give the card every fact in order unless the team or the agent chose, with the same order of precedence', async () => {
    expect(effectiveCardFields(null, {})).toEqual([...CARD_FIELDS])
    expect(effectiveCardFields(null, { defaults: { cardFields: ['threat'] } })).toEqual(['threat'])
    expect(effectiveCardFields(['country'], { defaults: { cardFields: ['threat'] } })).toEqual(['country'])
    expect(effectiveCardFields(['country'], { cardFields: ['created', 'threat'], defaults: { cardFields: ['threat'] } })).toEqual([
      'created',
      'threat',
    ])
    await cardFieldsItem.setValue(['country'])
    expect(await cardFieldsItem.getValue()).toEqual(['country'])
  })

  it('should read `defaults` from real managed storage', async () => {
    await fakeBrowser.storage.managed.set({ uuidSites: ['a.io'], defaults: { uuidSites: ['b.io'], cardFields: ['threat', 'country'] } })
    expect(await readManagedSettings()).toEqual({
      uuidSites: ['a.io'],
      defaults: { uuidSites: ['b.io'], cardFields: ['threat', 'country'] },
    })
  })

  it("should read the team's inquiry tags and reply texts like any other key, locked or suggested", async () => {
    await fakeBrowser.storage.managed.set({
      inquiryTags: [' vip ', 'fraud-review', 'vip', 3, ''],
      defaults: {
        replyTexts: {
          en: { expired: 'Your ID has expired.', blurry: 7 },
          de: { expired: 'Ihr Ausweis ist abgelaufen.' },
          fr: { expired: 'x' },
        },
      },
    })
    await refreshManagedCache()
    expect(await readTeamSetting('inquiryTags', ['mine'])).toEqual({ value: ['vip', 'fraud-review'], source: 'team-locked' })
    expect(await readTeamSetting('replyTexts')).toEqual({
      value: { en: { expired: 'Your ID has expired.' }, de: { expired: 'Ihr Ausweis ist abgelaufen.' } },
      source: 'team-suggested',
    })
    expect(await readTeamSetting('replyTexts', { en: { expired: 'Mine.' } })).toEqual({
      value: { en: { expired: 'Mine.' } },
      source: 'own',
    })
    expect(parseManagedPolicy({ replyTexts: { en: {} }, inquiryTags: 'vip' })).toEqual({})
  })

  it("should let the development build suggest inquiry tags, below any policy's and never over the agent's", () => {
    const env = readFileSync(new URL('../../.env.development', import.meta.url), 'utf8')
    const raw = /^WXT_DEFAULT_INQUIRY_TAGS=(.*)$/m.exec(env)?.[1]
    const build = buildSuggestions({ WXT_DEFAULT_INQUIRY_TAGS: raw })
    expect(build.inquiryTags?.length).toBeGreaterThan(0)
    expect(buildSuggestions({ WXT_DEFAULT_INQUIRY_TAGS: ' vip , ,fraud,vip' })).toEqual({ inquiryTags: ['vip', 'fraud'] })
    expect(buildSuggestions({})).toEqual({})
    expect(teamSetting(null, 'inquiryTags', undefined, build)).toEqual({ value: build.inquiryTags, source: 'team-suggested' })
    expect(teamSetting({ defaults: { inquiryTags: ['team'] } }, 'inquiryTags', undefined, build).value).toEqual(['team'])
    expect(teamSetting({ inquiryTags: ['locked'] }, 'inquiryTags', undefined, build).value).toEqual(['locked'])
    expect(teamSetting(null, 'inquiryTags', undefined, {})).toEqual({ value: undefined, source: 'none' })
  })

  it('should describe every managed key in managed_schema.json, and under `defaults` exactly the suggestable ones', () => {
    const keys = Object.keys(MANAGED_SPECS)
    const suggestable = keys.filter((k) => MANAGED_SPECS[k as keyof typeof MANAGED_SPECS].suggestable)
    expect(Object.keys(schema.properties).sort()).toEqual([...keys, 'defaults'].sort())
    expect(Object.keys(schema.properties.defaults.properties).sort()).toEqual(suggestable.sort())
  })
})
