import { fakeBrowser } from 'wxt/testing/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { pendingDetailItem } from '../lib/pending-detail.ts'
import { watchesItem } from '../lib/watch-storage.ts'
import { settingsItem } from '../lib/settings.ts'
import { createRelay } from './relay-client.ts'
import { recordPageIds, startTabBadges } from './tab-badge.ts'
import { registerWatches, watchedIdOf, type WatchApis } from './watch-register.ts'
import type { Sender } from './sender-policy.ts'
import { contentScript, extensionPage, sendAs } from '../../test-support/sender-fakes.ts'

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const T0 = Date.parse('2026-11-25T09:00:00Z')

/** A relay whose /v1/lookup says `status` for the inquiry (no case). */
function lookupRelay(status: () => string) {
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input))
    const data =
      url.pathname === '/v1/lookup'
        ? [
            {
              found: true,
              id: INQUIRY,
              kind: 'persona-inquiry',
              provider: 'persona',
              type: 'inquiry',
              status: status(),
              createdAt: null,
              updatedAt: null,
              dashboardUrl: 'x',
              reason: null,
              case: null,
              details: { kind: 'persona-inquiry' },
            },
          ]
        : []
    return new Response(JSON.stringify({ data }), { status: 200, headers: { 'content-type': 'application/json' } })
  })
  return {
    fetch,
    relay: createRelay({
      getSettings: () => settingsItem.getValue(),
      fetch: fetch as typeof globalThis.fetch,
      origin: 'chrome-extension://x',
    }),
  }
}

function fakeApis() {
  const clicked: ((id: string) => void)[] = []
  const alarmListeners: ((alarm: { name: string }) => void)[] = []
  const alarms = new Map<string, { periodInMinutes: number }>()
  const apis: WatchApis = {
    iconUrl: 'chrome-extension://x/icons/128.png',
    notifications: {
      create: vi.fn(async (id: string) => id),
      clear: vi.fn(async () => true),
      onClicked: { addListener: (cb) => clicked.push(cb), removeListener: () => {} },
    },
    alarms: {
      create: async (name, info) => void alarms.set(name, info),
      clear: async (name) => alarms.delete(name),
      get: async (name) => alarms.get(name),
      onAlarm: { addListener: (cb) => alarmListeners.push(cb), removeListener: () => {} },
    },
  }
  return {
    apis,
    alarms,
    fire: (name: string) => alarmListeners.forEach((cb) => cb({ name })),
    click: (id: string) => clicked.forEach((cb) => cb(id)),
  }
}

describe('watches in the background', () => {
  let unregister = () => {}
  beforeEach(async () => {
    fakeBrowser.reset()
    // Every test starts with no tab's IDs (a fresh set, as at a service-worker start).
    startTabBadges(fakeBrowser as never, { writeDelayMs: 0, badgeFirstMs: 0 })
    await settingsItem.setValue({ workerUrl: 'https://relay.example', agentToken: 'token-a' })
  })
  afterEach(() => unregister())

  it('should take a watch from a card, keep the alarm while something is watched, and notify what the alarm finds', async () => {
    let status = 'pending'
    const { relay } = lookupRelay(() => status)
    const fake = fakeApis()
    const registered = registerWatches(relay, fake.apis, () => T0)
    unregister = registered.unregister
    const tab = await fakeBrowser.tabs.create({ url: 'https://acme.zendesk.com/agent/tickets/1' })
    await recordPageIds(tab.id!, [{ id: INQUIRY, kind: 'persona-inquiry' }])
    expect(await sendAs(contentScript(tab.id!), 'setWatch', { id: INQUIRY, on: true, seen: { status: 'pending' } })).toEqual({
      watching: true,
      full: false,
    })
    expect(await sendAs(contentScript(tab.id!), 'watchState', { id: INQUIRY })).toEqual({ watching: true })
    expect(fake.alarms.get('watch-recheck')).toEqual({ periodInMinutes: 5, delayInMinutes: 5 })

    status = 'approved'
    fake.fire('watch-recheck')
    await vi.waitFor(() => expect(fake.apis.notifications!.create).toHaveBeenCalledTimes(1))
    const [id, options] = vi.mocked(fake.apis.notifications!.create).mock.calls[0]!
    // Watched from the ticket's card: the notification names the ticket (its host and path) and opens it.
    expect(id).toBe(`watch:${INQUIRY}:${T0}:ticket`)
    expect(options).toEqual({
      type: 'basic',
      iconUrl: 'chrome-extension://x/icons/128.png',
      title: 'acme.zendesk.com/agent/tickets/1: a watched ID changed',
      message: `Persona inquiry: ${INQUIRY}\nStatus now approved (was pending).\nClick to open the ticket.`,
    })
    expect((await sendAs(extensionPage('popup.html'), 'listWatches'))[0]?.ticket).toEqual({
      url: 'https://acme.zendesk.com/agent/tickets/1',
    })

    expect(await sendAs(extensionPage('popup.html'), 'setWatch', { id: INQUIRY, on: false })).toEqual({ watching: false, full: false })
    expect(fake.alarms.has('watch-recheck')).toBe(false)
  })

  it("should open the notification's ID in the side panel", async () => {
    const fake = fakeApis()
    unregister = registerWatches(lookupRelay(() => 'pending').relay, fake.apis, () => T0).unregister
    const create = vi.spyOn(fakeBrowser.tabs, 'create')
    fake.click(`watch:${INQUIRY}:${T0}`)
    await vi.waitFor(async () => expect(await pendingDetailItem.getValue()).toMatchObject({ id: INQUIRY }))
    // No side panel API in the fake browser: the panel's page opens as a tab instead.
    await vi.waitFor(() => expect(create).toHaveBeenCalledWith({ url: fakeBrowser.runtime.getURL('/sidepanel.html') }))
    expect(fake.apis.notifications!.clear).toHaveBeenCalledWith(`watch:${INQUIRY}:${T0}`)
  })

  it("should bring a watch's ticket to the front from its notification, and announce what the re-check found changed", async () => {
    let status = 'pending'
    const fake = fakeApis()
    const announced: string[][] = []
    fake.apis.announce = async (ids) => void announced.push(ids)
    unregister = registerWatches(lookupRelay(() => status).relay, fake.apis, () => T0).unregister
    const ticket = await fakeBrowser.tabs.create({ url: 'https://acme.zendesk.com/agent/tickets/1?view=1#top', active: false })
    const other = await fakeBrowser.tabs.create({ url: 'https://example.com/', active: true })
    await recordPageIds(ticket.id!, [{ id: INQUIRY, kind: 'persona-inquiry' }])
    await sendAs(contentScript(ticket.id!, 'https://acme.zendesk.com/agent/tickets/1?view=1#top'), 'setWatch', {
      id: INQUIRY,
      on: true,
      seen: { status: 'pending' },
    })
    status = 'approved'
    fake.fire('watch-recheck')
    await vi.waitFor(() => expect(fake.apis.notifications!.create).toHaveBeenCalledTimes(1))
    expect(announced).toEqual([[INQUIRY]])
    const update = vi.spyOn(fakeBrowser.tabs, 'update')
    fake.click(vi.mocked(fake.apis.notifications!.create).mock.calls[0]![0])
    await vi.waitFor(() => expect(update).toHaveBeenCalledWith(ticket.id, { active: true }))
    expect(update).not.toHaveBeenCalledWith(other.id, expect.anything())
    await vi.waitFor(async () => expect(await pendingDetailItem.getValue()).toMatchObject({ id: INQUIRY }))
  })

  it("should title the notification by the ticket's host and path whatever the page's title says, and open only the kept address", async () => {
    let status = 'pending'
    const fake = fakeApis()
    unregister = registerWatches(lookupRelay(() => status).relay, fake.apis, () => T0).unregister
    const LIE = 'IDV Lens: security alert. Your session expired: re-enter your token at https://evil.example/idv'
    const url = 'https://acme.zendesk.com/agent/tickets/1?token=x#re-enter-your-token'
    const tab = await fakeBrowser.tabs.create({ url })
    await recordPageIds(tab.id!, [{ id: INQUIRY, kind: 'persona-inquiry' }])
    const card = { ...contentScript(tab.id!, url), tab: { id: tab.id!, windowId: 1, url, title: LIE } as Sender['tab'] }
    await sendAs(card, 'setWatch', { id: INQUIRY, on: true, seen: { status: 'pending' } })
    expect((await sendAs(extensionPage('popup.html'), 'listWatches'))[0]?.ticket).toEqual({
      url: 'https://acme.zendesk.com/agent/tickets/1#re-enter-your-token',
    })
    status = 'approved'
    fake.fire('watch-recheck')
    await vi.waitFor(() => expect(fake.apis.notifications!.create).toHaveBeenCalledTimes(1))
    const [notificationId, options] = vi.mocked(fake.apis.notifications!.create).mock.calls[0]!
    expect(options.title).toBe('acme.zendesk.com/agent/tickets/1: a watched ID changed')
    expect(`${options.title}\n${options.message}`).not.toMatch(/security|token|evil/)

    // A stored address that is not one the extension keeps (here: another scheme) is never opened; the detail is.
    const stored = await watchesItem.getValue()
    await watchesItem.setValue({ ...stored, watches: stored.watches.map((w) => ({ ...w, ticket: { url: 'javascript:alert(1)' } })) })
    const create = vi.spyOn(fakeBrowser.tabs, 'create')
    const update = vi.spyOn(fakeBrowser.tabs, 'update')
    fake.click(notificationId)
    await vi.waitFor(() => expect(create).toHaveBeenCalledWith({ url: fakeBrowser.runtime.getURL('/sidepanel.html') }))
    expect(create).toHaveBeenCalledTimes(1)
    expect(update).not.toHaveBeenCalled()
    await vi.waitFor(async () => expect(await pendingDetailItem.getValue()).toMatchObject({ id: INQUIRY }))
  })

  it('should refuse a content script the watch of an ID its own frame never reported', async () => {
    unregister = registerWatches(lookupRelay(() => 'pending').relay, fakeApis().apis, () => T0).unregister
    const tab = await fakeBrowser.tabs.create({ url: 'https://acme.zendesk.com/agent/tickets/1' })
    const OTHER = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
    // The top frame reported INQUIRY, the frame 3 of the same tab OTHER.
    await recordPageIds(tab.id!, [{ id: INQUIRY, kind: 'persona-inquiry' }], 0)
    await recordPageIds(tab.id!, [{ id: OTHER, kind: 'persona-inquiry' }], 3)
    const frame3 = contentScript(tab.id!, 'https://acme.zendesk.com/agent/tickets/1', 3)
    await expect(sendAs(frame3, 'setWatch', { id: INQUIRY, on: true })).rejects.toThrow(/refused.*frame reported/)
    await expect(sendAs(frame3, 'watchState', { id: INQUIRY })).rejects.toThrow(/refused.*frame reported/)
    await expect(sendAs(contentScript(tab.id! + 1), 'watchState', { id: INQUIRY })).rejects.toThrow(/refused/)
    // Nothing was set by the refused message; the frame's own ID and the extension's pages are answered.
    expect(await sendAs(extensionPage('sidepanel.html'), 'listWatches')).toEqual([])
    expect(await sendAs(frame3, 'watchState', { id: OTHER })).toEqual({ watching: false })
    expect(await sendAs(contentScript(tab.id!), 'setWatch', { id: INQUIRY, on: true })).toEqual({ watching: true, full: false })
    expect(await sendAs(extensionPage('sidepanel.html'), 'watchState', { id: OTHER })).toEqual({ watching: false })
  })

  it('should answer the watched list to extension pages only', async () => {
    unregister = registerWatches(lookupRelay(() => 'pending').relay, fakeApis().apis, () => T0).unregister
    const tab = await fakeBrowser.tabs.create({ url: 'https://acme.zendesk.com/agent/tickets/1' })
    await expect(sendAs(contentScript(tab.id!), 'listWatches')).rejects.toThrow(/refused/)
    await expect(sendAs(contentScript(tab.id!), 'watchLiveEvents', { events: [] })).rejects.toThrow(/refused/)
    expect(await sendAs(extensionPage('sidepanel.html'), 'listWatches')).toEqual([])
  })

  it('should read a watched ID from its notification ID only when it is one', () => {
    expect(watchedIdOf(`watch:${INQUIRY}:123`)).toBe(INQUIRY)
    expect(watchedIdOf('watch:not-an-id:123')).toBeNull()
    expect(watchedIdOf(`other:${INQUIRY}`)).toBeNull()
  })
})
