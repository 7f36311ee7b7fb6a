/**
 * Inline lookups in real Chromium: the built extension on helpdesk-like pages (served over HTTPS
 * from test/fixtures/helpdesk and reached as acme.zendesk.com & co. through --host-resolver-rules),
 * with the real relay under wrangler dev in front of the demo upstream.
 * No sleeps: every wait is for a condition, with a bounded timeout.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { attachToView, openToolbarPopup } from '../harness/toolbar-popup.ts'
import { attachContentUi, type ContentUi } from '../harness/content-ui.ts'
import type { FixtureHost, HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { shareHelpdeskSession } from '../harness/helpdesk-session.ts'
import { textSpot } from '../harness/text-spot.ts'
import { WAIT } from '../harness/wait.ts'

/** The extension APIs these tests call inside the service worker (run there; typed here for the checker). */
declare const chrome: {
  storage: {
    onChanged: { addListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void }
    local: { set(items: object): Promise<void>; remove(key: string): Promise<void> }
    session: { get(key: string): Promise<Record<string, unknown>> }
  }
  tabs: { query(query: { url: string }): Promise<{ id?: number }[]> }
  action: { getBadgeText(details: { tabId: number }): Promise<string> }
  runtime: { getManifest(): { content_scripts?: { matches?: string[]; include_globs?: string[] }[] } }
  scripting: { getRegisteredContentScripts(): Promise<{ matches?: string[] }[]> }
}

// The demo upstream's well-known records.
const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6' // approved, reference abc-123, latest session low / US
const SESSION = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs' // expired, low / US
const EVENT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a' // inquiry.approved
const DEEPIDV = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890' // VERIFIED, Canada

// What the Zendesk fixture must yield, in reading order: text, a dashboard link's href, a code
// block, a bare UUID (a helpdesk's agent page counts them by default), and the comment the page's own
// script adds after load. Nothing from the composer, textarea, input, select, script or style, and none of the decoys.
const ZENDESK_IDS = [INQUIRY, EVENT, SESSION, 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e', DEEPIDV, 'evt_JdpHJWMtuXEpsvDTrbNdRmBj']
const IGNORED = [
  'iqse_N4mXQcrikpbTs1phBetkbU6K',
  'inq_Ab0OIl9xYz8Wv7Ut6Sr5Qp4N',
  'inq_SbLSNtxKJH8UhtAccXKc8SsT5tpu',
  'evt_hNt1KqZ3vXcW8pR2mYd5Lb7gTfAs',
  'inq_ByBdXDqUrguLAHjGZMuDZLCx',
]

let server: HelpdeskServer
let browser: ExtensionBrowser

/** An agent-workspace ticket with no ID in it. */
const NO_IDS_PATH = '/agent/tickets/no-ids'
const NO_IDS_PAGE =
  '<!doctype html><title>Ticket</title><main id="conversation"><article><p>Hi, my order has not arrived yet.</p></article></main>'

shareHelpdeskSession((session) => ({ server, browser } = session), { agent: 'inline-lookups', pages: { [NO_IDS_PATH]: NO_IDS_PAGE } })

afterEach(async () => {
  await browser.background.evaluate(() =>
    Promise.all([chrome.storage.local.remove('siteSettings'), chrome.storage.local.remove('uuidHelpdesks')]),
  )
})

// --- Helpers -----------------------------------------------------------------------------------

/** Opens a fixture page; `tabId` is found by URL, which the extension sees on helpdesk hosts only. */
async function openPage(host: FixtureHost, path = '/') {
  const page = await browser.context.newPage()
  // Our UI is in a closed shadow root: tests read it from the content script's world.
  const ui = await attachContentUi(page)
  await page.goto(server.url(host, path))
  const tabId = await browser.background.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, page.url())
  if (tabId === undefined) throw new Error(`No tab for ${page.url()}: is ${host} among the host permissions?`)
  return { page, tabId, ui }
}

const badge = (tabId: number) => browser.background.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)

/** The IDs the content script reported for the tab (what the popup lists). */
const reportedIds = (tabId: number) =>
  browser.background.evaluate(async (id) => {
    const key = `inlineLookups.pageIds.${id}`
    const stored = (await chrome.storage.session.get(key))[key] as { id: string }[] | undefined
    return (stored ?? []).map((p) => p.id)
  }, tabId)

/**
 * How many marks each status colour has (shown in the card and list only; the content script's world
 * knows them, the page does not), and `painted`: how many boxes are drawn over the page's text, read
 * in our closed shadow root (one per ID on these one-line IDs, all in view).
 */
const highlightSizes = async (ui: ContentUi): Promise<Record<string, number>> => ({
  ...(await ui.evaluate<Record<string, number>>('globalThis.__idvLens.inline.markTones()')),
  painted: (await ui.markBoxes()).length,
})

// --- Tests -------------------------------------------------------------------------------------

describe('inline lookups', () => {
  it('should find the IDs of a Zendesk-like ticket, badge their count, and ignore editors, form fields and decoys', async () => {
    const { page, tabId, ui } = await openPage('acme.zendesk.com', '/agent/tickets/4821')
    await expect.poll(() => badge(tabId), WAIT).toBe(String(ZENDESK_IDS.length))
    // The decoys and ignored places are really on the page (in the editor, form fields, near misses).
    const html = await page.content()
    for (const absent of IGNORED) expect(html).toContain(absent)
    // What the popup lists is written behind the badge (storage.session).
    await expect.poll(() => reportedIds(tabId), WAIT).toEqual(ZENDESK_IDS)

    // Marks take their status colour once the relay answers: one mark per occurrence, each in one
    // colour. The documented inquiry and the deepidv session are approved and verified (good), the demo
    // story's inquiry failed (bad); the event the demo upstream does not know is "unknown".
    await expect.poll(() => highlightSizes(ui), WAIT).toMatchObject({ good: 2, bad: 1, unknown: 1 })
    const sizes = await highlightSizes(ui)
    expect(sizes.pending ?? 0).toBe(0)
    expect(sizes.painted).toBe(ZENDESK_IDS.length)
    // Each box lies over its ID's text (the session's ID is in a dashboard link's href: its box is on the link's text).
    expect((await ui.markBoxes()).map((b) => b.text).sort()).toEqual(
      [INQUIRY, EVENT, 'View session', 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e', DEEPIDV, 'evt_JdpHJWMtuXEpsvDTrbNdRmBj'].sort(),
    )
  })

  it("should list the page's IDs in the toolbar popup, and open one's detail in the side panel", async () => {
    const { page, tabId } = await openPage('acme.zendesk.com', '/agent/tickets/4821')
    await expect.poll(() => reportedIds(tabId), WAIT).toEqual(ZENDESK_IDS)
    await page.bringToFront()

    const popup = await openToolbarPopup(browser)
    try {
      const listed = () => popup.evaluate<string[]>(`[...document.querySelectorAll('[data-testid="page-id"]')].map((e) => e.dataset.id)`)
      await expect.poll(listed, WAIT).toEqual(ZENDESK_IDS)
      expect(await popup.evaluate('document.getElementById("on-page-title").textContent')).toBe(`On this page (${ZENDESK_IDS.length})`)
      // Each ID says its status (what tells the declined one from the approved one), and the section is in view unscrolled.
      const statuses = () =>
        popup.evaluate<Record<string, string | null>>(
          `Object.fromEntries([...document.querySelectorAll('[data-testid="page-id"]')].map((e) => [e.dataset.id, e.querySelector('[data-testid="status"]')?.textContent ?? null]))`,
        )
      await expect.poll(async () => (await statuses())[INQUIRY], WAIT).toBe('approved')
      expect((await statuses())['inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e']).toBe('failed')
      expect(
        await popup.evaluate(
          `(() => { const r = document.querySelector('[data-testid="on-this-page"]').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && document.querySelector('[data-testid="popup-scroll"]').scrollTop === 0 })()`,
        ),
      ).toBe(true)
      // A helpdesk runs by itself: nothing to find or switch on.
      expect(await popup.evaluate('document.querySelectorAll(\'[data-testid="find-page-ids"], [data-testid="enable-site"]\').length')).toBe(
        0,
      )
      await popup.evaluate(`document.querySelector('[data-testid="page-id"][data-id="${INQUIRY}"] button').click()`)
    } finally {
      await popup.detach()
    }

    const panel = await attachToView(browser, browser.pageUrl('sidepanel.html'))
    try {
      const detail = (selector: string) =>
        panel.evaluate<string | null>(
          `document.querySelector('[data-testid="detail"][data-id="${INQUIRY}"] ${selector}')?.textContent ?? null`,
        )
      await expect.poll(() => detail('[data-testid="detail-id"]'), WAIT).toBe(INQUIRY)
      await expect.poll(() => detail('[data-testid="detail-summary"] [data-testid="status"]'), WAIT).toBe('approved')
    } finally {
      await panel.detach()
    }
  })

  it('should find IDs that arrive after load, and forget them when they go', async () => {
    const { page, tabId } = await openPage('acme.zendesk.com', '/agent/tickets/4821')
    await expect.poll(() => badge(tabId), WAIT).toBe(String(ZENDESK_IDS.length))
    const added = 'iqse_im4jXZuq47JCBBJyWPEhxmzpd98z'
    await page.evaluate((id) => {
      const reply = document.createElement('article')
      reply.id = 'late-reply'
      reply.innerHTML = `<p>One more: <b>${id}</b></p>`
      document.getElementById('conversation')!.append(reply)
    }, added)
    await expect.poll(() => reportedIds(tabId), WAIT).toContain(added)
    expect(await badge(tabId)).toBe(String(ZENDESK_IDS.length + 1))

    // Text edited in place is scanned again; removed text takes its IDs with it.
    await page.evaluate(() => document.getElementById('late-reply')!.remove())
    await expect.poll(() => reportedIds(tabId), WAIT).not.toContain(added)
    expect(await badge(tabId)).toBe(String(ZENDESK_IDS.length))
  })

  it('should add nothing to a page without IDs, draw the first ID that arrives as a box of ours with no style or highlight in the page, and bring the controls with it', async () => {
    const { page, tabId, ui } = await openPage('acme.zendesk.com', NO_IDS_PATH)
    // The first pass is over: the page has been scanned and found empty.
    await expect.poll(() => ui.evaluate<number | null>('globalThis.__idvLens?.inline?.stats().idleAt ?? null'), WAIT).not.toBeNull()
    // What the page holds of ours: style rules (adopted or not), highlights, our marks' host, our UI's host.
    const ours = () =>
      page.evaluate(() => ({
        rules: [...Array.from(document.styleSheets), ...document.adoptedStyleSheets]
          .flatMap((s) => Array.from(s.cssRules, (r) => r.cssText))
          .filter((css) => css.includes('::highlight(')),
        highlights: CSS.highlights.size,
        host: document.querySelector('idv-lens-marks') !== null,
        ui: document.querySelector('idv-lens-ui') !== null,
      }))
    expect(await ours()).toEqual({ rules: [], highlights: 0, host: false, ui: false })
    expect(await badge(tabId)).toBe('')

    await page.evaluate((id) => {
      const reply = document.createElement('article')
      reply.innerHTML = `<p>It is ${id}</p>`
      document.getElementById('conversation')!.append(reply)
    }, SESSION)
    await expect.poll(() => badge(tabId), WAIT).toBe('1')
    await expect.poll(async () => (await highlightSizes(ui)).painted, WAIT).toBe(1)
    expect((await ui.markBoxes()).map((b) => b.text)).toEqual([SESSION])
    // Drawn in our closed shadow root: the page gained one empty host, and still no style rule or highlight.
    expect(await ours()).toMatchObject({ rules: [], highlights: 0, host: true })
    // The controls came with the first ID: our UI host, with the keyboard launcher counting it.
    await ui.waitFor('[data-testid="launcher"]')
    expect((await ui.find('[data-testid="launcher"]'))?.text).toContain('1 ID on this page')
    expect(await ours()).toEqual({ rules: [], highlights: 0, host: true, ui: true })
  })

  it('should show the status card on hover, next to the ID and never over it, and close it when the pointer leaves', async () => {
    const { page, tabId, ui } = await openPage('acme.zendesk.com', '/agent/tickets/4821')
    await expect.poll(() => badge(tabId), WAIT).toBe(String(ZENDESK_IDS.length))
    await ui.hover(() => textSpot(page, INQUIRY))

    const card = `[data-testid="card"][data-id="${INQUIRY}"]`
    await ui.waitFor(card)
    await ui.waitFor(`${card} [data-testid="card-fields"]`)
    const text = (await ui.find(card))!.text
    expect(text).toContain('Persona inquiry')
    expect(text).toContain('approved')
    expect((await ui.find(`${card} [data-testid="reference"]`))?.text).toBe('abc-123')
    expect((await ui.find(`${card} [data-testid="threat"]`))?.text).toBe('low')
    expect((await ui.find(`${card} [data-testid="country"]`))?.text).toBe('United States (US)')
    expect((await ui.find(`${card} [data-testid="open-dashboard"]`))?.attrs.href).toBe(
      `https://app.withpersona.com/dashboard/inquiries/${INQUIRY}`,
    )
    const { box } = (await ui.find(card))!
    // The ID where it is now, with the card open (the tab may have reflowed since the hover began).
    const target = await textSpot(page, INQUIRY)
    const overlaps =
      box.x < target.box.right && target.box.left < box.x + box.width && box.y < target.box.bottom && target.box.top < box.y + box.height
    expect(overlaps, 'the card covers the ID it describes').toBe(false)

    // "Open in side panel" hands the ID to the background (the panel itself is another test's business).
    // The panel takes the ID and clears it as soon as it opens, so the test records every value the
    // item is given rather than reading it afterwards (which races the panel).
    await browser.background.evaluate(() => {
      const seen: unknown[] = ((globalThis as { __pendingDetailSeen?: unknown[] }).__pendingDetailSeen = [])
      chrome.storage.onChanged.addListener((changes, area) => {
        if (area === 'session' && 'pendingDetail' in changes) seen.push((changes.pendingDetail.newValue as { id?: string } | null)?.id)
      })
    })
    await ui.click(`${card} [data-testid="open-detail"]`)
    await expect
      .poll(() => browser.background.evaluate(() => (globalThis as { __pendingDetailSeen?: unknown[] }).__pendingDetailSeen), WAIT)
      .toContain(INQUIRY)

    await page.mouse.move(5, 880)
    await ui.waitFor(card, { state: 'detached' })
  })

  it('should reach every ID from the keyboard: Shift+Tab to the launcher, arrows through the list, Enter into the card, Esc back', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'])
    const { page, tabId, ui } = await openPage('acme.zendesk.com', '/agent/tickets/4821')
    await expect.poll(() => badge(tabId), WAIT).toBe(String(ZENDESK_IDS.length))
    await ui.waitFor('[data-testid="launcher"]')

    // Our shadow host comes after <body>: from the top of the page, Shift+Tab lands on the launcher.
    await page.keyboard.press('Shift+Tab')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'launcher' })
    await page.keyboard.press('Enter')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'id-row', id: ZENDESK_IDS[0] })

    // Each row the focus lands on shows its ID's card, without taking focus from the list.
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'id-row', id: SESSION })
    const card = `[data-testid="card"][data-id="${SESSION}"]`
    await ui.waitFor(card)
    await expect.poll(async () => (await ui.find(`${card} [data-testid="status"]`))?.text, WAIT).toBe('expired')

    // Enter moves into the card; its actions work from the keyboard.
    await page.keyboard.press('Enter')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'copy-id', inCard: true })
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), WAIT).toBe(SESSION)

    // Esc closes the card and gives focus back to the row; Esc again closes the list.
    await page.keyboard.press('Escape')
    await ui.waitFor(card, { state: 'detached' })
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'id-row', id: SESSION })
    await page.keyboard.press('Escape')
    await ui.waitFor('[data-testid="id-list"]', { state: 'detached' })
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'launcher' })
  })

  it('should open the card when a dashboard link in the page gets keyboard focus, and close it on Esc', async () => {
    const { page, tabId, ui } = await openPage('acme.zendesk.com', '/agent/tickets/4821')
    await expect.poll(() => badge(tabId), WAIT).toBe(String(ZENDESK_IDS.length))
    // The first Tab from the top lands on the first link: keyboard focus, so :focus-visible.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('View session')
    const card = `[data-testid="card"][data-id="${SESSION}"]`
    await ui.waitFor(card)
    await page.keyboard.press('Escape')
    await ui.waitFor(card, { state: 'detached' })
  })

  it("should leave the host page's own DOM exactly as it was", async () => {
    const { page, tabId, ui } = await openPage('app.intercom.com', '/a/inbox/acme/conversation/1')
    // An inquiry, an event and a bare UUID (counted on a helpdesk by default).
    await expect.poll(() => badge(tabId), WAIT).toBe('3')
    // Show a card too: it must live in our shadow root, not in the page.
    await ui.hover(() => textSpot(page, INQUIRY))
    await ui.waitFor(`[data-testid="card"][data-id="${INQUIRY}"]`)

    const comparison = await page.evaluate(async () => {
      // The page as served, parsed the same way the browser parsed it.
      const served = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html')
      return {
        body: document.body.innerHTML === served.body.innerHTML,
        text: document.body.textContent === served.body.textContent,
        head: document.head.innerHTML === served.head.innerHTML,
        // The page's own two, then our two hosts (the card's and the marks'), in whichever order they came.
        rootChildren: Array.from(document.documentElement.children, (el) => el.localName)
          .map((name, i) => (i < 2 ? name : `ours:${name}`))
          .sort(),
        elementsInBody: document.body.getElementsByTagName('*').length === served.body.getElementsByTagName('*').length,
      }
    })
    expect(comparison).toEqual({
      body: true,
      text: true,
      head: true,
      rootChildren: ['body', 'head', 'ours:idv-lens-marks', 'ours:idv-lens-ui'],
      elementsInBody: true,
    })
  })

  it("should recognise bare UUIDs on a helpdesk's agent page by default, until the agent turns that off, and on the sites listed", async () => {
    const { page, tabId, ui } = await openPage('app.intercom.com', '/a/inbox/acme/conversation/1')
    await expect.poll(() => reportedIds(tabId), WAIT).toEqual([INQUIRY, EVENT, DEEPIDV])

    // Turned off, the open page drops it; listed as a site of the agent's, it counts again.
    await browser.background.evaluate(() => chrome.storage.local.set({ uuidHelpdesks: false }))
    await expect.poll(() => reportedIds(tabId), WAIT).toEqual([INQUIRY, EVENT])
    await browser.background.evaluate(() => chrome.storage.local.set({ siteSettings: { uuidSites: ['app.intercom.com'] } }))
    await expect.poll(() => reportedIds(tabId), WAIT).toEqual([INQUIRY, EVENT, DEEPIDV])
    await ui.hover(() => textSpot(page, DEEPIDV))
    const card = `[data-testid="card"][data-id="${DEEPIDV}"]`
    await ui.waitFor(card)
    await expect.poll(async () => (await ui.find(`${card} [data-testid="status"]`))?.text, WAIT).toBe('verified')
    expect((await ui.find(`${card} [data-testid="country"]`))?.text).toBe('Canada')
  })

  it('should run on Front-like pages, and leave sites that are not helpdesks alone', async () => {
    const front = await openPage('app.frontapp.com', '/inboxes/teams/folders/1')
    await expect.poll(() => reportedIds(front.tabId), WAIT).toEqual([SESSION, INQUIRY, EVENT])

    // No host permission here, so the extension cannot even see this tab's URL; only the page can tell.
    const other = await browser.context.newPage()
    await other.goto(server.url('wiki.example.test', '/verification-notes'))
    // Nothing would start the content script here: no manifest match, no site the agent enabled.
    const scripts = await browser.background.evaluate(async () => [
      ...(chrome.runtime.getManifest().content_scripts ?? []).map((c) => ({ matches: c.matches ?? [], globs: c.include_globs ?? [] })),
      ...(await chrome.scripting.getRegisteredContentScripts()).map((c) => ({ matches: c.matches ?? [], globs: [] as string[] })),
    ])
    expect(scripts.length).toBeGreaterThan(0)
    // Each `*` as "anything": looser than Chrome's match patterns, so it errs towards failing.
    // Match patterns ignore the port (the fixture server's is random); include_globs, as Chrome
    // applies them, read the whole URL, port and all (`*` anything, `?` one character).
    const glob = (pattern: string, anyChar: string) =>
      new RegExp(
        `^${pattern
          .split('*')
          .map((part) => part.replace(/[.+^$()[\]{}|\\/]/g, '\\$&').replaceAll('?', anyChar))
          .join('.*')}$`,
      )
    const covers = ({ matches, globs }: (typeof scripts)[number], url: string) => {
      const { protocol, hostname, pathname, href } = new URL(url)
      const matched = matches.some(
        (pattern) => pattern === '<all_urls>' || glob(pattern, '\\?').test(`${protocol}//${hostname}${pathname}`),
      )
      // An entry with include_globs runs only where one of them matches too (the origin-fallback entry's: a host's bare root).
      return matched && (globs.length === 0 || globs.some((g) => glob(g, '.').test(href)))
    }
    expect(scripts.filter((c) => covers(c, other.url()))).toEqual([])
    expect(scripts.some((c) => covers(c, server.url('acme.zendesk.com', '/agent/tickets/1')))).toBe(true)
    // A Help Center on the same host is not an agent workspace.
    expect(scripts.filter((c) => covers(c, server.url('acme.zendesk.com', '/hc/en-us/articles/360001')))).toEqual([])
    // The origin-fallback entry's globs let in the URL Chrome matches its frames as: the host's root.
    expect(scripts.some((c) => c.globs.length > 0 && covers(c, server.url('acme.zendesk.com', '/')))).toBe(true)
    // And in fact nothing ran, though the page holds an inquiry ID: content scripts run by
    // document_idle at the latest, so after load and an idle period one would have marked it.
    expect(await other.content()).toContain(INQUIRY)
    await other.waitForLoadState('load')
    await other.evaluate(() => new Promise((resolve) => requestIdleCallback(() => requestIdleCallback(resolve))))
    expect(
      await other.evaluate(() => ({
        ui: document.querySelector('idv-lens-ui, idv-lens-marks') !== null,
        highlights: (CSS.highlights as unknown as Map<string, unknown>).size,
      })),
    ).toEqual({ ui: false, highlights: 0 })
  })
})
