import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { siteSettingsItem } from '../lib/settings.ts'
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

  it('should follow policy pushed through managed storage', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockResolvedValue({ uuidSites: ['acme.zendesk.com'] } as never)
    const flag = await followUuidFlag('acme.zendesk.com', () => {})
    expect(flag.uuids).toBe(true)
    flag.stop()
  })
})
