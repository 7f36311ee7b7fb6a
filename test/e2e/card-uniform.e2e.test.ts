/**
 * The card as a hostile page sees it (real Chromium, the built extension, wrangler dev, the demo
 * upstream): the page's capture listeners on `window` record every key and focus event
 * with `defaultPrevented` read after dispatch, count Tab presses while `document.activeElement` is our
 * host, and map our box with `elementFromPoint`; all equal for a found, an unknown, a failed and a
 * pending ID. A found inquiry's card shows all it holds without a scrollbar, at 100 and 125 %.
 * Screenshots go to test/artifacts/card/. No sleeps: every wait is for a condition, bounded.
 */
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { attachContentUi, type ContentUi } from '../harness/content-ui.ts'
import { shareHelpdeskSession, type HelpdeskSession } from '../harness/helpdesk-session.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { lookupState, statusPage } from '../harness/status-page.ts'
import { WAIT } from '../harness/wait.ts'

const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/card')
/** The demo upstream's story inquiry (worker/demo-upstream/persona-story.ts): failed, with a reason, a case, a reference, the session's threat level and country. */
const FOUND = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
/** Well-formed inquiry IDs: the demo upstream knows none of them, and each is asked only under its own relay setting. */
const UNKNOWN = 'inq_NoSuchInquiryHere0000000'
const FAILED = 'inq_RelayIsNotReached0000000'
const PENDING = 'inq_RelayNeverAnswers0000000'
/** The keys a page would try on an open card: the summary shortcut, the arrows, Home and End. */
const KEYS = ['s', 'Shift+S', 'ArrowRight', 'ArrowDown', 'ArrowRight', 'ArrowLeft', 'ArrowUp', 'End', 'Home']
/** Persona's dashboard, which "Open in Persona" opens: served by the test's route, never fetched. */
const VENDOR_PAGE = 'https://app.withpersona.com/**'

type Status = 'found' | 'unknown' | 'failed' | 'pending'
/** The other kinds' fullest cards: the story's inquiry session (threat level, country, network flags) and an event. */
type Kind = 'session' | 'event'
const IDS: Record<Status | Kind, string> = {
  found: FOUND,
  unknown: UNKNOWN,
  failed: FAILED,
  pending: PENDING,
  session: 'iqse_Hx3Nq8Wd2Lc7Tv5Kb9Rm4PsZ',
  event: 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a',
}
/** The content script's state for each ID once its card is measured. */
const STATES: Record<Status | Kind, string[]> = {
  found: ['found'],
  unknown: ['missing'],
  failed: ['failed'],
  pending: ['queued', 'loading'],
  session: ['found'],
  event: ['found'],
}
/** What shows that a found card holds all its answer. */
const FULL: Record<Kind | 'found', string> = {
  found: '[data-testid="country"]',
  session: '[data-testid="country"]',
  event: '[data-testid="event-name"]',
}

/**
 * The page's own script, from before anything else runs: capture listeners on `window` keep every key
 * and focus event (their `defaultPrevented` is read later, after dispatch), and what was focused when
 * each key came.
 */
function installProbe() {
  const name = (t: EventTarget | null | undefined) =>
    t === undefined ? '-' : t === null ? 'null' : t === window ? 'window' : t instanceof Element ? t.localName : (t as Node).nodeName
  const seen: { event: Event; active: string }[] = []
  for (const type of [
    'keydown',
    'keyup',
    'keypress',
    'focusin',
    'focusout',
    'focus',
    'blur',
    'beforeinput',
    'input',
    'copy',
    'beforecopy',
    'click',
    'auxclick',
    'visibilitychange',
    'resize',
    'pagehide',
  ])
    addEventListener(type, (event) => seen.push({ event, active: name(document.activeElement) }), { capture: true })
  ;(window as unknown as { __probe: object }).__probe = {
    reset: () => void (seen.length = 0),
    read: () =>
      seen.map(({ event, active }) => {
        const e = event as KeyboardEvent & FocusEvent
        return [e.type, e.key ?? '', name(e.target), name(e.relatedTarget), active, e.defaultPrevented].join(' ')
      }),
    active: () => name(document.activeElement),
    /** Our box as the page can map it: the bounds of every point (4 px apart) where elementFromPoint hits our host. */
    hostBox: () => {
      const host = document.querySelector('idv-lens-ui')
      let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity]
      for (let y = 0; y < innerHeight; y += 4)
        for (let x = 0; x < innerWidth; x += 4)
          if (document.elementFromPoint(x, y) === host)
            [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)]
      return { width: right - left, height: bottom - top }
    },
  }
}

const probe = <T>(page: Page, call: 'reset' | 'read' | 'active' | 'hostBox') =>
  page.evaluate((c) => (window as unknown as { __probe: Record<string, () => unknown> }).__probe[c]!(), call) as Promise<T>

/** A relay that takes every request and never answers: the lookup stays in flight. */
async function silentRelay() {
  const held: ServerResponse[] = []
  const server = createServer((_req, res) => void held.push(res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy()
        server.close(() => resolve())
      }),
  }
}

/** Inside the card, from the content script's world: whether anything scrolls (the card itself or a part of it), and what it holds. */
const CARD_FIT = `(() => {
  const card = root.querySelector('[data-testid="card"]')
  const scrolls = [card, ...card.querySelectorAll(':not(.sr-only)')].filter((el) => el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth).filter((el) => getComputedStyle(el).overflow !== 'visible' || el === card)
  // The height its content needs (for the message): laid out once more without the fixed height.
  const height = card.style.height
  card.style.height = 'auto'
  const needed = card.offsetHeight
  card.style.height = height
  return { scrolls: scrolls.map((el) => el.className || el.localName), needed, scrollHeight: card.scrollHeight, clientHeight: card.clientHeight, fields: [...card.querySelectorAll('[data-testid="reference"], [data-testid="threat"], [data-testid="country"], [data-testid="card-reason"], [data-testid="card-case"]')].map((el) => el.dataset.testid) }
})()`
/**
 * The blank band over the controls: from the lowest text above them (the head, the ID, the headline)
 * to the controls' top. Text only (a text node's own box), so a box with room left in it counts as blank.
 */
const BAND_ABOVE_CONTROLS = `(() => {
  const card = root.querySelector('[data-testid="card"]')
  const controls = card.querySelector('[role="toolbar"]').getBoundingClientRect()
  const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT)
  let lowest = card.getBoundingClientRect().top
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || node.parentElement.closest('.sr-only')) continue
    const range = document.createRange()
    range.selectNodeContents(node)
    for (const r of range.getClientRects()) if (r.bottom <= controls.top && r.height > 0) lowest = Math.max(lowest, r.bottom)
  }
  return Math.round(controls.top - lowest)
})()`
/** The card with room for its shadow and the text above it, for a screenshot. */
const around = (box: { x: number; y: number; width: number; height: number }) => {
  const x = Math.max(0, box.x - 16)
  const y = Math.max(0, box.y - 40)
  return { x, y, width: box.x + box.width + 16 - x, height: box.y + box.height + 16 - y }
}
type CardFit = { scrolls: string[]; needed: number; scrollHeight: number; clientHeight: number; fields: string[] }

describe('the card in en', () => {
  const locale = 'en'
  const pages: Record<string, string> = {}
  for (const [status, id] of Object.entries(IDS)) pages[`/agent/tickets/${status}`] = statusPage({ [status]: id })
  let session: HelpdeskSession
  shareHelpdeskSession((s) => (session = s), { agent: 'card-uniform', pages })
  beforeAll(() => mkdir(ARTIFACTS, { recursive: true }))

  /** The page of one status's ID, its card opened from the keyboard (Shift+Tab to the launcher, Enter for the list, Enter into the card). */
  async function cardFromKeyboard(status: Status | Kind, viewport = { width: 1280, height: 720 }): Promise<{ page: Page; ui: ContentUi }> {
    const page = await session.browser.context.newPage()
    await page.setViewportSize(viewport)
    await page.addInitScript(installProbe)
    const ui = await attachContentUi(page)
    await page.goto(session.server.url('acme.zendesk.com', `/agent/tickets/${status}`))
    await ui.waitFor('[data-testid="launcher"]')
    await page.keyboard.press('Shift+Tab')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'launcher' })
    await page.keyboard.press('Enter')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'id-row', id: IDS[status] })
    await page.keyboard.press('Enter')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'copy-id', inCard: true })
    // The answer is there (or, for the pending ID, still coming), and the card shows it.
    await expect.poll(() => lookupState(ui, IDS[status]), WAIT).toBeOneOf(STATES[status])
    if (status === 'found' || status === 'session' || status === 'event') await ui.waitFor(`[data-testid="card"] ${FULL[status]}`)
    if (status !== 'pending') await ui.waitFor('[data-testid="card"] [data-testid="status"]:not([data-tone="pending"])')
    return { page, ui }
  }

  /** What the page observed of the card's keys and focus, and of its box. */
  async function observe(status: Status) {
    const { page, ui } = await cardFromKeyboard(status)
    const card = (await ui.find('[data-testid="card"]'))!
    const seenBox = await probe<{ width: number; height: number }>(page, 'hostBox')
    const fit = await ui.evaluate<CardFit>(CARD_FIT)
    const band = await ui.evaluate<number>(BAND_ABOVE_CONTROLS)
    // One shot: the card takes the ticket's scheme, and this ticket is light whatever the OS says
    // (the German pass shoots each card on a ticket that turns dark too).
    if (status !== 'pending') await page.screenshot({ path: join(ARTIFACTS, `card-${status}-${locale}.png`), clip: around(card.box) })

    await probe(page, 'reset')
    for (const key of KEYS) await page.keyboard.press(key)
    // Tab until focus leaves our host, as the page counts it (bounded).
    let tabs = 0
    while ((await probe<string>(page, 'active')) === 'idv-lens-ui' && tabs < 20) {
      await page.keyboard.press('Tab')
      tabs++
    }
    // Back into the card from the page's side (Shift+Tab), and Esc closes it.
    await page.keyboard.press('Shift+Tab')
    const back = await ui.focused()
    await page.keyboard.press('Escape')
    await ui.waitFor('[data-testid="card"]', { state: 'detached' })
    const events = await probe<string[]>(page, 'read')
    // The pending ID's lookup was still in flight all along (its relay never answers).
    if (status === 'pending') expect(await lookupState(ui, PENDING)).toBeOneOf(STATES.pending)
    await page.close()
    return {
      seen: { events, tabs, back: back?.inCard ?? false, seenBox },
      box: { width: card.box.width, height: card.box.height },
      fit,
      band,
    }
  }

  it('should let the page observe the same keys, focus and box for a found, an unknown, a failed and a pending ID, and show all a found inquiry holds without a scrollbar', {
    timeout: 240_000,
  }, async () => {
    const found = await observe('found')
    const unknown = await observe('unknown')
    const settings = { workerUrl: session.stack.relay.url, agentToken: session.agentToken }
    let failed: Awaited<ReturnType<typeof observe>>
    let pending: Awaited<ReturnType<typeof observe>>
    // A relay nobody listens on (port 9 of this machine refuses), then one that never answers.
    await session.browser.setSettings({ ...settings, workerUrl: 'http://127.0.0.1:9' })
    try {
      failed = await observe('failed')
    } finally {
      await session.browser.setSettings(settings)
    }
    const silent = await silentRelay()
    await session.browser.setSettings({ ...settings, workerUrl: silent.url })
    try {
      pending = await observe('pending')
    } finally {
      await session.browser.setSettings(settings)
      await silent.stop()
    }

    // Something to compare: S, Shift+S and the arrows reached the page's listener (retargeted to our host), and Tab left the card.
    expect(found.seen.events.filter((e) => e.startsWith('keydown ')).length).toBeGreaterThanOrEqual(KEYS.length)
    expect(found.seen.events.some((e) => e.startsWith('keydown s idv-lens-ui'))).toBe(true)
    expect(found.seen.tabs).toBeGreaterThan(0)
    expect(found.seen.tabs).toBeLessThan(20)
    expect(found.seen.back).toBe(true)
    for (const [status, other] of Object.entries({ unknown, failed: failed!, pending: pending! })) {
      expect(other.seen, `${status} vs found, as the page sees it`).toEqual(found.seen)
      expect(other.box, `${status} vs found: the card's box`).toEqual(found.box)
    }
    // No blank band over the controls (issue 75): the headline sits on them, whatever the answer.
    const bands = { found: found.band, unknown: unknown.band, failed: failed!.band, pending: pending!.band }
    expect(
      Object.entries(bands).filter(([, px]) => px > 16),
      'px from the lowest text above the controls to them',
    ).toEqual([])
    // One Tab stop: one press leaves the card, whatever it shows.
    expect(found.seen.tabs).toBe(1)

    // The found inquiry's card shows its reason, case, reference, threat level and country, and scrolls nowhere.
    expect(found.fit.fields.sort()).toEqual(['card-case', 'card-reason', 'country', 'reference', 'threat'])
    console.info(`card-uniform ${locale}: the found inquiry's card needs ${found.fit.needed} px of its ${found.box.height}`)
    expect(found.fit.scrolls, `needs ${found.fit.needed} px, scrollHeight ${found.fit.scrollHeight} in ${found.fit.clientHeight}`).toEqual(
      [],
    )
  })

  /** Enter on the card's "Open in Persona": what the page observed, and the vendor page's address in the new tab (served here: no network). */
  async function enterOnVendorLink(status: Status) {
    await session.browser.context.route(VENDOR_PAGE, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Persona</title>' }),
    )
    try {
      return await enterOn(status)
    } finally {
      await session.browser.context.unroute(VENDOR_PAGE)
    }
  }
  async function enterOn(status: Status) {
    const { page, ui } = await cardFromKeyboard(status)
    for (const key of ['ArrowRight', 'ArrowRight']) await page.keyboard.press(key)
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'open-dashboard', inCard: true })
    await probe(page, 'reset')
    // This page's own new tab (not any page of the shared browser), once it is on the vendor's page.
    const opened = page.waitForEvent('popup', WAIT)
    await page.keyboard.press('Enter')
    const tab = await opened
    await tab.waitForURL(VENDOR_PAGE, WAIT)
    const url = tab.url()
    await tab.close()
    const events = await probe<string[]>(page, 'read')
    await page.close()
    return { events, url }
  }

  it('should let the page observe the same events for Enter on "Open in Persona" for a found and an unknown ID, each opening the vendor\'s page', async () => {
    const found = await enterOnVendorLink('found')
    const unknown = await enterOnVendorLink('unknown')
    // Something to compare: the key and the click it made reached the page (retargeted to our host).
    expect(found.events.filter((e) => /^(keydown|click|keyup) /.test(e)).map((e) => e.split(' ').slice(0, 3).join(' '))).toEqual([
      'keydown Enter idv-lens-ui',
      'click  idv-lens-ui',
      'keyup Enter idv-lens-ui',
    ])
    expect(unknown.events, 'unknown vs found, as the page sees Enter').toEqual(found.events)
    expect(found.url).toBe(`https://app.withpersona.com/dashboard/inquiries/${FOUND}`)
    expect(unknown.url).toBe(`https://app.withpersona.com/dashboard/inquiries/${UNKNOWN}`)
  })

  it.each(['found', 'session', 'event'] as const)(
    "should show all the %s ID's card holds without a scrollbar, at the default zoom and at 125 per cent",
    { timeout: 120_000 },
    async (kind) => {
      const at100 = await cardFromKeyboard(kind)
      const fitAt100 = await at100.ui.evaluate<CardFit>(CARD_FIT)
      await at100.page.close()
      // 125 % of a 1280×800 window: 1024×640 CSS pixels, 1.25 device pixels each.
      const { page, ui } = await cardFromKeyboard(kind, { width: 1024, height: 640 })
      const cdp = await session.browser.context.newCDPSession(page)
      await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1024, height: 640, deviceScaleFactor: 1.25, mobile: false })
      await expect.poll(() => page.evaluate(() => devicePixelRatio), WAIT).toBe(1.25)
      const fit = await ui.evaluate<CardFit>(CARD_FIT)
      expect(await ui.evaluate<number>(BAND_ABOVE_CONTROLS), 'px from the lowest text above the controls to them').toBeLessThanOrEqual(16)
      console.info(
        `card-uniform ${locale}: the found ${kind === 'found' ? 'inquiry' : kind}'s card needs ${fitAt100.needed} px, ${fit.needed} px at 125 %`,
      )
      if (kind === 'found') expect(fit.fields.sort()).toEqual(['card-case', 'card-reason', 'country', 'reference', 'threat'])
      expect(fitAt100.scrolls, `needs ${fitAt100.needed} px, scrollHeight ${fitAt100.scrollHeight} in ${fitAt100.clientHeight}`).toEqual([])
      expect(fit.scrolls, `needs ${fit.needed} px at 125 %, scrollHeight ${fit.scrollHeight} in ${fit.clientHeight}`).toEqual([])
      const card = (await ui.find('[data-testid="card"]'))!
      await page.screenshot({ path: join(ARTIFACTS, `card-${kind}-${locale}-zoom125.png`), clip: around(card.box) })
      await cdp.detach()
    },
  )
})
