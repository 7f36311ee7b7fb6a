import { fakeBrowser } from 'wxt/testing/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { storage } from '#imports'
import type { PageId } from '../lib/messages.ts'
import { pageIdsKey } from '../lib/page-ids.ts'
import { cardFieldsItem, settingsItem, siteSettingsItem, uuidHelpdesksItem } from '../lib/settings.ts'
import { CARD_FIELDS } from '../lib/card-fields.ts'
import { contentScript, extensionPage, sendAs } from '../../test-support/sender-fakes.ts'
import { FOCUS_SEARCH_COMMAND, LOOKUP_MENU_ID, SCAN_PAGE_MENU_ID, SHOW_IDS_COMMAND } from './menus-and-commands.ts'
import { OPEN_PANEL_COMMAND } from './card-commands.ts'
import { pendingDetailItem, pendingSearchFocusItem } from '../lib/pending-detail.ts'
import { registerInlineLookups } from './page-lookups.ts'
import { ENABLED_SITES_SCRIPT_ID, syncEnabledSites } from './site-registration.ts'
import { badgeText, recordPageIds } from './tab-badge.ts'
import { TAB_STORAGE_BYTES } from './tab-ids-storage.ts'

const { openDetailView, sendToContent, openSidePanel } = vi.hoisted(() => ({
  openDetailView: vi.fn(),
  sendToContent: vi.fn(),
  openSidePanel: vi.fn(async () => true),
}))
vi.mock('./open-detail.ts', () => ({ openDetailView }))
vi.mock('../lib/side-panel.ts', () => ({ openSidePanel }))
vi.mock('../lib/content-messages.ts', () => ({ sendToContent, CONTENT_SCRIPT_FILE: '/content-scripts/inline-lookups.js' }))

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const EVT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'
const IQSE = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'

/** An event the test can fire (fakeBrowser leaves these APIs unimplemented). */
function fakeEvent<A extends unknown[]>() {
  const listeners = new Set<(...args: A) => void>()
  return {
    addListener: (cb: (...args: A) => void) => listeners.add(cb),
    removeListener: (cb: (...args: A) => void) => listeners.delete(cb),
    trigger: (...args: A) => listeners.forEach((cb) => cb(...args)),
  }
}

function fakeApis() {
  const registered = new Map<string, { id: string; matches: string[]; excludeMatches?: string[] }>()
  const granted = { origins: [] as string[] }
  return {
    granted,
    registered,
    contextMenus: {
      create: vi.fn(),
      remove: vi.fn(async () => {}),
      onClicked: fakeEvent<[{ menuItemId: string; selectionText?: string }, { id?: number }?]>(),
    },
    commands: { onCommand: fakeEvent<[string, { id?: number }?]>() },
    permissions: {
      getAll: vi.fn(async () => ({ origins: [...granted.origins] })),
      onAdded: fakeEvent<[{ origins?: string[] }]>(),
      onRemoved: fakeEvent<[{ origins?: string[] }]>(),
    },
    scripting: {
      executeScript: vi.fn(async (_details: { target: { tabId: number }; files: string[] }): Promise<unknown[]> => []),
      getRegisteredContentScripts: vi.fn(async ({ ids }: { ids: string[] }) =>
        ids.flatMap((id) => (registered.has(id) ? [registered.get(id)!] : [])),
      ),
      registerContentScripts: vi.fn(async (scripts: { id: string; matches: string[] }[]) =>
        scripts.forEach((s) => registered.set(s.id, s)),
      ),
      updateContentScripts: vi.fn(async (scripts: { id: string; matches: string[] }[]) => scripts.forEach((s) => registered.set(s.id, s))),
      unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => ids.forEach((id) => registered.delete(id))),
    },
  }
}

type Fakes = ReturnType<typeof fakeApis>
const apiOf = (f: Fakes) => ({ ...fakeBrowser, ...f }) as unknown as Parameters<typeof registerInlineLookups>[0]

/** A tab's IDs where the background keeps them for the popup (storage.session). */
const storedIds = async (tabId: number) => (await storage.getItem<PageId[]>(pageIdsKey(tabId))) ?? []
/** Lets the handlers' pending promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
/** A content script in `tabId` reporting. */
async function report(tabId: number, ids: { id: string; kind: string }[], frameId = 0) {
  await sendAs(contentScript(tabId, undefined, frameId), 'reportPageIds', { ids: ids as PageId[] })
  await settle()
}
const POPUP = () => extensionPage('popup.html')
/** storage.session written right behind each report (the worker waits WRITE_DELAY_MS to gather a burst, and BADGE_FIRST_MS after the badge). */
const NO_WRITE_DELAY = { writeDelayMs: 0, badgeFirstMs: 0 }

describe('badgeText', () => {
  it.each([
    [0, ''],
    [1, '1'],
    [120, '120'],
    [999, '999'],
    [1000, '999+'],
  ])('should show %i IDs as "%s"', (count, text) => {
    expect(badgeText(count)).toBe(text)
  })
})

describe('registerInlineLookups', () => {
  let fakes: Fakes
  let unregister = () => {}

  beforeEach(() => {
    fakeBrowser.reset()
    vi.clearAllMocks()
    sendToContent.mockResolvedValue(true)
    fakes = fakeApis()
    unregister = registerInlineLookups(apiOf(fakes), NO_WRITE_DELAY)
  })
  afterEach(() => unregister())

  it('should keep the distinct IDs a tab reports, badge their number, and hand them to the popup', async () => {
    await report(7, [
      { id: INQ, kind: 'persona-inquiry' },
      { id: EVT, kind: 'persona-event' },
      { id: INQ, kind: 'persona-inquiry' },
    ])
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('2')
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toBe('IDV Lens: 2 IDs on this page')
    expect(await storedIds(7)).toEqual([
      { id: INQ, kind: 'persona-inquiry' },
      { id: EVT, kind: 'persona-event' },
    ])
    expect(await storedIds(8)).toEqual([])
  })

  it('should refuse reports from anything but a content script, and reports that are not IDs', async () => {
    await expect(sendAs(POPUP(), 'reportPageIds', { ids: [{ id: INQ, kind: 'persona-inquiry' }] })).rejects.toThrow(/refused/)
    for (const ids of [
      [{ id: 'Dear customer, your SSN is 123-45-6789', kind: 'persona-inquiry' }],
      [{ id: EVT, kind: 'persona-inquiry' }],
      [{ id: INQ, kind: 'made-up' }],
      Array.from({ length: 2001 }, () => ({ id: INQ, kind: 'persona-inquiry' })),
    ]) {
      await expect(sendAs(contentScript(7), 'reportPageIds', { ids: ids as PageId[] })).rejects.toThrow(/refused/)
    }
    expect(await storedIds(7)).toEqual([])
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('')
  })

  it("should give a content script its own site's settings only, and tell open tabs when settings change", async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 3 }, { id: 4 }] as never)
    await settingsItem.setValue({ workerUrl: 'https://relay.example.com', agentToken: 'secret-token' })
    // The list alone decides here: the built-in helpdesks' default is off.
    await uuidHelpdesksItem.setValue(false)
    await siteSettingsItem.setValue({ uuidSites: ['acme.zendesk.com'] })
    await settle()
    sendToContent.mockClear()
    const answer = await sendAs(contentScript(3, 'https://acme.zendesk.com/agent/tickets/1'), 'contentSettings')
    expect(answer).toEqual({ uuids: true, cardFields: [...CARD_FIELDS] })
    expect(JSON.stringify(answer)).not.toContain('secret-token')
    // An about:blank frame goes by its creator's origin.
    expect(await sendAs({ ...contentScript(3, 'about:blank'), origin: 'https://other.zendesk.com' }, 'contentSettings')).toMatchObject({
      uuids: false,
    })
    await expect(sendAs(POPUP(), 'contentSettings')).rejects.toThrow(/refused/)

    await siteSettingsItem.setValue({ uuidSites: [] })
    await vi.waitFor(() => expect(sendToContent).toHaveBeenCalledWith('settingsChanged', undefined, 4))
    expect(sendToContent).toHaveBeenCalledWith('settingsChanged', undefined, 3)
    expect(await sendAs(contentScript(3, 'https://acme.zendesk.com/agent/tickets/1'), 'contentSettings')).toMatchObject({ uuids: false })

    // The card's facts: the agent's own list, and tabs are told when it changes.
    sendToContent.mockClear()
    await cardFieldsItem.setValue(['country', 'created'])
    await vi.waitFor(() => expect(sendToContent).toHaveBeenCalledWith('settingsChanged', undefined, 3))
    expect(await sendAs(contentScript(3, 'https://acme.zendesk.com/agent/tickets/1'), 'contentSettings')).toEqual({
      uuids: false,
      cardFields: ['country', 'created'],
    })
  })

  it("should count bare UUIDs by default on a built-in helpdesk's agent pages only, until the agent turns it off", async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 3 }] as never)
    const uuidsOn = async (url: string, frame?: { id: number; top: string }) =>
      ((await sendAs(frame ? contentScript(3, url, frame.id, frame.top) : contentScript(3, url), 'contentSettings')) as { uuids: boolean })
        .uuids
    // Nothing set: a Zendesk ticket and a frame of it, Intercom's inbox; never the Help Center on the same host, nor another site.
    expect(await uuidsOn('https://acme.zendesk.com/agent/tickets/1')).toBe(true)
    expect(await uuidsOn('https://acme.zendesk.com/embedded/body', { id: 5, top: 'https://acme.zendesk.com/agent/tickets/1' })).toBe(true)
    expect(await uuidsOn('https://app.intercom.com/a/inbox/x/inbox/conversation/1')).toBe(true)
    expect(await uuidsOn('https://acme.zendesk.com/hc/en-us/articles/1')).toBe(false)
    expect(await uuidsOn('https://tickets.example.com/t/1')).toBe(false)
    await uuidHelpdesksItem.setValue(false)
    await vi.waitFor(() => expect(sendToContent).toHaveBeenCalledWith('settingsChanged', undefined, 3))
    expect(await uuidsOn('https://acme.zendesk.com/agent/tickets/1')).toBe(false)
    // A site the agent lists counts either way.
    await siteSettingsItem.setValue({ uuidSites: ['tickets.example.com'] })
    await vi.waitFor(async () => expect(await uuidsOn('https://tickets.example.com/t/1')).toBe(true))
  })

  it("should count the IDs of every frame of a tab once, top frame first, and follow each frame's reports", async () => {
    await report(7, [{ id: INQ, kind: 'persona-inquiry' }])
    // A ticket body in an iframe (frame 3) and an email view (frame 5), sharing an ID with the page.
    await report(
      7,
      [
        { id: EVT, kind: 'persona-event' },
        { id: INQ, kind: 'persona-inquiry' },
      ],
      5,
    )
    await report(7, [{ id: IQSE, kind: 'persona-inquiry-session' }], 3)
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('3')
    expect((await storedIds(7)).map((p) => p.id)).toEqual([INQ, IQSE, EVT])
    // The email view goes away (it reports nothing on its way out): its IDs leave the union.
    await report(7, [], 5)
    expect((await storedIds(7)).map((p) => p.id)).toEqual([INQ, IQSE])
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('2')
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toBe('IDV Lens: 2 IDs on this page')
    // A new page in the tab forgets every frame.
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'loading' }, { id: 7 } as never)
    await settle()
    await report(7, [{ id: EVT, kind: 'persona-event' }])
    expect((await storedIds(7)).map((p) => p.id)).toEqual([EVT])
  })

  it("should keep a tab's storage under its cap however many frames report, dropping the oldest frames first and never the page's own", async () => {
    // 20 frames of 500 distinct IDs each (the issue's 20-frame conversation), one after the other.
    const idsOf = (frame: number) =>
      Array.from({ length: 500 }, (_, i) => ({ id: `inq_${`F${frame}N${i}Z${'X'.repeat(24)}`.slice(0, 24)}`, kind: 'persona-inquiry' }))
    await report(7, [{ id: INQ, kind: 'persona-inquiry' }])
    for (let frame = 1; frame <= 20; frame++) await report(7, idsOf(frame), frame)
    const stored = await fakeBrowser.storage.session.get(null)
    const bytes = Object.entries(stored)
      .filter(([key]) => key.endsWith('.7'))
      .reduce((sum, [key, value]) => sum + key.length + JSON.stringify(value).length, 0)
    // Chrome counts more than the JSON (the browser test reads its own figure); the JSON is a floor.
    expect(bytes).toBeLessThanOrEqual(TAB_STORAGE_BYTES)
    const ids = (await storedIds(7)).map((p) => p.id)
    // Enough for the badge to say "999+".
    expect(ids.length).toBeGreaterThanOrEqual(1000)
    // The page's own ID first, the newest frames' IDs whole, the oldest frame's gone.
    expect(ids[0]).toBe(INQ)
    expect(ids).toEqual(expect.arrayContaining(idsOf(20).map((p) => p.id)))
    expect(ids).toEqual(expect.arrayContaining(idsOf(19).map((p) => p.id)))
    expect(ids).not.toContain(idsOf(1)[0]!.id)
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('999+')
    // The stored frames still say which frame showed what: the newest frame leaving takes its IDs.
    await report(7, [], 20)
    expect((await storedIds(7)).map((p) => p.id)).not.toContain(idsOf(20)[0]!.id)
    expect((await storedIds(7)).map((p) => p.id)).toContain(idsOf(19)[0]!.id)
  })

  it("should answer a frame's report from memory: storage.session is read once per tab and worker start, and written behind", async () => {
    const idsOf = (frame: number) =>
      Array.from({ length: 50 }, (_, i) => ({ id: `inq_${`F${frame}N${i}Z${'X'.repeat(24)}`.slice(0, 24)}`, kind: 'persona-inquiry' }))
    await report(7, [{ id: INQ, kind: 'persona-inquiry' }])
    const reads = vi.spyOn(fakeBrowser.storage.session, 'get')
    for (let frame = 1; frame <= 10; frame++) await report(7, idsOf(frame), frame)
    expect(reads).not.toHaveBeenCalled()
    expect((await storedIds(7)).length).toBe(1 + 10 * 50)
    reads.mockClear()

    // A burst of reports while a write is in flight: fewer writes than reports, the last state stored.
    const writes = vi.spyOn(fakeBrowser.storage.session, 'set')
    await Promise.all(Array.from({ length: 10 }, (_, i) => recordPageIds(7, idsOf(100 + i).slice(0, 1 + i) as PageId[], 1)))
    expect(writes.mock.calls.length).toBeLessThan(10)
    expect(reads).not.toHaveBeenCalled()
    expect((await storedIds(7)).map((p) => p.id)).toEqual(
      expect.arrayContaining(
        idsOf(109)
          .slice(0, 10)
          .map((p) => p.id),
      ),
    )
    expect((await storedIds(7)).map((p) => p.id)).not.toContain(idsOf(1)[0]!.id)
  })

  it("should pick a tab's IDs up from storage.session after the service worker restarted", async () => {
    await report(7, [{ id: INQ, kind: 'persona-inquiry' }])
    await report(7, [{ id: EVT, kind: 'persona-event' }], 4)
    // A new worker: nothing in memory, what was stored is still there.
    unregister()
    unregister = registerInlineLookups(apiOf(fakes), NO_WRITE_DELAY)
    await report(7, [{ id: IQSE, kind: 'persona-inquiry-session' }], 6)
    expect((await storedIds(7)).map((p) => p.id)).toEqual([INQ, EVT, IQSE])
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('3')
    // The frame that reported before the restart still leaves with its IDs.
    await report(7, [], 4)
    expect((await storedIds(7)).map((p) => p.id)).toEqual([INQ, IQSE])
  })

  it('should drop the IDs of frames that are gone when the page says an iframe left', async () => {
    await report(7, [{ id: INQ, kind: 'persona-inquiry' }])
    await report(7, [{ id: EVT, kind: 'persona-event' }], 5)
    await report(7, [{ id: IQSE, kind: 'persona-inquiry-session' }], 3)
    // Frame 5 closed: it no longer answers; frame 3 still does.
    sendToContent.mockImplementation(async (type: string, _data: unknown, target: { frameId?: number }) => {
      if (type === 'ping' && target.frameId === 5) throw new Error('Could not establish connection. Receiving end does not exist.')
      return true
    })
    // Only a content script may ask, and only for its own tab.
    await expect(sendAs(POPUP(), 'framesRemoved')).rejects.toThrow(/refused/)
    expect((await storedIds(7)).map((p) => p.id)).toEqual([INQ, IQSE, EVT])
    await sendAs(contentScript(7), 'framesRemoved')
    await vi.waitFor(async () => expect((await storedIds(7)).map((p) => p.id)).toEqual([INQ, IQSE]))
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('2')
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toBe('IDV Lens: 2 IDs on this page')
  })

  it("should set the badge before it stores the tab's IDs (the agent waits for the badge)", async () => {
    const storedWhenShown: number[] = []
    const setBadgeText = fakeBrowser.action.setBadgeText.bind(fakeBrowser.action)
    vi.spyOn(fakeBrowser.action, 'setBadgeText').mockImplementation(async (details) => {
      storedWhenShown.push((await storedIds(7)).length)
      return setBadgeText(details)
    })
    await recordPageIds(7, [{ id: INQ, kind: 'persona-inquiry' }])
    await recordPageIds(7, [
      { id: INQ, kind: 'persona-inquiry' },
      { id: EVT, kind: 'persona-event' },
    ])
    expect(storedWhenShown).toEqual([0, 1])
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('2')
    expect((await storedIds(7)).map((p) => p.id)).toEqual([INQ, EVT])
  })

  it("should apply one tab's reports in the order they came", async () => {
    await Promise.all([
      recordPageIds(7, [{ id: INQ, kind: 'persona-inquiry' }]),
      recordPageIds(7, [
        { id: INQ, kind: 'persona-inquiry' },
        { id: EVT, kind: 'persona-event' },
      ]),
      recordPageIds(7, []),
    ])
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('')
  })

  it('should clear a tab when it loads a new page or closes, and leave other tabs alone', async () => {
    await report(7, [{ id: INQ, kind: 'persona-inquiry' }])
    await report(9, [{ id: EVT, kind: 'persona-event' }])
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'loading' }, { id: 7 } as never)
    await fakeBrowser.tabs.onRemoved.trigger(9, { windowId: 1, isWindowClosing: false })
    await settle()
    expect(await storedIds(7)).toEqual([])
    expect(await storedIds(9)).toEqual([])
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('')
  })

  it('should ask a page that survived a "loading" (single-page app) to report again', async () => {
    await report(7, [{ id: INQ, kind: 'persona-inquiry' }])
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'loading' }, { id: 7 } as never)
    await settle()
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'complete' }, { id: 7 } as never)
    expect(sendToContent).toHaveBeenCalledWith('reportPageIdsAgain', undefined, 7)
    // A tab that had no IDs is not bothered.
    await fakeBrowser.tabs.onUpdated.trigger(8, { status: 'loading' }, { id: 8 } as never)
    await settle()
    await fakeBrowser.tabs.onUpdated.trigger(8, { status: 'complete' }, { id: 8 } as never)
    expect(sendToContent).toHaveBeenCalledTimes(1)
  })

  it('should start inline lookups in a sandboxed, blob: or data: frame of an agent workspace, into that frame only, and nowhere else', async () => {
    const inFrame = (url: string, page: string, frameId = 3) => {
      const sender = contentScript(5, url, frameId)
      return { ...sender, tab: { ...sender.tab!, url: page } }
    }
    expect(await sendAs(inFrame('data:text/html,<p>x</p>', 'https://acme.zendesk.com/agent/tickets/9'), 'startInFallbackFrame')).toBe(true)
    expect(fakes.scripting.executeScript).toHaveBeenCalledWith({
      target: { tabId: 5, frameIds: [3] },
      files: ['/content-scripts/inline-lookups.js'],
    })
    fakes.scripting.executeScript.mockClear()
    expect(await sendAs(inFrame('about:srcdoc', 'https://acme.zendesk.com/hc/en-us/articles/1'), 'startInFallbackFrame')).toBe(false)
    expect(await sendAs(inFrame('https://acme.zendesk.com/', 'https://acme.zendesk.com/', 0), 'startInFallbackFrame')).toBe(false)
    expect(fakes.scripting.executeScript).not.toHaveBeenCalled()
  })

  it('should add the context menus on install', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false } as never)
    await settle()
    expect(fakes.contextMenus.create).toHaveBeenCalledWith({ id: LOOKUP_MENU_ID, title: 'Look up in IDV Lens', contexts: ['selection'] })
    expect(fakes.contextMenus.create).toHaveBeenCalledWith(expect.objectContaining({ id: SCAN_PAGE_MENU_ID, contexts: ['page'] }))
  })

  it('should put the new content script into open agent workspaces after an update, and only then', async () => {
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ content_scripts: [{ matches: [], all_frames: false }] } as never)
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 21 }, { id: 22, discarded: true }, { id: 23 }] as never)
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false } as never)
    await settle()
    expect(fakes.scripting.executeScript).not.toHaveBeenCalled()

    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9', temporary: false } as never)
    await vi.waitFor(() => expect(fakes.scripting.executeScript).toHaveBeenCalledTimes(2))
    expect(fakes.scripting.executeScript).toHaveBeenCalledWith({
      target: { tabId: 21, allFrames: false },
      files: ['/content-scripts/inline-lookups.js'],
    })
    expect(fakes.scripting.executeScript).toHaveBeenCalledWith({
      target: { tabId: 23, allFrames: false },
      files: ['/content-scripts/inline-lookups.js'],
    })
    // Found by URL (host permissions), the agent workspaces only: never a Help Center.
    const urls = (query.mock.calls.at(-1)![0] as { url: string[] }).url
    expect(urls).toContain('https://*.zendesk.com/agent/*')
    expect(urls).not.toContain('https://*.zendesk.com/*')
  })

  it("should show the page's IDs from the page context menu, injecting where the script does not run", async () => {
    sendToContent.mockRejectedValueOnce(new Error('Receiving end does not exist.'))
    fakes.contextMenus.onClicked.trigger({ menuItemId: SCAN_PAGE_MENU_ID }, { id: 12 })
    await vi.waitFor(() =>
      expect(fakes.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 12 }, files: ['/content-scripts/inline-lookups.js'] }),
    )
  })

  it("should open the selected ID in the side panel, at once (the click's gesture must still count)", () => {
    fakes.contextMenus.onClicked.trigger({ menuItemId: LOOKUP_MENU_ID, selectionText: ` see ${INQ} ` }, { id: 4 })
    expect(openDetailView).toHaveBeenCalledWith(INQ, 4)
  })

  it('should say so in the page when the selection holds no ID', () => {
    fakes.contextMenus.onClicked.trigger({ menuItemId: LOOKUP_MENU_ID, selectionText: 'hello' }, { id: 4 })
    expect(openDetailView).not.toHaveBeenCalled()
    expect(sendToContent).toHaveBeenCalledWith('showNotice', { notice: 'no-id-in-selection' }, 4)
  })

  it('should ask the page for its list on the keyboard command, and inject the script where there is none', async () => {
    fakes.commands.onCommand.trigger(SHOW_IDS_COMMAND, { id: 5 })
    await settle()
    expect(sendToContent).toHaveBeenCalledWith('showPageIds', undefined, 5)
    expect(fakes.scripting.executeScript).not.toHaveBeenCalled()

    sendToContent.mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'))
    fakes.commands.onCommand.trigger(SHOW_IDS_COMMAND, { id: 6 })
    await vi.waitFor(() => expect(sendToContent).toHaveBeenCalledTimes(3))
    expect(fakes.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 6 }, files: ['/content-scripts/inline-lookups.js'] })
  })

  it("should open the side panel within the key's gesture, then hand it the card's ID or the search focus", async () => {
    await report(5, [{ id: INQ, kind: 'persona-inquiry' }])
    sendToContent.mockImplementation(async (type: string) => (type === 'cardTarget' ? { open: true, openedAt: 1, id: INQ } : null))
    fakes.commands.onCommand.trigger(OPEN_PANEL_COMMAND, { id: 5 })
    // Called in the listener's own task: an await first would lose the gesture, and the browser refuse.
    expect(openSidePanel).toHaveBeenCalledWith({ tabId: 5 })
    await vi.waitFor(async () => expect((await pendingDetailItem.getValue())?.id).toBe(INQ))

    openSidePanel.mockClear()
    fakes.commands.onCommand.trigger(FOCUS_SEARCH_COMMAND, { id: 5 })
    expect(openSidePanel).toHaveBeenCalledWith({ tabId: 5 })
    await vi.waitFor(async () => expect(await pendingSearchFocusItem.getValue()).not.toBeNull())
  })

  it('should register the content script for a site the agent enabled and start it in open tabs', async () => {
    // Tab 12 already runs it (the agent asked there first): a second copy would only replace the first.
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 11 }, { id: 12 }] as never)
    sendToContent.mockImplementation(async (type: string, _data: unknown, tabId: number) => {
      if (type === 'ping' && tabId === 12) return true
      throw new Error('Could not establish connection. Receiving end does not exist.')
    })
    fakes.granted.origins = ['https://support.example.com/*', ...['https://*.zendesk.com/*']]
    fakes.permissions.onAdded.trigger({ origins: ['https://support.example.com/*'] })
    // Every frame of it: the site's frames are the site's too.
    await vi.waitFor(() =>
      expect(fakes.scripting.executeScript).toHaveBeenCalledWith({
        target: { tabId: 11, allFrames: true },
        files: ['/content-scripts/inline-lookups.js'],
      }),
    )
    await settle()
    expect(fakes.scripting.executeScript).toHaveBeenCalledTimes(1)
    expect(fakes.registered.get(ENABLED_SITES_SCRIPT_ID)).toMatchObject({
      matches: ['https://support.example.com/*'],
      allFrames: true,
      excludeMatches: expect.arrayContaining(['https://*.zendesk.com/agent/*']),
    })
    expect(query).toHaveBeenCalledWith({ url: ['https://support.example.com/*'] })

    fakes.granted.origins = ['https://*.zendesk.com/*']
    fakes.permissions.onRemoved.trigger({ origins: ['https://support.example.com/*'] })
    await vi.waitFor(() => expect(fakes.registered.size).toBe(0))
  })

  it("should treat a site granted on Chrome's Site access page (`*://host/*`) as one enabled from the popup", async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([] as never)
    fakes.granted.origins = ['*://crm.example.org/*', 'https://*.zendesk.com/*']
    fakes.permissions.onAdded.trigger({ origins: ['*://crm.example.org/*'] })
    await vi.waitFor(() =>
      expect(fakes.registered.get(ENABLED_SITES_SCRIPT_ID)).toMatchObject({ matches: ['*://crm.example.org/*'], allFrames: true }),
    )
  })
})

describe("the popup's requests", () => {
  let fakes: Fakes
  let unregister = () => {}
  /** What the content script in each tab answers; tabs not listed have none. */
  let pages: Map<number, { ids?: { id: string; kind: string }[] }>

  beforeEach(() => {
    fakeBrowser.reset()
    vi.clearAllMocks()
    fakes = fakeApis()
    pages = new Map()
    // Injecting starts a content script that answers and reports like the real one.
    fakes.scripting.executeScript.mockImplementation(async ({ target }: { target: { tabId: number } }) => {
      pages.set(target.tabId, { ids: [{ id: INQ, kind: 'persona-inquiry' }] })
      return []
    })
    sendToContent.mockImplementation(async (type: string, _data: unknown, tabId: number) => {
      const page = pages.get(tabId)
      if (!page) throw new Error('Could not establish connection. Receiving end does not exist.')
      if (type === 'reportPageIdsAgain') return report(tabId, page.ids ?? [])
      if (type === 'stop') return void pages.delete(tabId)
      return true
    })
    unregister = registerInlineLookups(apiOf(fakes), NO_WRITE_DELAY)
  })
  afterEach(() => unregister())

  it('should tell whether inline lookups run in a tab', async () => {
    pages.set(3, {})
    expect(await sendAs(POPUP(), 'inlineLookupsRunning', { tabId: 3 })).toBe(true)
    expect(await sendAs(POPUP(), 'inlineLookupsRunning', { tabId: 4 })).toBe(false)
    expect(fakes.scripting.executeScript).not.toHaveBeenCalled()
  })

  it('should find the IDs on a page where nothing runs: inject, open the list, and have them reported before answering', async () => {
    expect(await sendAs(POPUP(), 'findPageIds', { tabId: 5 })).toBe(true)
    expect(fakes.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 5 }, files: ['/content-scripts/inline-lookups.js'] })
    expect(sendToContent).toHaveBeenCalledWith('showPageIds', undefined, 5)
    expect(await storedIds(5)).toEqual([{ id: INQ, kind: 'persona-inquiry' }])
    expect(await fakeBrowser.action.getBadgeText({ tabId: 5 })).toBe('1')
  })

  it('should answer false when the page cannot be read', async () => {
    fakes.scripting.executeScript.mockRejectedValue(new Error('Cannot access a chrome:// URL'))
    expect(await sendAs(POPUP(), 'findPageIds', { tabId: 6 })).toBe(false)
  })

  it('should stop inline lookups in a tab and forget its IDs', async () => {
    pages.set(7, { ids: [{ id: EVT, kind: 'persona-event' }] })
    await report(7, [{ id: EVT, kind: 'persona-event' }])
    await sendAs(POPUP(), 'stopInlineLookups', { tabId: 7 })
    expect(sendToContent).toHaveBeenCalledWith('stop', undefined, 7)
    expect(pages.has(7)).toBe(false)
    expect(await storedIds(7)).toEqual([])
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('')
    // A tab without the script: nothing to stop, and no error.
    await expect(sendAs(POPUP(), 'stopInlineLookups', { tabId: 8 })).resolves.toBeUndefined()
  })
  it('should refuse site access from a content script or another extension, and do nothing', async () => {
    pages.set(7, { ids: [{ id: EVT, kind: 'persona-event' }] })
    await report(7, [{ id: EVT, kind: 'persona-event' }])
    sendToContent.mockClear()
    for (const sender of [contentScript(3), { id: 'other-extension', url: 'chrome-extension://other-extension/popup.html' }]) {
      await expect(sendAs(sender, 'inlineLookupsRunning', { tabId: 7 })).rejects.toThrow(/refused/)
      await expect(sendAs(sender, 'findPageIds', { tabId: 5 })).rejects.toThrow(/refused/)
      await expect(sendAs(sender, 'stopInlineLookups', { tabId: 7 })).rejects.toThrow(/refused/)
    }
    expect(sendToContent).not.toHaveBeenCalled()
    expect(fakes.scripting.executeScript).not.toHaveBeenCalled()
    expect(await storedIds(7)).toEqual([{ id: EVT, kind: 'persona-event' }])
  })

  it('should refuse a tab ID that is not one', async () => {
    await expect(sendAs(POPUP(), 'findPageIds', { tabId: 'all' as never })).rejects.toThrow(/refused/)
    expect(fakes.scripting.executeScript).not.toHaveBeenCalled()
  })
})

describe('syncEnabledSites', () => {
  beforeEach(() => fakeBrowser.reset())

  it("should never register the relay's own origin", async () => {
    const fakes = fakeApis()
    await settingsItem.setValue({ workerUrl: 'https://relay.example.com', agentToken: 't' })
    fakes.granted.origins = ['https://relay.example.com/*', 'https://crm.example.org/*']
    expect(await syncEnabledSites(apiOf(fakes))).toEqual(['https://crm.example.org/*'])
    expect(fakes.scripting.registerContentScripts).toHaveBeenCalledOnce()
    // A second sync updates instead of registering twice.
    expect(await syncEnabledSites(apiOf(fakes))).toEqual(['https://crm.example.org/*'])
    expect(fakes.scripting.updateContentScripts).toHaveBeenCalledOnce()
  })
})

describe("the relay's origin, whatever the order of the steps", () => {
  beforeEach(() => fakeBrowser.reset())

  it("should leave the relay's origin out once its URL is saved after the grant, and exclude it from a broader grant", async () => {
    const fakes = fakeApis()
    const unregister = registerInlineLookups(apiOf(fakes), NO_WRITE_DELAY)
    try {
      const registeredMatches = () => fakes.registered.get(ENABLED_SITES_SCRIPT_ID)?.matches ?? []
      // Firefox's order: the relay's permission is granted in the Save click, before the URL is stored.
      fakes.granted.origins = ['https://relay.example.com/*', 'https://crm.example.org/*']
      await fakes.permissions.onAdded.trigger({ origins: ['https://relay.example.com/*'] })
      await vi.waitFor(() => expect(registeredMatches()).toContain('https://relay.example.com/*'))
      await settingsItem.setValue({ workerUrl: 'https://relay.example.com', agentToken: 't' })
      await vi.waitFor(() => expect(registeredMatches()).toEqual(['https://crm.example.org/*']))
      // A broader grant that covers the relay still never runs there.
      fakes.granted.origins = ['https://*.example.com/*']
      await fakes.permissions.onAdded.trigger({ origins: ['https://*.example.com/*'] })
      await vi.waitFor(() => expect(registeredMatches()).toEqual(['https://*.example.com/*']))
      expect(fakes.registered.get(ENABLED_SITES_SCRIPT_ID)?.excludeMatches).toContain('https://relay.example.com/*')
    } finally {
      unregister()
    }
  })
})
