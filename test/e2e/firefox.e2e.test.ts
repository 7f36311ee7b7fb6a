/**
 * The Firefox build in real Firefox ESR over WebDriver BiDi (puppeteer-core), installed as a temporary
 * add-on, against the relay under wrangler dev and the demo upstream. The relay cannot list the extension's
 * random moz-extension:// origin in ALLOWED_ORIGINS: the extension reaches it through the host permission
 * the agent grants on the options page. Helpdesk pages are served over HTTPS as acme.zendesk.com through a
 * PAC file and a CONNECT proxy. Every wait is for a condition, with a bounded timeout.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import type { Frame, Page } from 'puppeteer-core'
import { MARK_STYLE } from '../../extension/src/content/marks/mark-look.ts'
import { FRAME_KIND_IDS, frameKindsPage } from '../fixtures/helpdesk/frame-pages.ts'
import { CARD_DARK, CARD_LIGHT, THEME_PAGE_ID, THEME_PAGES } from '../fixtures/helpdesk/theme-pages.ts'
import { startHelpdeskServer, type HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { startConnectProxy, type ConnectProxy } from '../harness/connect-proxy.ts'
import { cardButton, cardColours, cardText, hover, marksIn } from '../harness/firefox-closed-root.ts'
import { FIREFOX_EXTENSION_DIR, launchFirefoxWithExtension, type FirefoxExtensionBrowser } from '../harness/firefox.ts'
import { markLook } from '../harness/mark-boxes.ts'
import { pollUntil } from '../harness/poll.ts'
import { sharedStack } from '../harness/shared-stack.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { textSpot } from '../harness/text-spot.ts'
import { WAIT } from '../harness/wait.ts'

/** The extension API, as the extension's own pages see it (evaluated there; typed here for the checker). */
declare const browser: {
  storage: {
    onChanged: { addListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void }
    local: { set(items: object): Promise<void>; remove(keys: string | string[]): Promise<void> }
    session: { get(key: string): Promise<Record<string, unknown>>; remove(key: string): Promise<void> }
  }
  permissions: {
    contains(p: { origins?: string[]; permissions?: string[] }): Promise<boolean>
    remove(p: { origins?: string[]; permissions?: string[] }): Promise<boolean>
  }
  action: { getBadgeText(d: { tabId: number }): Promise<string> }
  sidebarAction: { isOpen(d: object): Promise<boolean> }
  tabs: { query(q: { url: string }): Promise<{ id?: number; index: number }[]>; remove(id: number): Promise<void> }
  extension: { getViews(q: { type: 'tab' }): Window[] }
}

// The demo upstream's well-known records (as in inline-lookups.e2e.test.ts).
const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6' // approved
const SESSION = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'
const EVENT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'
// The demo story's failed inquiry and an event the demo data does not have (marks look alike whatever the status).
const UNKNOWN = ['inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e', 'evt_JdpHJWMtuXEpsvDTrbNdRmBj']
/** A deepidv session: a bare UUID, counted on a helpdesk's agent page by default. */
const DEEPIDV = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
const ZENDESK_IDS = [INQUIRY, EVENT, SESSION, UNKNOWN[0]!, DEEPIDV, UNKNOWN[1]!]
const TICKET = '/agent/tickets/4821'

const POPUP_PAGE = 10
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts')
const HOSTS = ['acme.zendesk.com']

const { stack, agentToken } = sharedStack('firefox')
let server: HelpdeskServer
let proxy: ConnectProxy
let firefox: FirefoxExtensionBrowser
/** An extension page kept open: the tests read the extension's state through it, as the extension does. */
let probe: Page

beforeAll(async () => {
  // The relay lists only Chrome's development origin, as in `npm run dev`: nothing of Firefox's.
  const pages = { '/agent/tickets/frame-kinds': frameKindsPage(), '/hc/en-us/articles/frame-kinds': frameKindsPage(), ...THEME_PAGES }
  server = await startHelpdeskServer({ pages })
  proxy = await startConnectProxy(HOSTS, server.port)
  firefox = await launchFirefoxWithExtension({ extensionDir: FIREFOX_EXTENSION_DIR, proxy: { hosts: HOSTS, port: proxy.port } })
  probe = await firefox.openExtensionPage('options.html')
  await mkdir(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  await firefox?.close()
  await proxy?.stop()
  await server?.stop()
})

/** The relay's host permission pattern (match patterns carry no port). */
const relayPattern = () => `${new URL(stack.relay.url).origin.replace(/:\d+$/, '')}/*`

/** The newest inquiries (the popup opens on them), as the demo upstream orders them (asked directly, with a key of its own). */
async function upstreamNewestInquiries(count: number): Promise<string[]> {
  const res = await fetch(`${stack.upstream.personaBase}/inquiries?page%5Bsize%5D=${count}`, {
    headers: { authorization: 'Bearer persona_demo_firefox_e2e_oracle' },
  })
  if (!res.ok) throw new Error(`demo upstream answered ${res.status}`)
  return ((await res.json()) as { data: { id: string }[] }).data.map((d) => d.id)
}

const rowIds = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="panel-inquiries"] [data-testid="row"]')].map((r) => r.dataset.id ?? ''),
  )

const textOf = (page: Page, selector: string) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector)

describe('Firefox', () => {
  it('should reach the relay only once the agent allowed it from the options page, then list the newest inquiries in the popup', async () => {
    // Settings present but no host permission: Firefox blocks the relay's answers (no CORS header
    // for a moz-extension:// origin), and the popup says what to do, not "ALLOWED_ORIGINS".
    expect(await probe.evaluate((p) => browser.permissions.contains({ origins: [p] }), relayPattern())).toBe(false)
    await probe.evaluate((s) => browser.storage.local.set({ settings: s }), { workerUrl: stack.relay.url, agentToken })
    const blocked = await firefox.openExtensionPage('popup.html')
    await expect.poll(() => textOf(blocked, '[data-testid="error-unreachable"]'), WAIT).toContain('choose Allow')
    await blocked.close()

    // The agent presses Test connection (a trusted click): the relay's host permission is asked in
    // that click, granted, and the test passes through to an authenticated call.
    const options = await firefox.openExtensionPage('options.html')
    await expect.poll(() => options.$eval('#worker-url', (el) => (el as HTMLInputElement).value), WAIT).toBe(stack.relay.url)
    await options.click('[data-testid="test-connection"]')
    await expect
      .poll(() => options.$eval('[data-testid="connection-result"]', (el) => el.getAttribute('data-auth')).catch(() => null), WAIT)
      .toBe('ok')
    expect(await textOf(options, '[data-testid="result-message"]')).toContain('Connected')
    expect(await options.evaluate((p) => browser.permissions.contains({ origins: [p] }), relayPattern())).toBe(true)
    // No random origin to hand to an administrator in Firefox.
    expect(await options.$('[data-testid="extension-origin"]')).toBeNull()
    await options.close()

    const popup = await firefox.openExtensionPage('popup.html')
    const expected = await upstreamNewestInquiries(POPUP_PAGE)
    expect(expected).toHaveLength(POPUP_PAGE)
    await expect.poll(() => rowIds(popup), WAIT).toEqual(expected)
    await popup.screenshot({ path: join(ARTIFACTS, 'firefox-popup.png') })

    await popup.close()
  })

  it('should mark and count the IDs of a ticket page served as an agent workspace, with their status from the relay', async () => {
    expect(await probe.evaluate((p) => browser.permissions.contains({ origins: [p] }), relayPattern())).toBe(true)
    const page = await openTicket()
    const tabId = await probe.evaluate(async (url) => (await browser.tabs.query({ url }))[0]?.id, server.url('acme.zendesk.com', TICKET))
    expect(tabId, 'the ticket tab, seen through the helpdesk host permission').toBeTypeOf('number')

    // Counted: the toolbar badge and what the popup lists, in reading order.
    await expect
      .poll(() => probe.evaluate((id) => browser.action.getBadgeText({ tabId: id }), tabId!), WAIT)
      .toBe(String(ZENDESK_IDS.length))
    // What the popup lists is written behind the badge (storage.session).
    const reported = () =>
      probe.evaluate(async (id) => {
        const key = `inlineLookups.pageIds.${id}`
        return (((await browser.storage.session.get(key))[key] ?? []) as { id: string }[]).map((p) => p.id)
      }, tabId!)
    await expect.poll(reported, WAIT).toEqual(ZENDESK_IDS)

    // Marked: one box per ID in our closed shadow root over the ID's text, all in the one neutral style
    // (the status shows only in the card and list, which the page cannot read either).
    const look = await page.evaluate(markLook, MARK_STYLE)
    const marks = async () => Object.fromEntries((await marksIn(page.mainFrame())).map((b) => [b.text, b.look === look ? 'mark' : b.look]))
    // The session's ID is in a dashboard link's href: its mark is on the link's text.
    await expect.poll(marks, WAIT).toEqual({
      [INQUIRY]: 'mark',
      [EVENT]: 'mark',
      'View session': 'mark',
      [UNKNOWN[0]!]: 'mark',
      [DEEPIDV]: 'mark',
      [UNKNOWN[1]!]: 'mark',
    })
    // Nothing of ours in the page's highlight registry or style sheets.
    expect(await page.evaluate(() => CSS.highlights.size)).toBe(0)
    expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0)
    await page.screenshot({ path: join(ARTIFACTS, 'firefox-ticket.png') })
    await page.close()
  })

  it('should find, count and mark the IDs of a sandboxed srcdoc, a blob: and a data: frame of an agent workspace, and never those of a Help Center page of the same host', async () => {
    // The Help Center page first, to its load event (which waits for its frames): the origin-fallback
    // entry may start in its frames and the background must say no (the tab is no agent workspace).
    const helpCenterUrl = server.url('acme.zendesk.com', '/hc/en-us/articles/frame-kinds')
    const helpCenter = await firefox.browser.newPage()
    await helpCenter.goto(helpCenterUrl, { waitUntil: 'load' })
    const helpTab = await tabOf(helpCenterUrl)

    const ticketUrl = server.url('acme.zendesk.com', '/agent/tickets/frame-kinds')
    const ticket = await firefox.browser.newPage()
    await ticket.goto(ticketUrl)
    const ticketTab = await tabOf(ticketUrl)
    const kinds = [FRAME_KIND_IDS.top, FRAME_KIND_IDS.written, FRAME_KIND_IDS.sandboxed, FRAME_KIND_IDS.blob, FRAME_KIND_IDS.data]
    // The list and the badge agree once every frame's report is in (a frame may report twice while it loads).
    const listAndBadge = async () => ({ list: [...(await reportedIn(ticketTab))].sort(), badge: await badgeOf(ticketTab) })
    await expect.poll(listAndBadge, WAIT).toEqual({ list: [...kinds].sort(), badge: String(kinds.length) })
    // Marked in each of those frames, by that frame's copy of the content script.
    const markedIn = async (frame: Frame) => (await marksIn(frame)).map((b) => b.text)
    for (const [scheme, id] of [
      ['about:srcdoc', FRAME_KIND_IDS.sandboxed],
      ['blob:', FRAME_KIND_IDS.blob],
      ['data:', FRAME_KIND_IDS.data],
    ] as const) {
      const frame = ticket.frames().find((f) => f.url().startsWith(scheme))
      expect(frame, `the ${scheme} frame`).toBeDefined()
      await expect.poll(() => markedIn(frame!), WAIT).toEqual([id])
    }

    // By now the earlier page's frames have long asked and been answered: nothing of them counted.
    expect(await reportedIn(helpTab)).toEqual([])
    expect(await badgeOf(helpTab)).toBe('')
    await ticket.close()
    await helpCenter.close()
  })

  it("should show a card's \"Open in side panel\" in a tab next to the ticket while the sidebar is closed, since Firefox does not count a page's click as the agent's action", async () => {
    // Not opened at install (manifest open_at_install: false), nor by anything before.
    expect(await probe.evaluate(() => browser.sidebarAction.isOpen({}))).toBe(false)
    const page = await openTicket()
    await recordPendingDetails()
    await clickOpenDetail(page, INQUIRY)
    await expect.poll(pendingDetailsSeen, WAIT).toContain(INQUIRY)

    // The background could not open the sidebar from the page's message: the panel opens as a tab,
    // right after the ticket's (found through the browser's tabs), on the inquiry's detail (it took
    // the ID from storage.session).
    const [panelTab] = await pollUntil(panelTabs, (tabs) => tabs.length > 0, { timeoutMs: WAIT.timeout, what: "the panel's tab" })
    const ticketIndex = await probe.evaluate(
      async (url) => (await browser.tabs.query({ url }))[0]?.index,
      server.url('acme.zendesk.com', TICKET),
    )
    expect(panelTab!.index).toBe(ticketIndex! + 1)
    onTestFinished(() => probe.evaluate((id) => browser.tabs.remove(id), panelTab!.id!).catch(() => {}))
    // Read through the extension's own view of that tab: attaching the driver to a tab the extension
    // opened could take longer than the bound on a busy machine, though the tab was there.
    await expect.poll(() => panelStatus(), WAIT).toBe('approved')
    expect(await probe.evaluate(() => browser.sidebarAction.isOpen({}))).toBe(false)
    await page.close()
  })

  it('should open the sidebar from the popup\'s "Open side panel" (inside the click), and then show a card\'s detail there', async () => {
    const popup = await firefox.openExtensionPage('popup.html')
    await popup.waitForSelector('[data-testid="open-side-panel"]')
    // The popup closes itself once the sidebar is open: on a busy machine before the driver answers
    // the click, which then names the page it clicked as gone. The sidebar being open is the proof.
    await popup.click('[data-testid="open-side-panel"]').catch((err: unknown) => {
      if (!String(err).includes('DiscardedBrowsingContextError')) throw err
    })
    await expect.poll(() => probe.evaluate(() => browser.sidebarAction.isOpen({})), WAIT).toBe(true)

    // With the sidebar open, a card's click opens no tab: the open panel takes the ID.
    const page = await openTicket()
    const tabsBefore = await panelTabs()
    await recordPendingDetails()
    await clickOpenDetail(page, INQUIRY)
    // The open panel takes the ID and clears it at once, so every value given is recorded.
    await expect.poll(pendingDetailsSeen, WAIT).toContain(INQUIRY)
    expect((await panelTabs()).map((t) => t.id)).toEqual(tabsBefore.map((t) => t.id))
    await page.close()
    await popup.close().catch(() => {})
  })

  it('should write a card\'s "Copy ID" from the background page (clipboardWrite), never the page, so it pastes into the reply; unchecked until the agent turns the copy check on, then read back there', async () => {
    const copyId = async () => {
      const page = await openTicket()
      await hover(page, page.mainFrame(), () => textSpot(page, INQUIRY))
      const button = (await pollUntil(
        () => cardButton(page, INQUIRY, 'copy-id'),
        (b) => b !== null,
        { timeoutMs: WAIT.timeout, what: `the card of ${INQUIRY}` },
      ))!
      await page.mouse.move(button.x, button.y, { steps: 3 })
      await page.mouse.click(button.x, button.y)
      // "Copied" only once the background's navigator.clipboard.writeText resolved (and, with the check
      // on, the copy was read back there); else the card says it is blocked. The line under it comes in the same render.
      await expect.poll(() => cardText(page, INQUIRY, 'copy-id'), WAIT).toBe('Copied')
      expect(await cardText(page, INQUIRY, 'copy-replaced')).toBeNull()
      return page
    }
    // A fresh install: clipboardRead is optional and not granted, so nothing is read back and the card says so.
    const page = await copyId()
    expect(await cardText(page, INQUIRY, 'copy-unchecked')).toBe(
      'Not checked whether the page wrote over this copy: the copy check is off (IDV Lens settings)',
    )
    // The agent pastes into the ticket's reply box (the page's own field: pasting there is the agent's act).
    await page.evaluate(() => {
      const reply = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Plain reply"]')!
      reply.value = ''
      reply.focus()
    })
    await page.keyboard.down('Control')
    await page.keyboard.press('v')
    await page.keyboard.up('Control')
    await expect
      .poll(() => page.evaluate(() => document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Plain reply"]')!.value), WAIT)
      .toBe(INQUIRY)
    await page.close()

    // The options page's switch: permissions.request inside the trusted click (the profile grants it without the doorhanger).
    const options = await firefox.openExtensionPage('options.html')
    await options.waitForSelector('[data-testid="copy-check-toggle"][aria-pressed="false"]')
    await options.click('[data-testid="copy-check-toggle"]')
    await options.waitForSelector('[data-testid="copy-check-toggle"][aria-pressed="true"]')
    expect(await options.evaluate(() => browser.permissions.contains({ permissions: ['clipboardRead'] }))).toBe(true)
    await options.close()
    // Now the copy is read back in the background page: "Copied" with no line under it.
    const checked = await copyId()
    expect(await cardText(checked, INQUIRY, 'copy-unchecked')).toBeNull()
    await checked.close()
    await probe.evaluate(() => browser.permissions.remove({ permissions: ['clipboardRead'] }))
  })

  it('should show the card dark on a dark helpdesk page (painted or declared) while Firefox is light, and light on a light one', async () => {
    const cardOn = async (path: keyof typeof THEME_PAGES) => {
      const page = await firefox.browser.newPage()
      await page.goto(server.url('acme.zendesk.com', path))
      await hover(page, page.mainFrame(), () => textSpot(page, THEME_PAGE_ID))
      const colours = await pollUntil(
        () => cardColours(page, THEME_PAGE_ID),
        (c) => c !== null,
        { timeoutMs: WAIT.timeout, what: `the card on ${path}` },
      )
      await page.screenshot({ path: join(ARTIFACTS, `firefox-card${path.replace('/agent/tickets/', '-')}.png`) })
      await page.close()
      return colours
    }
    expect(await cardOn('/agent/tickets/dark')).toEqual(CARD_DARK)
    expect(await cardOn('/agent/tickets/declared-dark')).toEqual(CARD_DARK)
    expect(await cardOn('/agent/tickets/light')).toEqual(CARD_LIGHT)
  })
})

/** The status the side panel's detail shows in its tab, read by the extension's own page (no driver attach). */
const panelStatus = () =>
  probe.evaluate(() => {
    const view = browser.extension.getViews({ type: 'tab' }).find((w) => w.location.pathname === '/sidepanel.html')
    return view?.document.querySelector('[data-testid="detail-summary"] [data-testid="status"]')?.textContent ?? null
  })
/** The tabs showing the side panel's page: their IDs (a tab an earlier test left open is not this test's) and places. */
const panelTabs = () =>
  probe.evaluate(async () =>
    (await browser.tabs.query({ url: `${location.origin}/sidepanel.html` })).map((t) => ({ id: t.id, index: t.index })),
  )

/** The browser's tab ID of the tab showing `url`, seen through the helpdesk host permission. */
async function tabOf(url: string): Promise<number> {
  const id = await probe.evaluate(async (u) => (await browser.tabs.query({ url: u }))[0]?.id, url)
  expect(id, `a tab showing ${url}`).toBeTypeOf('number')
  return id!
}

const badgeOf = (tabId: number) => probe.evaluate((id) => browser.action.getBadgeText({ tabId: id }), tabId)

/** The IDs the popup lists for a tab, in reading order (storage.session, written behind the badge). */
const reportedIn = (tabId: number) =>
  probe.evaluate(async (id) => {
    const key = `inlineLookups.pageIds.${id}`
    return (((await browser.storage.session.get(key))[key] ?? []) as { id: string }[]).map((p) => p.id)
  }, tabId)

/** Records, in the probe page, every ID handed to the side panel (storage.session `pendingDetail`) from now on. */
const recordPendingDetails = () =>
  probe.evaluate(() => {
    const seen: unknown[] = ((globalThis as { __seen?: unknown[] }).__seen = [])
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'session' && 'pendingDetail' in changes)
        seen.push((changes.pendingDetail!.newValue as { id?: string } | null)?.id ?? null)
    })
  })
const pendingDetailsSeen = () => probe.evaluate(() => (globalThis as { __seen?: unknown[] }).__seen ?? [])

/** Opens the ticket in a new tab, sized so the whole ticket is in view (lookups go out for what is in view), and waits for its marks. */
async function openTicket(): Promise<Page> {
  const page = await firefox.browser.newPage()
  await page.goto(server.url('acme.zendesk.com', TICKET))
  expect(await page.evaluate(() => innerHeight)).toBeGreaterThanOrEqual(900)
  await pollUntil(
    () => marksIn(page.mainFrame()),
    (boxes) => boxes.length > 0,
    { timeoutMs: WAIT.timeout, what: "the ticket's marks" },
  )
  return page
}

/**
 * Hovers `id` with the real mouse until its card shows, then clicks the card's "Open in side panel"
 * (a trusted click). The card is in a closed shadow root the page cannot reach; WebDriver BiDi can
 * (serialization with includeShadowTree "all"), which is how the test finds the button's place.
 */
async function clickOpenDetail(page: Page, id: string): Promise<void> {
  await hover(page, page.mainFrame(), () => textSpot(page, id))
  const button = (await pollUntil(
    () => openDetailButton(page, id),
    (b) => b !== null,
    { timeoutMs: WAIT.timeout, what: `the card of ${id}` },
  ))!
  await page.mouse.move(button.x, button.y, { steps: 3 })
  await page.mouse.click(button.x, button.y)
}

/** The centre of the card's "Open in side panel" button for `id`, or null while there is none. */
const openDetailButton = (page: Page, id: string) => cardButton(page, id, 'open-detail')
