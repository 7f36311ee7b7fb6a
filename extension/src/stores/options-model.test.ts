import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Send } from '../lib/messages.ts'
import { cardFieldsItem, settingsItem, siteSettingsItem } from '../lib/settings.ts'
import { readEffectiveSettings, refreshManagedCache } from '../lib/effective-settings.ts'
import { managedPolicyItem } from '../lib/managed-policy.ts'
import { OptionsModel, parseSites, urlProblem } from './options-model.ts'
import { cardFieldRows, toggleCardField } from './card-fields-choice.ts'

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('OptionsModel', () => {
  beforeEach(() => fakeBrowser.reset())

  it('should save the form to storage.local under settings', async () => {
    const model = new OptionsModel(vi.fn() as unknown as Send)
    await flush()
    model.workerUrl.value = 'https://relay.example.workers.dev/'
    model.agentToken.value = ' idvl_abc '
    model.sites.value = 'Acme.zendesk.com\nacme.zendesk.com, help.acme.io'
    await model.save()

    expect(await fakeBrowser.storage.local.get('settings')).toEqual({
      settings: { workerUrl: 'https://relay.example.workers.dev/', agentToken: 'idvl_abc' },
    })
    expect(await siteSettingsItem.getValue()).toEqual({ uuidSites: ['acme.zendesk.com', 'help.acme.io'] })
    expect(model.saveState.value).toBe('saved')
    expect(model.dirty.value).toBe(false)
  })

  it('should show policy values read-only and never overwrite the local ones with them', async () => {
    await settingsItem.setValue({ workerUrl: 'https://mine.example', agentToken: 'mine' })
    await fakeBrowser.storage.managed.set({ workerUrl: 'https://policy.example' })
    const model = new OptionsModel(vi.fn() as unknown as Send)
    await vi.waitFor(() => expect(model.workerUrl.value).toBe('https://policy.example'))

    expect(model.locked.value).toEqual({ workerUrl: true, agentToken: false, sites: false, cardFields: false })
    model.agentToken.value = 'new-token'
    await model.save()
    expect(await settingsItem.getValue()).toEqual({ workerUrl: 'https://mine.example', agentToken: 'new-token' })
  })

  it("should show the team's suggestions as editable, keep following them when saved unchanged, and store the agent's own value over them", async () => {
    await fakeBrowser.storage.managed.set({
      defaults: { workerUrl: 'https://team.example', uuidSites: ['acme.zendesk.com'], cardFields: ['threat', 'country'] },
    })
    const model = new OptionsModel(vi.fn() as unknown as Send)
    await vi.waitFor(() => expect(model.workerUrl.value).toBe('https://team.example'))
    expect(model.sites.value).toBe('acme.zendesk.com')
    expect(model.cardFields.value).toBe('threat\ncountry')
    expect(model.locked.value).toEqual({ workerUrl: false, agentToken: false, sites: false, cardFields: false })
    expect(model.team.value.workerUrl).toEqual({ kind: 'suggested', changed: false })
    expect(model.team.value.agentToken).toBeNull()

    // Saved unchanged: nothing of the agent's own is stored, so a new suggestion still applies.
    model.agentToken.value = 'mine'
    await model.save()
    expect(await settingsItem.getValue()).toEqual({ workerUrl: '', agentToken: 'mine' })
    expect(await fakeBrowser.storage.local.get(['siteSettings', 'cardFields'])).toEqual({})
    await refreshManagedCache()
    expect(await readEffectiveSettings()).toEqual({ workerUrl: 'https://team.example', agentToken: 'mine' })

    // The agent's own value: stored, and marked as other than the team's.
    model.cardFields.value = 'country\nnope\ncreated, Coutnry'
    expect(model.team.value.cardFields).toEqual({ kind: 'suggested', changed: true })
    // A name that is no fact is reported, and nothing is saved until it is fixed (never dropped silently).
    expect(model.cardFieldsProblem.value).toBe('The card knows no fact named nope, Coutnry. Untick it to save.')
    await model.save()
    expect(await cardFieldsItem.getValue()).toBeNull()
    model.cardFields.value = 'country\ncreated'
    expect(model.cardFieldsProblem.value).toBeNull()
    await model.save()
    expect(await cardFieldsItem.getValue()).toEqual(['country', 'created'])

    // Back to the team's value: the field shows it, and saving forgets the agent's own.
    model.useTeamValue('cardFields')
    expect(model.cardFields.value).toBe('threat\ncountry')
    expect(model.team.value.cardFields).toEqual({ kind: 'suggested', changed: false })
    await model.save()
    expect(await cardFieldsItem.getValue()).toBeNull()
  })

  it('should show a locked card choice read-only and never store the form over it', async () => {
    await cardFieldsItem.setValue(['created'])
    await fakeBrowser.storage.managed.set({ cardFields: ['country', 'threat'], defaults: { cardFields: ['created'] } })
    const model = new OptionsModel(vi.fn() as unknown as Send)
    await vi.waitFor(() => expect(model.cardFields.value).toBe('country\nthreat'))
    expect(model.team.value.cardFields).toEqual({ kind: 'locked' })
    model.cardFields.value = 'updated'
    await model.save()
    expect(await cardFieldsItem.getValue()).toEqual(['created'])
  })

  it('should report a name an older setting stored that is no fact, and store the rest once it is unticked', async () => {
    await fakeBrowser.storage.local.set({ cardFields: ['reference', 'coutnry'] })
    const model = new OptionsModel(vi.fn() as unknown as Send)
    await vi.waitFor(() => expect(model.cardFields.value).toBe('reference\ncoutnry'))
    expect(model.cardFieldsProblem.value).toBe('The card knows no fact named coutnry. Untick it to save.')
    expect(
      cardFieldRows(model.cardFields.value)
        .slice(0, 2)
        .map((r) => [r.name, r.known]),
    ).toEqual([
      ['reference', 'reference'],
      ['coutnry', null],
    ])
    model.cardFields.value = toggleCardField(model.cardFields.value, 'coutnry')
    model.cardFields.value = toggleCardField(model.cardFields.value, 'created')
    expect(model.cardFieldsProblem.value).toBeNull()
    await model.save()
    expect(await cardFieldsItem.getValue()).toEqual(['reference', 'created'])

    // None ticked: nothing of the agent's own is kept, and the card shows every fact.
    model.cardFields.value = toggleCardField(toggleCardField(model.cardFields.value, 'reference'), 'created')
    expect(model.cardFields.value).toBe('')
    await model.save()
    expect(await fakeBrowser.storage.local.get('cardFields')).toEqual({})
  })

  it("should show the team's tenants from policy, one a line, and nothing when policy names none", async () => {
    const none = new OptionsModel(vi.fn() as unknown as Send)
    await vi.waitFor(() => expect(none.managed.value).toEqual({}))
    expect(none.tenants.value).toBe('')
    await fakeBrowser.storage.managed.set({ tenants: ['ACME.zendesk.com ', 'acme.my.salesforce.com', 'not a host'] })
    const model = new OptionsModel(vi.fn() as unknown as Send)
    await vi.waitFor(() => expect(model.tenants.value).toBe('acme.zendesk.com\nacme.my.salesforce.com'))
  })

  it('should show which reply texts policy replaces, a line per language, and nothing when it replaces none', async () => {
    const none = new OptionsModel(vi.fn() as unknown as Send)
    await vi.waitFor(() => expect(none.managed.value).toEqual({}))
    expect(none.replyTexts.value).toBe('')
    await fakeBrowser.storage.managed.set({
      replyTexts: { de: { approved: 'Erledigt.' }, en: { link: 'Your link:', id_photo: 'Retake it.', 'Not A Key': 'x' } },
    })
    const model = new OptionsModel(vi.fn() as unknown as Send)
    await vi.waitFor(() => expect(model.replyTexts.value).toBe('en: id_photo, link\nde: approved'))
    expect(model.replyTextsTeam.value).toEqual({ kind: 'locked' })
    expect(none.replyTextsTeam.value).toBeNull()
  })

  it('should list suggested reply texts too, and the locked ones alone when policy sets both', async () => {
    await fakeBrowser.storage.managed.set({ defaults: { replyTexts: { en: { expired: 'Start again.', Bad: 'x' } } } })
    const suggested = new OptionsModel(vi.fn() as unknown as Send)
    await vi.waitFor(() => expect(suggested.replyTexts.value).toBe('en: expired'))
    // Only suggested: said so ("Suggested by your team"), never "Set by your team".
    expect(suggested.replyTextsTeam.value).toEqual({ kind: 'suggested', changed: false })
    await fakeBrowser.storage.managed.set({ replyTexts: { de: { approved: 'Erledigt.' } } })
    const both = new OptionsModel(vi.fn() as unknown as Send)
    await vi.waitFor(() => expect(both.replyTexts.value).toBe('de: approved'))
    expect(both.replyTextsTeam.value).toEqual({ kind: 'locked' })
  })

  it('should test the values in the form, not the saved ones', async () => {
    const send = vi.fn(async () => ({ relay: 'ok', auth: 'ok', outcome: { code: 'connected' } }))
    const model = new OptionsModel(send as unknown as Send)
    model.workerUrl.value = 'http://127.0.0.1:8787'
    model.agentToken.value = 'idvl_demo_agent_token'
    await model.testConnection()
    expect(send).toHaveBeenCalledWith('testConnection', { workerUrl: 'http://127.0.0.1:8787', agentToken: 'idvl_demo_agent_token' })
    expect(model.test.value).toMatchObject({ status: 'done', report: { auth: 'ok' } })
  })
})

describe('OptionsModel while managed storage is slow (its first read after a browser start takes seconds)', () => {
  beforeEach(() => fakeBrowser.reset())
  /** Managed storage that answers only when `answer` is called, as Chrome's does seconds after a start. */
  function slowManaged() {
    let answer: (items: Record<string, unknown>) => void = () => {}
    const get = vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation(() => new Promise((resolve) => (answer = resolve)) as never)
    return { answer: (items: Record<string, unknown>) => answer(items), restore: () => get.mockRestore() }
  }

  it("should show the agent's own settings and the cached policy without waiting for managed storage", async () => {
    const managed = slowManaged()
    try {
      await settingsItem.setValue({ workerUrl: 'https://mine.example', agentToken: 'mine' })
      await managedPolicyItem.setValue({ uuidSites: ['acme.zendesk.com'] })
      const model = new OptionsModel(vi.fn() as unknown as Send)
      await vi.waitFor(() => expect(model.workerUrl.value).toBe('https://mine.example'))
      expect(model.agentToken.value).toBe('mine')
      expect(model.sites.value).toBe('acme.zendesk.com')
      expect(model.locked.value.sites).toBe(true)
      expect(model.dirty.value).toBe(false)
      // The live policy, once it answers, replaces the cached one.
      managed.answer({ workerUrl: 'https://policy.example' })
      await vi.waitFor(() => expect(model.workerUrl.value).toBe('https://policy.example'))
      expect(model.locked.value).toEqual({ workerUrl: true, agentToken: false, sites: false, cardFields: false })
      expect(model.sites.value).toBe('')
    } finally {
      managed.restore()
    }
  })

  it('should keep what the agent typed before the settings were read, and fill in the rest', async () => {
    const managed = slowManaged()
    try {
      await settingsItem.setValue({ workerUrl: '', agentToken: 'stored-token' })
      await cardFieldsItem.setValue(['threat'])
      const model = new OptionsModel(vi.fn() as unknown as Send)
      model.workerUrl.value = 'https://typed.example'
      managed.answer({})
      await vi.waitFor(() => expect(model.agentToken.value).toBe('stored-token'))
      await flush()
      expect(model.workerUrl.value).toBe('https://typed.example')
      expect(model.cardFields.value).toBe('threat')
      expect(model.dirty.value).toBe(true)
    } finally {
      managed.restore()
    }
  })
})

describe('OptionsModel cannot trap the agent', () => {
  beforeEach(() => fakeBrowser.reset())

  const report = (code: string) => ({ relay: 'ok', auth: 'ok', outcome: { code } })

  it('should test again on Save and replace the old result (never leave an old "Connected" on screen)', async () => {
    const answers = [report('connected'), report('token-rejected')]
    const send = vi.fn(async (type: string, _req?: unknown) => (type === 'testConnection' ? answers.shift() : 'tokens'))
    const model = new OptionsModel(send as unknown as Send)
    await flush()
    model.workerUrl.value = 'https://relay.example.com'
    model.agentToken.value = 'idvl_first'
    await model.testConnection()
    expect(model.test.value).toMatchObject({ status: 'done', report: { outcome: { code: 'connected' } } })

    model.agentToken.value = 'idvl_second'
    const saving = model.save()
    expect(model.test.value.status, 'the old result is gone as soon as Save is pressed').not.toBe('done')
    await saving
    expect(send).toHaveBeenLastCalledWith('testConnection', { workerUrl: 'https://relay.example.com', agentToken: 'idvl_second' })
    expect(model.test.value).toMatchObject({ status: 'done', report: { outcome: { code: 'token-rejected' } } })
  })

  it('should refuse to test a plain-http relay outside this machine, exactly as Save refuses to save it', async () => {
    const send = vi.fn(async () => 'tokens')
    const model = new OptionsModel(send as unknown as Send)
    await flush()
    model.workerUrl.value = 'http://relay.example.com'
    model.agentToken.value = 'idvl_secret'
    await model.testConnection()
    await model.save()
    expect(send).not.toHaveBeenCalledWith('testConnection', expect.anything())
    expect(model.test.value.status).toBe('idle')
    expect(model.problem.value).not.toBeNull()
  })

  it('should ignore a token saved in tokens mode once the relay says Access, and let the agent remove it', async () => {
    await settingsItem.setValue({ workerUrl: 'https://relay.example.com/', agentToken: 'idvl_stale' })
    const send = vi.fn(async (type: string, _req?: unknown) => (type === 'relayAuthMode' ? 'access' : report('signed-in')))
    const model = new OptionsModel(send as unknown as Send)
    await vi.waitFor(() => expect(model.authMode.value).toBe('access'))
    expect(model.staleToken.value).toBe(true)

    await model.testConnection()
    expect(send).toHaveBeenCalledWith('testConnection', { workerUrl: 'https://relay.example.com/', agentToken: '' })

    await model.removeToken()
    expect(await settingsItem.getValue()).toEqual({ workerUrl: 'https://relay.example.com/', agentToken: '' })
    expect(model.staleToken.value).toBe(false)
  })
})

describe('OptionsModel sign-in (relay behind Cloudflare Access)', () => {
  beforeEach(() => fakeBrowser.reset())

  const accessSend = () => vi.fn(async (type: string) => (type === 'relayAuthMode' ? 'access' : undefined))

  it("should learn the saved relay's mode, ask for its host permission, then open the relay in a tab", async () => {
    await settingsItem.setValue({ workerUrl: 'https://relay.example.com/', agentToken: '' })
    const calls: string[] = []
    const api = {
      requestOrigins: vi.fn(async (origins: string[]) => (calls.push(`request ${origins.join()}`), true)),
      openTab: vi.fn(async (url: string) => calls.push(`open ${url}`)),
    }
    const send = accessSend()
    const model = new OptionsModel(send as unknown as Send, api)
    await vi.waitFor(() => expect(model.authMode.value).toBe('access'))
    expect(send).toHaveBeenCalledWith('relayAuthMode', { workerUrl: 'https://relay.example.com/' })

    await model.signIn()
    expect(calls).toEqual(['request https://relay.example.com/*', 'open https://relay.example.com/'])
    expect(model.signInState.value).toEqual({ status: 'opened' })
  })

  it('should open nothing when the agent refuses the permission (the cookie could not travel)', async () => {
    const api = { requestOrigins: vi.fn(async () => false), openTab: vi.fn() }
    const model = new OptionsModel(accessSend() as unknown as Send, api)
    model.workerUrl.value = 'http://127.0.0.1:8787'
    await model.signIn()
    expect(api.requestOrigins).toHaveBeenCalledWith(['http://127.0.0.1/*'])
    expect(api.openTab).not.toHaveBeenCalled()
    expect(model.signInState.value).toEqual({ status: 'refused' })
  })

  it('should ask nothing without a usable relay URL', async () => {
    const api = { requestOrigins: vi.fn(async () => true), openTab: vi.fn() }
    const model = new OptionsModel(accessSend() as unknown as Send, api)
    model.workerUrl.value = 'http://relay.example.com'
    await model.signIn()
    expect(api.requestOrigins).not.toHaveBeenCalled()
    expect(model.signInState.value).toMatchObject({ status: 'error' })
  })

  it('should store no token for a relay behind Access', async () => {
    await settingsItem.setValue({ workerUrl: 'https://relay.example.com', agentToken: 'old-token' })
    const model = new OptionsModel(accessSend() as unknown as Send, { requestOrigins: vi.fn(), openTab: vi.fn() })
    await vi.waitFor(() => expect(model.authMode.value).toBe('access'))
    model.sites.value = 'acme.zendesk.com'
    await model.save()
    expect(await settingsItem.getValue()).toEqual({ workerUrl: 'https://relay.example.com', agentToken: '' })
  })
})

describe('urlProblem', () => {
  it.each([
    ['https://relay.example.workers.dev', null],
    ['http://127.0.0.1:8787', null],
    ['http://localhost:8787', null],
    ['', null],
    ['http://relay.example.com', 'Use https'],
    ['relay.example.com', 'Enter a full URL'],
  ])('should judge %j', (url, problem) => {
    const found = urlProblem(url)
    if (problem === null) expect(found).toBeNull()
    else expect(found).toContain(problem)
  })
})

describe('parseSites', () => {
  it('should split on lines, commas and spaces, lower-case and dedupe', () => {
    expect(parseSites(' A.zendesk.com,\n\nb.io a.zendesk.com ')).toEqual(['a.zendesk.com', 'b.io'])
  })
})

describe('OptionsModel in Firefox (the relay through its host permission)', () => {
  beforeEach(() => fakeBrowser.reset())

  const signInApi = { requestOrigins: vi.fn(), openTab: vi.fn() }
  const firefox = (granted: boolean) => ({ needsHostPermission: () => true, request: vi.fn(async () => granted) })

  it("should ask for the relay's host permission in the Save click, before any await, and still save", async () => {
    const access = firefox(true)
    const model = new OptionsModel(vi.fn() as unknown as Send, signInApi, access)
    await flush()
    model.workerUrl.value = 'https://relay.example.workers.dev/'
    model.agentToken.value = 'idvl_abc'
    const saving = model.save()
    expect(access.request).toHaveBeenCalledWith(['https://relay.example.workers.dev/*'])
    await saving
    expect(model.relayAccess.value).toBe('granted')
    expect(await settingsItem.getValue()).toEqual({ workerUrl: 'https://relay.example.workers.dev/', agentToken: 'idvl_abc' })
    // No ALLOWED_ORIGINS to fill in: the random moz-extension:// origin is never shown.
    expect(model.needsAllowedOrigin.value).toBe(false)
  })

  it('should ask before testing and say so when the agent declined', async () => {
    const access = firefox(false)
    const calls: string[] = []
    access.request.mockImplementation(async () => (calls.push('request'), false))
    const send = vi.fn(async () => (calls.push('test'), { relay: 'unreachable', auth: 'skipped', message: 'blocked' }))
    const model = new OptionsModel(send as unknown as Send, signInApi, access)
    model.workerUrl.value = 'http://127.0.0.1:8787'
    await model.testConnection()
    expect(calls).toEqual(['request', 'test'])
    expect(access.request).toHaveBeenCalledWith(['http://127.0.0.1/*'])
    expect(model.relayAccess.value).toBe('refused')
  })

  it('should ask nothing in Chrome, where the origin goes into ALLOWED_ORIGINS', async () => {
    const chrome = { needsHostPermission: () => false, request: vi.fn() }
    const model = new OptionsModel(vi.fn() as unknown as Send, signInApi, chrome)
    model.workerUrl.value = 'https://relay.example.workers.dev/'
    await model.save()
    expect(chrome.request).not.toHaveBeenCalled()
    expect(model.needsAllowedOrigin.value).toBe(true)
  })
})
