import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { refreshManagedCache } from '../lib/effective-settings.ts'
import { managedSiteSettingsItem, siteSettingsItem } from '../lib/settings.ts'
import { followUuidFlag } from './uuid-flag.ts'

beforeEach(() => fakeBrowser.reset())

describe('followUuidFlag', () => {
  it('should start from the agent\'s list and report when the agent switches UUIDs on for this site', async () => {
    await siteSettingsItem.setValue({ uuidSites: ['other.zendesk.com'] })
    const onChange = vi.fn()
    const flag = await followUuidFlag('acme.zendesk.com', onChange)
    expect(flag.uuids).toBe(false)
    await siteSettingsItem.setValue({ uuidSites: ['*.zendesk.com'] })
    await vi.waitFor(() => expect(onChange).toHaveBeenLastCalledWith(true))
    flag.stop()
  })

  it('should follow policy from the cached copy, without reading managed storage', async () => {
    const managedRead = vi.spyOn(fakeBrowser.storage.managed, 'get')
    await managedSiteSettingsItem.setValue({ uuidSites: ['acme.zendesk.com'] })
    const flag = await followUuidFlag('acme.zendesk.com', () => {})
    expect(flag.uuids).toBe(true)
    expect(managedRead).not.toHaveBeenCalled()
    flag.stop()
  })

  it('should apply policy that reaches the cache after the page started', async () => {
    const onChange = vi.fn()
    const flag = await followUuidFlag('acme.zendesk.com', onChange)
    expect(flag.uuids).toBe(false)
    await refreshManagedCache(async () => ({ uuidSites: ['acme.zendesk.com'] }))
    await vi.waitFor(() => expect(onChange).toHaveBeenLastCalledWith(true))
    flag.stop()
  })
})
