import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { readEffectiveSettings, refreshManagedCache, watchSettings } from './effective-settings.ts'
import { managedPolicyItem } from './managed-policy.ts'
import { managedSettingsItem, managedSiteSettingsItem, managedTeamWorkspacesItem, managedTenantsItem, settingsItem } from './settings.ts'

beforeEach(() => fakeBrowser.reset())

describe('effective settings', () => {
  it('should answer at once while managed storage has not answered yet (browser start)', async () => {
    // Chrome's first managed read after start can take seconds: this one never answers.
    const managedRead = vi.spyOn(fakeBrowser.storage.managed, 'get').mockReturnValue(new Promise(() => {}) as never)
    await settingsItem.setValue({ workerUrl: 'https://mine.example', agentToken: 'mine' })
    void refreshManagedCache()
    expect(await readEffectiveSettings()).toEqual({ workerUrl: 'https://mine.example', agentToken: 'mine' })
    expect(managedRead).toHaveBeenCalledTimes(1) // only by the refresh, which nobody awaits
  })

  it('should lay the cached policy over local settings, field by field', async () => {
    await settingsItem.setValue({ workerUrl: 'https://mine.example', agentToken: 'mine' })
    await refreshManagedCache(async () => ({ workerUrl: 'https://policy.example' }))
    expect(await readEffectiveSettings()).toEqual({ workerUrl: 'https://policy.example', agentToken: 'mine' })
  })

  it('should keep the site part apart from the connection part, and write only what changed', async () => {
    await refreshManagedCache(async () => ({ agentToken: 'policy-token', uuidSites: ['acme.zendesk.com'] }))
    expect(await managedSettingsItem.getValue()).toEqual({ agentToken: 'policy-token' })
    expect(await managedSiteSettingsItem.getValue()).toEqual({ uuidSites: ['acme.zendesk.com'] })

    const onChange = vi.fn()
    const unwatch = watchSettings(onChange)
    await refreshManagedCache(async () => ({ agentToken: 'policy-token', uuidSites: ['acme.zendesk.com'] }))
    expect(onChange).not.toHaveBeenCalled()
    // Policy removed: the cached copy empties and watchers hear of it.
    await refreshManagedCache(async () => ({}))
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled())
    expect(await readEffectiveSettings()).toEqual(await settingsItem.getValue())
    unwatch()
  })

  it('should read real managed storage when refreshing', async () => {
    await fakeBrowser.storage.managed.set({ workerUrl: ' https://policy.example ', uuidSites: ['a.io', 3] })
    await refreshManagedCache()
    expect(await managedSettingsItem.getValue()).toEqual({ workerUrl: 'https://policy.example' })
    expect(await managedSiteSettingsItem.getValue()).toEqual({ uuidSites: ['a.io'] })
  })

  it("should cache the team's reply texts, well-formed ones only, and empty them when policy takes them back", async () => {
    const long = 'x'.repeat(601)
    await fakeBrowser.storage.managed.set({
      replyTexts: {
        en: {
          id_photo: '  Retake\tthe photo.  ',
          'check.selfie_id_comparison': 'Your own selfie, please.',
          'Bad Key': 'no',
          approved: long,
          link: 7,
        },
        de: { approved: 'Alles gut.' },
        fr: { approved: 'Bien.' },
      },
    })
    const expected = {
      en: { id_photo: 'Retake the photo.', 'check.selfie_id_comparison': 'Your own selfie, please.' },
      de: { approved: 'Alles gut.' },
    }
    expect(await refreshManagedCache()).toEqual({ replyTexts: expected })
    expect(await managedPolicyItem.getValue()).toEqual({ replyTexts: expected })
    await fakeBrowser.storage.managed.set({ replyTexts: ['not', 'an', 'object'] })
    await refreshManagedCache()
    expect(await managedPolicyItem.getValue()).toEqual({})
  })

  it("should cache the team's tenants apart, host names only, lower-cased, and empty them when policy takes them back", async () => {
    await fakeBrowser.storage.managed.set({
      tenants: [' Acme.Zendesk.com', 'acme.my.salesforce.com', 'https://x.example/', 7, 'acme.zendesk.com'],
    })
    expect(await refreshManagedCache()).toEqual({ tenants: ['acme.zendesk.com', 'acme.my.salesforce.com'] })
    expect(await managedTenantsItem.getValue()).toEqual(['acme.zendesk.com', 'acme.my.salesforce.com'])
    await fakeBrowser.storage.managed.clear()
    await refreshManagedCache()
    expect(await managedTenantsItem.getValue()).toEqual([])
  })

  it("should cache the team's workspaces apart, known names only, without touching the settings watchers hear of", async () => {
    const onChange = vi.fn()
    const unwatch = watchSettings(onChange)
    await fakeBrowser.storage.managed.set({ teamWorkspaces: ['Gmail', 'teams', 7, 'slack'] })
    expect(await refreshManagedCache()).toEqual({ teamWorkspaces: ['gmail', 'slack'] })
    expect(await managedTeamWorkspacesItem.getValue()).toEqual(['gmail', 'slack'])
    expect(await managedSiteSettingsItem.getValue()).toEqual({})
    expect(await managedSettingsItem.getValue()).toEqual({})
    // Policy takes the list back: the cached copy empties with it.
    await fakeBrowser.storage.managed.clear()
    await refreshManagedCache()
    expect(await managedTeamWorkspacesItem.getValue()).toEqual([])
    expect(onChange).not.toHaveBeenCalled()
    unwatch()
  })

  it('should ignore a teamWorkspaces that is no list', async () => {
    await fakeBrowser.storage.managed.set({ teamWorkspaces: 'gmail', workerUrl: 'https://policy.example' })
    expect(await refreshManagedCache()).toEqual({ workerUrl: 'https://policy.example' })
    expect(await managedTeamWorkspacesItem.getValue()).toEqual([])
  })
})
