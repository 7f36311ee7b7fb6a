import { storage } from '#imports'
import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { PageId, Send } from '../lib/messages.ts'
import { pageIdsKey } from '../lib/page-ids.ts'
import { HELPDESKS, fakeBackground, fakePermissions, showIds } from '../../test-support/page-ids-fakes.ts'
import { createPageIdsStore } from './page-ids-store.ts'

const INQ: PageId = { id: 'inq_zEx4jL84ShbUyuwX6AzPSqt6', kind: 'persona-inquiry' }
const EVT: PageId = { id: 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a', kind: 'persona-event' }
const WIKI = 'https://wiki.example.test/notes/1'

async function setup(
  url: string | undefined,
  options: { granted?: string[]; ids?: PageId[]; running?: boolean; found?: PageId[] | null } = {},
) {
  const perms = fakePermissions(options.granted)
  const bg = fakeBackground(options)
  if (options.ids) await showIds(7, options.ids)
  const store = createPageIdsStore(bg.send as unknown as Send, perms.api)
  await store.load({ id: 7, url })
  return { store, perms, bg }
}

describe('createPageIdsStore', () => {
  beforeEach(() => fakeBrowser.reset())

  it('should list the IDs found on the tab and offer nothing on a helpdesk', async () => {
    const { store } = await setup('https://acme.zendesk.com/agent/tickets/1', { ids: [INQ] })
    expect(store.status.value).toBe('ready')
    expect(store.ids.value).toEqual([INQ])
    expect(store.site.value).toEqual({ kind: 'automatic', host: 'acme.zendesk.com' })
    expect(store.offers.value).toEqual({ find: false, enable: null, disable: null })
  })

  it('should offer nothing where no extension may read the page', async () => {
    const { store, bg } = await setup('chrome://settings/')
    expect(store.site.value).toEqual({ kind: 'restricted' })
    expect(store.offers.value).toEqual({ find: false, enable: null, disable: null })
    expect(bg.send).not.toHaveBeenCalledWith('inlineLookupsRunning', expect.anything())
  })

  it('should offer nothing when there is no tab, or Chrome hides its URL', async () => {
    const perms = fakePermissions()
    const store = createPageIdsStore(fakeBackground().send as unknown as Send, perms.api)
    await store.load(undefined)
    expect(store.status.value).toBe('unavailable')
    expect(store.site.value).toEqual({ kind: 'unknown' })
    const hidden = await setup(undefined)
    expect(hidden.store.site.value).toEqual({ kind: 'unknown' })
    expect(hidden.store.offers.value).toEqual({ find: false, enable: null, disable: null })
  })

  it('should offer to find the IDs and to always run on a site where nothing runs yet', async () => {
    const { store } = await setup(WIKI)
    expect(store.site.value).toEqual({ kind: 'on-request', host: 'wiki.example.test', pattern: 'https://wiki.example.test/*' })
    expect(store.offers.value).toEqual({ find: true, enable: 'wiki.example.test', disable: null })
  })

  it('should not offer to find the IDs where the agent already asked (keyboard, context menu)', async () => {
    const { store } = await setup(WIKI, { running: true })
    expect(store.offers.value).toEqual({ find: false, enable: 'wiki.example.test', disable: null })
  })

  it('should find the IDs through the background and list them at once', async () => {
    const { store, bg } = await setup(WIKI, { found: [INQ, EVT] })
    const finding = store.findIds()
    expect(store.busy.value).toBe('find')
    await finding
    expect(bg.send).toHaveBeenCalledWith('findPageIds', { tabId: 7 })
    expect(store.ids.value).toEqual([INQ, EVT])
    expect(store.running.value).toBe(true)
    expect(store.busy.value).toBeNull()
    // Found: the button goes; making it permanent is still on offer.
    expect(store.offers.value).toEqual({ find: false, enable: 'wiki.example.test', disable: null })
  })

  it('should say so when the page cannot be read, and let the agent try again', async () => {
    const { store } = await setup(WIKI, { found: null })
    await store.findIds()
    expect(store.notice.value).toBe('IDV Lens could not read this page.')
    expect(store.offers.value.find).toBe(true)
  })

  it("should follow the page's reports while open", async () => {
    const { store } = await setup(WIKI, { running: true })
    await storage.setItem(pageIdsKey(7), [INQ])
    await vi.waitFor(() => expect(store.ids.value).toEqual([INQ]))
    await storage.setItem(pageIdsKey(8), [EVT]) // another tab
    await storage.removeItem(pageIdsKey(7))
    await vi.waitFor(() => expect(store.ids.value).toEqual([]))
    store.dispose()
    await storage.setItem(pageIdsKey(7), [EVT])
    expect(store.ids.value).toEqual([])
  })

  it('should ask Chrome for the site inside the click (nothing awaited first), then show it enabled', async () => {
    const { store, perms } = await setup(WIKI)
    const enabling = store.enableSite()
    // Synchronously: the user gesture only lasts until the first await.
    expect(perms.permissions.request).toHaveBeenCalledWith({ origins: ['https://wiki.example.test/*'] })
    expect(store.busy.value).toBe('enable')
    await enabling
    expect(store.site.value).toEqual({ kind: 'enabled', host: 'wiki.example.test', pattern: 'https://wiki.example.test/*' })
    expect(store.offers.value).toEqual({ find: false, enable: null, disable: 'wiki.example.test' })
    expect(store.busy.value).toBeNull()
  })

  it('should change nothing when the agent declines, and explain when Chrome refuses', async () => {
    const { store, perms } = await setup(WIKI)
    perms.permissions.request.mockResolvedValueOnce(false)
    await store.enableSite()
    expect(store.site.value.kind).toBe('on-request')
    expect(store.notice.value).toBeNull()
    perms.permissions.request.mockImplementationOnce(() => {
      throw new Error('This function must be called during a user gesture')
    })
    await store.enableSite()
    expect(store.notice.value).toBe('Chrome did not let IDV Lens run on wiki.example.test.')
    expect(store.busy.value).toBeNull()
  })

  it('should stop on a site enabled before: give the permission back, stop the page, offer to find again', async () => {
    await storage.setItem(pageIdsKey(7), [INQ])
    const { store, perms, bg } = await setup(WIKI, { granted: [...HELPDESKS, 'https://wiki.example.test/*'], ids: [INQ], running: true })
    expect(store.offers.value).toEqual({ find: false, enable: null, disable: 'wiki.example.test' })
    await store.disableSite()
    expect(perms.permissions.remove).toHaveBeenCalledWith({ origins: ['https://wiki.example.test/*'] })
    expect(bg.send).toHaveBeenCalledWith('stopInlineLookups', { tabId: 7 })
    expect(store.site.value.kind).toBe('on-request')
    expect(store.running.value).toBe(false)
    await vi.waitFor(() => expect(store.ids.value).toEqual([]))
    expect(store.offers.value).toEqual({ find: true, enable: 'wiki.example.test', disable: null })
  })

  it('should keep the site enabled and say so when Chrome does not remove the permission', async () => {
    const { store, perms, bg } = await setup(WIKI, { granted: [...HELPDESKS, 'https://wiki.example.test/*'] })
    perms.permissions.remove.mockResolvedValueOnce(false)
    await store.disableSite()
    expect(bg.send).not.toHaveBeenCalledWith('stopInlineLookups', expect.anything())
    expect(store.site.value.kind).toBe('enabled')
    expect(store.notice.value).toBe('Chrome kept IDV Lens running on wiki.example.test.')
  })

  it('should follow permission changes made elsewhere while open (chrome://extensions)', async () => {
    const { store, perms } = await setup(WIKI)
    perms.origins.add('https://wiki.example.test/*')
    perms.listeners.added.forEach((cb) => cb())
    await vi.waitFor(() => expect(store.site.value.kind).toBe('enabled'))
    store.dispose()
    expect(perms.listeners.added.size + perms.listeners.removed.size).toBe(0)
  })
})
