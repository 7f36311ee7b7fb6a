/**
 * What a page can learn from the status card and the lookup budget, in real Chromium with the
 * built extension, the relay under wrangler dev and the demo upstream. A page script maps the card
 * with `document.elementFromPoint` (the only part of a closed shadow root a page can hit) and reads
 * our host element; it plants an ID it would like looked up; and a busy ticket spends its budget
 * before the agent moves on to the next ticket of the same single-page app.
 * No sleeps: every wait is for a condition, with a bounded timeout.
 */
import { describe, expect, it } from 'vitest'
import type { Page, Worker } from 'playwright-core'
import { attachContentUi, type ContentUi } from '../harness/content-ui.ts'
import { shareHelpdeskSession } from '../harness/helpdesk-session.ts'
import { inquiryWithStatus as demoInquiryWithStatus } from '../harness/demo-inquiries.ts'
import type { Stack } from '../harness/stack.ts'
import { textSpot } from '../harness/text-spot.ts'
import type { HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { WAIT } from '../harness/wait.ts'

/** The extension APIs these tests call in the service worker (typed here for the checker). */
declare const chrome: {
  tabs: { query(query: { url: string }): Promise<{ id?: number }[]> }
  storage: { session: { get(key: string): Promise<unknown> } }
}

const APPROVED = 'inq_zEx4jL84ShbUyuwX6AzPSqt6' // approved in the demo upstream
/** ID-shaped, and no such inquiry in the demo data: "not found". */
const UNKNOWN = 'inq_NotInTheDemoData0000000x'
/** What a page plants for us to look up: 1-px transparent text just inside the viewport. */
const PLANTED = 'inq_PLANTEDnearTheView000007'
const CARD_PATH = '/agent/tickets/card-probe'
const BUSY_PATH = '/agent/tickets/busy'
const EMPTY_PATH = '/agent/tickets/empty'
/** The extension's per-page budget: a ticket with this many ID-shaped strings spends all of it. */
const BUSY_IDS = 300

/** Filled in once the relay is up (the demo data names the declined inquiry). */
const pages: Record<string, string> = {
  [EMPTY_PATH]: '<!doctype html><html><head><title>Ticket</title></head><body><main><p>Hello, how can we help?</p></main></body></html>',
}

let stack: Stack
let server: HelpdeskServer
let browser: ExtensionBrowser

shareHelpdeskSession((session) => ({ stack, server, browser } = session), { agent: 'own', pages })

const tabIdOf = (background: Worker, url: string) => background.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url)

const inquiryWithStatus = (status: string) => demoInquiryWithStatus(stack.relay.url, status)

/** One ID per line, far apart, at the same left edge: each card has the same room below its ID. */
function cardProbePage(ids: readonly string[]): string {
  const rows = ids.map((id, i) => `<p id="row-${i}" style="margin:0 0 700px 40px;font:14px/20px sans-serif">Ref ${id}</p>`).join('\n')
  return `<!doctype html><html><head><title>Ticket</title></head><body style="margin:0;padding-top:200px">${rows}</body></html>`
}

/** A ticket of the single-page app: BUSY_IDS ID-shaped strings; `nextTicket()` routes to another ticket holding `next`. */
function busyTicketPage(next: string): string {
  const junk = Array.from({ length: BUSY_IDS }, (_, i) => `inq_Busy${String(i).padStart(4, '0')}${'x'.repeat(16)}`)
  return `<!doctype html><html><head><title>Ticket 1</title></head><body>
<main id="ticket" style="font:6px/7px monospace;columns:6">${junk.map((id) => `<div>${id}</div>`).join('')}</main>
<script>
  window.nextTicket = () => {
    history.pushState({}, '', '/agent/tickets/next')
    document.title = 'Ticket 2'
    document.getElementById('ticket').outerHTML = '<main id="ticket" style="font:14px sans-serif"><p>Second ticket: ${next}</p></main>'
  }
</script></body></html>`
}

async function open(path: string): Promise<{ page: Page; ui: ContentUi; tabId: number }> {
  const page = await browser.context.newPage()
  const ui = await attachContentUi(page)
  await page.goto(server.url('acme.zendesk.com', path))
  await expect
    .poll(() => ui.evaluate<number | null>('globalThis.__idvLens?.inline?.stats().idleAt ?? null').catch(() => null), WAIT)
    .not.toBeNull()
  return { page, ui, tabId: (await tabIdOf(browser.background, page.url()))! }
}

const lookupState = (ui: ContentUi, id: string) =>
  ui.evaluate<{ state: string; failure?: string } | null>(
    `(() => { const s = globalThis.__idvLens.inline.lookup(${JSON.stringify(id)}); return s ? { state: s.state, failure: s.failure?.kind } : null })()`,
  )

/**
 * What a page script can read of our UI while a card is open: the box `elementFromPoint` maps to our
 * host (relative to the ID's text, probed every 2 px over the viewport), the host's own box, its
 * attributes and computed size.
 */
function probeFromPage(page: Page, id: string) {
  return page.evaluate((needle) => {
    const host = document.querySelector('idv-lens-ui') as HTMLElement
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    let anchor: DOMRect | null = null
    for (let n = walker.nextNode(); n && !anchor; n = walker.nextNode()) {
      const at = (n as Text).data.indexOf(needle)
      if (at < 0) continue
      const r = document.createRange()
      r.setStart(n, at)
      r.setEnd(n, at + needle.length)
      anchor = r.getBoundingClientRect()
    }
    let left = Infinity
    let top = Infinity
    let right = -Infinity
    let bottom = -Infinity
    let hits = 0
    // Around the ID, wider than any card could reach from it (every 2 px over the whole viewport took a minute on a busy machine).
    // The grid is laid from the ID's text (left, bottom) at odd offsets: the card sits at even offsets from
    // there, so no probe lands on its edge and the same card a sub-pixel elsewhere gets the same probes.
    for (let dy = -421; dy < 400; dy += 2) {
      const y = anchor!.bottom + dy
      if (y < 0 || y >= innerHeight) continue
      for (let dx = 1 - 2 * Math.floor(anchor!.left / 2); dx < 500 && anchor!.left + dx < innerWidth; dx += 2) {
        if (document.elementFromPoint(anchor!.left + dx, y) !== host) continue
        hits++
        left = Math.min(left, dx)
        top = Math.min(top, dy)
        right = Math.max(right, dx)
        bottom = Math.max(bottom, dy)
      }
    }
    const box = host.getBoundingClientRect()
    const style = getComputedStyle(host)
    return {
      footprint: { hits, left, top, width: right - left, height: bottom - top },
      host: {
        x: box.x + scrollX,
        y: box.y + scrollY,
        width: box.width,
        height: box.height,
        offsetWidth: host.offsetWidth,
        offsetHeight: host.offsetHeight,
      },
      attributes: Array.from(host.attributes, (a) => `${a.name}=${a.value}`),
      style: [style.display, style.position, style.width, style.height, style.inset, style.visibility].join(' '),
    }
  }, id)
}

describe('the card, as a page sees it', () => {
  it('should look the same to elementFromPoint and on our host element whether the ID is approved, declined or not found', async () => {
    const declined = await inquiryWithStatus('declined')
    const ids = [APPROVED, declined, UNKNOWN]
    pages[CARD_PATH] = cardProbePage(ids)
    const { page, ui } = await open(CARD_PATH)
    const seen: Record<string, Awaited<ReturnType<typeof probeFromPage>>> = {}
    for (const [i, id] of ids.entries()) {
      // Each ID at the same place in the viewport, then a real hover until its answer is in the card.
      await page.evaluate((row) => window.scrollTo(0, document.getElementById(row)!.offsetTop - 200), `row-${i}`)
      await ui.hover(() => textSpot(page, id))
      await ui.waitFor(`[data-testid="card"][data-id="${id}"]`)
      await expect.poll(async () => (await ui.find('[data-testid="card-announcement"]'))?.text ?? '', WAIT).not.toBe('')
      seen[id] = await probeFromPage(page, id)
      // Away from every ID: the card closes before the next one.
      await page.mouse.move(1200, 5)
      await ui.waitFor('[data-testid="card"]', { state: 'detached' })
    }
    // The answers differ (the control: the card really showed three statuses)…
    expect(await lookupState(ui, APPROVED)).toMatchObject({ state: 'found' })
    expect(await lookupState(ui, declined)).toMatchObject({ state: 'found' })
    expect(await lookupState(ui, UNKNOWN)).toMatchObject({ state: 'missing' })
    // …and the page cannot tell them apart: the card was there (hits), the same size at the same place.
    expect(seen[APPROVED]!.footprint.hits).toBeGreaterThan(1000)
    expect(seen[declined]).toEqual(seen[APPROVED])
    expect(seen[UNKNOWN]).toEqual(seen[APPROVED])
    // Nothing on the host names an ID or a status.
    for (const attr of seen[APPROVED]!.attributes) expect(attr).not.toMatch(/inq_|found|approved|declined|status/i)
  }, 150_000)
})

describe('the lookup budget', () => {
  it('should look a planted ID up at most once however often the page plants it again', async () => {
    const { page, ui } = await open(EMPTY_PATH)
    const plant = () =>
      page.evaluate((id) => {
        document.getElementById('planted')?.remove()
        const p = document.createElement('p')
        p.id = 'planted'
        // Text the agent can see: text the page hides is never looked up (invisible-ids.e2e.test.ts).
        p.style.cssText = 'margin:0'
        p.textContent = id
        document.body.prepend(p)
      }, PLANTED)
    const marks = () => ui.evaluate<number>('globalThis.__idvLens.inline.stats().marks')
    const before = await stack.upstream.personaCalls()
    await plant()
    await expect.poll(() => lookupState(ui, PLANTED), WAIT).toMatchObject({ state: 'missing' })
    // One lookup (the relay may ask the vendor more than once for it: an unknown ID is tried as each kind it could be).
    const once = await stack.upstream.personaCalls()
    expect(once).toBeGreaterThan(before)
    // Planted again and again, and on a new route of the app: the answer stands, nothing more is asked.
    for (let round = 0; round < 5; round++) {
      const had = await marks()
      await page.evaluate(() => document.getElementById('planted')?.remove())
      await expect.poll(marks, WAIT).toBe(had - 1)
      if (round === 2) await page.evaluate(() => history.pushState({}, '', '/agent/tickets/empty-2'))
      await plant()
      await expect.poll(marks, WAIT).toBe(had)
      await expect.poll(() => ui.evaluate<number>('globalThis.__idvLens.inline.stats().nearWaiting'), WAIT).toBe(0)
    }
    expect(await lookupState(ui, PLANTED)).toMatchObject({ state: 'missing' })
    expect(await stack.upstream.personaCalls()).toBe(once)
  })

  it('should give the next ticket of a single-page app its statuses after a busy ticket spent its own budget', async () => {
    pages[BUSY_PATH] = busyTicketPage(APPROVED)
    const { page, ui, tabId } = await open(BUSY_PATH)
    // The agent opens the list, which looks every ID up: the ticket's whole budget, counted in the background.
    await ui.evaluate('globalThis.__idvLens.inline.showPageIds()')
    const counted = () =>
      browser.background.evaluate(async (key) => {
        const stored = ((await chrome.storage.session.get(key)) as Record<string, Record<string, unknown>>)[key] ?? {}
        const ids = new Set<string>()
        for (const [k, v] of Object.entries(stored)) for (const id of typeof v === 'object' && v ? Object.keys(v) : [k]) ids.add(id)
        return ids.size
      }, `inlineLookups.budget.${tabId}`)
    await expect.poll(counted, WAIT).toBe(BUSY_IDS)
    // The next ticket in the same tab: its ID gets a status, not "over budget".
    await page.evaluate(() => (window as unknown as { nextTicket(): void }).nextTicket())
    await expect
      .poll(async () => (await lookupState(ui, APPROVED))?.failure ?? (await lookupState(ui, APPROVED))?.state, {
        ...WAIT,
        timeout: 150_000,
      })
      .toBe('found')
  }, 240_000)
})
