import { fakeBrowser } from 'wxt/testing/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { pendingDetailItem } from '../lib/pending-detail.ts'
import { registerHandlers } from './handlers.ts'
import { openDetailFromCard } from './open-detail.ts'
import { createLookupBudget } from './lookup-budget.ts'
import { createRelay } from './relay-client.ts'
import { recordPageIds, startTabBadges } from './tab-badge.ts'
import { contentScript, extensionPage, sendAs } from '../../test-support/sender-fakes.ts'

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'

/*
Firefox: the side panel is `sidebarAction`, which opens only inside the user's action. The popup's
click is one; a card's click in a page reaches the background as a message, which Firefox does not
count, so there the detail shows in the open sidebar or in the panel opened as a tab.
*/
describe('opening the detail in Firefox', () => {
  let unregister = () => {}
  const sidebar = { open: vi.fn<() => Promise<void>>(), isOpen: vi.fn<(d: { windowId?: number }) => Promise<boolean>>() }

  beforeEach(async () => {
    fakeBrowser.reset()
    sidebar.open.mockReset().mockRejectedValue(new Error('sidebarAction.open may only be called from a user input handler'))
    sidebar.isOpen.mockReset().mockResolvedValue(false)
    Object.assign(fakeBrowser, { sidebarAction: sidebar })
    const relay = createRelay({
      getSettings: async () => ({ workerUrl: 'https://relay.example', agentToken: 't' }),
      fetch: vi.fn(),
      origin: 'moz-extension://x',
    })
    unregister = registerHandlers(relay, { budget: createLookupBudget({ load: async () => null, save: async () => {}, now: () => 0 }) })
  })
  afterEach(() => {
    unregister()
    delete (fakeBrowser as { sidebarAction?: unknown }).sidebarAction
  })

  /** A ticket's tab whose page reported INQUIRY (a card only opens the detail of an ID its frame reported). */
  async function ticketTab() {
    await fakeBrowser.tabs.create({ url: 'https://acme.zendesk.com/agent/tickets/1' })
    const tab = await fakeBrowser.tabs.create({ url: 'https://acme.zendesk.com/agent/tickets/2' })
    startTabBadges(fakeBrowser as never, { writeDelayMs: 0, badgeFirstMs: 0 })
    await recordPageIds(tab.id!, [{ id: INQUIRY, kind: 'persona-inquiry' }])
    return tab
  }

  it("should open the sidebar, not Chrome's side panel, when the popup asks", async () => {
    sidebar.open.mockResolvedValue(undefined)
    const chromePanel = vi.fn(async () => {})
    Object.assign(fakeBrowser, { sidePanel: { open: chromePanel } })
    await sendAs(extensionPage('popup.html'), 'openDetail', { id: INQUIRY, tabId: 3 })
    expect(sidebar.open).toHaveBeenCalledTimes(1)
    expect(chromePanel).not.toHaveBeenCalled()
    expect(await pendingDetailItem.getValue()).toMatchObject({ id: INQUIRY })
    delete (fakeBrowser as { sidePanel?: unknown }).sidePanel
  })

  it('should open the panel as a tab next to the page when a card asks and the sidebar is closed', async () => {
    const tab = await ticketTab()
    const create = vi.spyOn(fakeBrowser.tabs, 'create')
    await sendAs({ ...contentScript(tab.id!), tab }, 'openDetail', { id: INQUIRY })
    expect(create).toHaveBeenCalledWith({
      url: fakeBrowser.runtime.getURL('/sidepanel.html'),
      windowId: tab.windowId,
      index: tab.index + 1,
      openerTabId: tab.id,
    })
    expect((await fakeBrowser.tabs.query({})).some((t) => t.url === fakeBrowser.runtime.getURL('/sidepanel.html'))).toBe(true)
    expect(await pendingDetailItem.getValue()).toMatchObject({ id: INQUIRY })
  })

  it('should leave the detail to the open sidebar (no tab) when a card asks', async () => {
    const tab = await ticketTab()
    sidebar.isOpen.mockResolvedValue(true)
    const before = (await fakeBrowser.tabs.query({})).length
    await sendAs({ ...contentScript(tab.id!), tab }, 'openDetail', { id: INQUIRY })
    expect(sidebar.isOpen).toHaveBeenCalledWith({ windowId: tab.windowId })
    expect(await fakeBrowser.tabs.query({})).toHaveLength(before)
    expect(await pendingDetailItem.getValue()).toMatchObject({ id: INQUIRY })
  })

  it("should open no tab when the popup's own open was refused (it opened the sidebar itself in its click)", async () => {
    await ticketTab()
    const before = (await fakeBrowser.tabs.query({})).length
    await sendAs(extensionPage('popup.html'), 'openDetail', { id: INQUIRY, tabId: 3 })
    expect(await fakeBrowser.tabs.query({})).toHaveLength(before)
  })
})

describe("a card's detail in Chrome", () => {
  afterEach(() => void delete (fakeBrowser as { sidePanel?: unknown }).sidePanel)

  it("should ask for the panel in the message's own turn (the click's gesture) when the worker knows the frame reported the ID", async () => {
    fakeBrowser.reset()
    startTabBadges(fakeBrowser as never, { writeDelayMs: 0, badgeFirstMs: 0 })
    await recordPageIds(5, [{ id: INQUIRY, kind: 'persona-inquiry' }])
    const open = vi.fn(async () => {})
    Object.assign(fakeBrowser, { sidePanel: { open } })
    const opening = openDetailFromCard({ tabId: 5, frameId: 0 }, INQUIRY, undefined)
    expect(open).toHaveBeenCalledWith({ tabId: 5 })
    await opening
    expect(await pendingDetailItem.getValue()).toMatchObject({ id: INQUIRY })
    // Another frame's question: refused in the same turn, nothing opened.
    const refused = openDetailFromCard({ tabId: 5, frameId: 2 }, INQUIRY, undefined)
    expect(open).toHaveBeenCalledTimes(1)
    await expect(refused).rejects.toThrow(/refused/)
  })
})
