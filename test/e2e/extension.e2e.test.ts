/**
 * The popup and the side panel in real Chromium: the development build, the relay under wrangler dev and
 * the demo upstream. What the extension shows is compared with what the demo upstream answers directly,
 * so an ordering, paging or filtering mistake anywhere on the way fails here. The pages open as tabs
 * (same document, origin and messaging), which Playwright drives fully; the real toolbar popup is driven
 * in inline-lookups.e2e.test.ts. Every wait is for a condition, with a bounded timeout.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
// The extension's own rendering of a vendor status ("needs_review" → "needs review"), unit-tested there.
import { humanize } from '../../extension/src/lib/vendor-text.ts'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { startStackAndBrowser } from '../harness/helpdesk-session.ts'
import { DEMO, REPO_ROOT, type Stack } from '../harness/stack.ts'
import { startSteadyAddress } from '../harness/steady-address.ts'
import { showPanelTab } from '../harness/side-panel-page.ts'
import { wholePageShot } from '../harness/whole-page.ts'
import { WAIT } from '../harness/wait.ts'

const EXTENSION_DIR = process.env.IDV_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3-dev')
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts')

// The demo upstream's well-known records.
const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6' // approved, reference abc-123
const DEEPIDV = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890' // VERIFIED, Canada

// Page sizes of the extension's lists (pages/popup-model.ts, pages/panel-model.ts).
const POPUP_PAGE = 10
const PANEL_PAGE = 25

/** Chrome sizes a popup to its content (the page fixes 400 px) and a side panel to a narrow column. */
const POPUP_VIEWPORT = { width: 400, height: 600 }
const PANEL_VIEWPORT = { width: 420, height: 900 }

/** The popup's lists, the side panel's too. */
const KINDS = ['sessions', 'inquiries', 'events', 'deepidv'] as const
const PANEL_KINDS = KINDS
type Kind = (typeof PANEL_KINDS)[number]

/**
 * The oracle asks the demo upstream with its own keys: any `persona_demo_…`/`deepidv_demo_…` key
 * sees the same data, and a key of its own keeps these calls out of the relay's stats and rate limits.
 */
const ORACLE = { personaKey: 'persona_demo_extension_e2e_oracle', deepidvKey: 'deepidv_demo_extension_e2e_oracle' }

let stack: Stack
let browser: ExtensionBrowser
/** Uncaught exceptions and console errors of every page the tests opened; checked after each test. */
const pageErrors: string[] = []

/** A second agent (not an admin) whose look at an inquiry the admin's audit view must show. */
const BOB = { name: 'support-bob', token: 'idvl_bob_token_for_the_audit_e2e_0000001' }

beforeAll(async () => {
  ;({ stack, browser } = await startStackAndBrowser({ agentTokens: `${DEMO.agentName}:${DEMO.agentToken}:admin,${BOB.name}:${BOB.token}` }))
  browser.context.on('weberror', (error) => pageErrors.push(`weberror: ${error.error().message}`))
  await mkdir(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await stack?.stop()
})

afterEach(async () => {
  // Each test starts as a new agent: the list one chose (kept in the extension's localStorage) is forgotten.
  const extensionPage = browser.context.pages().find((page) => page.url().startsWith(browser.pageUrl('')))
  await extensionPage?.evaluate(() => localStorage.removeItem('idv-lens.last-list')).catch(() => {})
  for (const page of browser.context.pages()) await page.close()
  await browser.setSettings({ workerUrl: stack.relay.url, agentToken: DEMO.agentToken })
  expect(pageErrors.splice(0), 'errors in the extension pages').toEqual([])
})

// --- The demo upstream's own answers -------------------------------------------------------------

type Item = { id: string; status: string | null; name?: string }

/** The first `count` items of a list, newest first, as the demo upstream orders them (following its cursors). */
async function upstreamNewest(kind: Kind, count: number, filters: Record<string, string> = {}): Promise<Item[]> {
  const items: Item[] = []
  let cursor: string | null = null
  do {
    if (kind === 'deepidv') {
      const query = new URLSearchParams({ by_organization: 'true', ...filters, limit: '100', ...(cursor ? { next_token: cursor } : {}) })
      const body = (await upstreamGet(`${stack.upstream.deepidvBase}/sessions?${query}`)) as {
        sessions: { id: string; status: string }[]
        next_token: string | null
      }
      items.push(...body.sessions.map((s) => ({ id: s.id, status: s.status })))
      cursor = body.next_token || null
    } else {
      const path = { sessions: 'inquiry-sessions', inquiries: 'inquiries', events: 'events' }[kind]
      const query = new URLSearchParams({ ...filters, 'page[size]': '100', ...(cursor ? { 'page[after]': cursor } : {}) })
      const body = (await upstreamGet(`${stack.upstream.personaBase}/${path}?${query}`)) as {
        data: { id: string; attributes: { status?: string; name?: string; payload?: { data?: { attributes?: { status?: unknown } } } } }[]
        links: { next: string | null }
      }
      for (const { id, attributes: a } of body.data) {
        if (kind !== 'events') items.push({ id, status: a.status ?? null })
        else {
          const status = a.payload?.data?.attributes?.status
          items.push({ id, status: typeof status === 'string' ? status : null, name: a.name })
        }
      }
      cursor = body.links.next ? new URL(body.links.next, 'http://upstream.invalid').searchParams.get('page[after]') : null
    }
  } while (items.length < count && cursor)
  return items.slice(0, count)
}

async function upstreamGet(url: string): Promise<unknown> {
  const headers: Record<string, string> = url.startsWith(stack.upstream.deepidvBase)
    ? { 'x-api-key': ORACLE.deepidvKey }
    : { authorization: `Bearer ${ORACLE.personaKey}` }
  const res = await fetch(url, { headers })
  if (!res.ok) throw new Error(`demo upstream answered ${res.status} for ${url}: ${await res.text()}`)
  return res.json()
}

/** How many Persona calls the shared relay has made (the demo upstream counts them per API key). */
const vendorCalls = () => stack.upstream.personaCalls()

/** The demo agent's inquiry list requests (the popup's first list) the relay answered past its cache (the audit; the demo agent is an admin). */
async function forcedInquiryRefreshes(): Promise<number> {
  const res = await fetch(`${stack.relay.url}/v1/admin/audit?agent=${DEMO.agentName}&limit=500`, {
    headers: { authorization: `Bearer ${DEMO.agentToken}` },
  })
  const { data } = (await res.json()) as { data: { route: string; cacheStatus: string | null }[] }
  return data.filter((row) => row.route === '/v1/persona/inquiries' && /fwd=request/.test(row.cacheStatus ?? '')).length
}

/** What a status badge reads for a vendor status (none when the vendor gave none). */
const badgeText = (status: string | null) => (status === null ? null : humanize(status))

// --- Pages ---------------------------------------------------------------------------------------

async function openExtensionPage(path: 'popup.html' | 'sidepanel.html', viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.context.newPage()
  watchErrors(page, path)
  await page.setViewportSize(viewport)
  await page.goto(browser.pageUrl(path))
  return page
}

function watchErrors(page: Page, name: string) {
  page.on('pageerror', (error) => pageErrors.push(`${name}: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${name} console: ${message.text()}`)
  })
}

/** The data-id of each row in the list, top to bottom. */
const rowIds = (scope: Locator) =>
  scope.locator('[data-testid="row"]').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.id ?? ''))

/** Each row's ID and status badge text (null when the row has none), top to bottom, read at once. */
const rowsOf = (scope: Locator) =>
  scope.locator('[data-testid="row"]').evaluateAll((rows) =>
    rows.map((row) => ({
      id: (row as HTMLElement).dataset.id ?? '',
      status: row.querySelector('[data-testid="status"]')?.textContent ?? null,
    })),
  )

/** The events' names as Persona sends them (each row shows them in words, the name on hover). */
const eventNames = (scope: Locator) =>
  scope
    .locator('[data-testid="row"] [data-testid="event-name"]')
    .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.name ?? ''))

/** Loaded and settled: the list says it is not busy (no first page or next page in flight). */
const settled = async (scope: Locator) => (await scope.getByTestId('list').getAttribute('aria-busy')) === 'false'

const artifact = (name: string) => join(ARTIFACTS, name)

// --- Tests ---------------------------------------------------------------------------------------

describe('popup', () => {
  it('should list the newest inquiry sessions, inquiries, events and deepidv sessions, newest first, with their status and the freshness line', async () => {
    const popup = await openExtensionPage('popup.html', POPUP_VIEWPORT)
    const freshness = popup.getByTestId('freshness')
    // It opens on the inquiries, the object agents are asked about.
    await expect.poll(() => popup.getByTestId('tab-inquiries').getAttribute('aria-selected'), WAIT).toBe('true')
    for (const kind of KINDS) {
      const expected = await upstreamNewest(kind, POPUP_PAGE)
      expect(expected).toHaveLength(POPUP_PAGE)
      await popup.getByTestId(`tab-${kind}`).click()
      const panel = popup.getByTestId(`panel-${kind}`)
      await expect.poll(() => rowIds(panel), WAIT).toEqual(expected.map((i) => i.id))
      expect(await rowsOf(panel), `${kind} status badges`).toEqual(expected.map((i) => ({ id: i.id, status: badgeText(i.status) })))
      if (kind === 'events') expect(await eventNames(panel)).toEqual(expected.map((i) => i.name))
      // A fresh relay, so each list came from the vendor moments ago; on a loaded machine a later tab's copy
      // can be past the list's freshness by the time it shows, which reads "cached" (never stale).
      expect(['fresh', 'cached'], `${kind} freshness`).toContain(await freshness.getAttribute('data-state'))
      expect(await freshness.textContent()).toMatch(/^Updated (now|\d+ sec\. ago)( · .+)?$/)
    }

    await popup.getByTestId('tab-sessions').click()
    await popup.getByTestId('panel-sessions').getByTestId('row').first().waitFor(WAIT)
    // Chrome sizes the popup to its document: the list scrolls inside it, the page itself must not.
    expect(
      await popup.evaluate(() => {
        const root = document.documentElement
        return { tallerThanWindow: root.scrollHeight > root.clientHeight, widerThanWindow: root.scrollWidth > root.clientWidth }
      }),
    ).toEqual({ tallerThanWindow: false, widerThanWindow: false })
    await popup.screenshot({ path: artifact('popup.png') })
  })

  it("should refetch past the relay's cache on Refresh, and say when a list comes from the relay's cache", async () => {
    const expected = (await upstreamNewest('inquiries', POPUP_PAGE)).map((i) => i.id)
    const first = await openExtensionPage('popup.html', POPUP_VIEWPORT)
    const list = first.getByTestId('panel-inquiries')
    await expect.poll(() => rowIds(list), WAIT).toEqual(expected)

    // Refresh goes past the relay's cache (Cache-Control: no-cache), as the relay's audit of this agent
    // shows; the vendor gate then calls the vendor, or answers from a call of the last 5 s (workerd tests).
    const forcedBefore = await forcedInquiryRefreshes()
    await first.getByTestId('refresh').click()
    await expect
      .poll(
        async () =>
          (await forcedInquiryRefreshes()) > forcedBefore &&
          (await settled(list)) &&
          (await first.getByTestId('freshness').getAttribute('data-state')),
        WAIT,
      )
      .toBe('fresh')
    expect(await rowIds(list)).toEqual(expected)
    await first.close()

    // The next popup gets that copy from the relay, without a vendor call, and says so.
    const calls = await vendorCalls()
    const popup = await openExtensionPage('popup.html', POPUP_VIEWPORT)
    await expect.poll(() => rowIds(popup.getByTestId('panel-inquiries')), WAIT).toEqual(expected)
    const freshness = popup.getByTestId('freshness')
    // The popup first paints the last answer it kept (storage.session), then the relay's: from its cache.
    await expect.poll(() => freshness.getAttribute('data-state'), WAIT).toBe('cached')
    expect(await freshness.textContent()).toMatch(/^Updated (now|\d+ sec\. ago) · from the relay's cache$/)
    expect(await vendorCalls()).toBe(calls)
  })

  it('should draw the page it kept before its code has loaded, and no frame shows it beside the app', async () => {
    const expected = (await upstreamNewest('inquiries', POPUP_PAGE)).map((i) => i.id)
    const first = await openExtensionPage('popup.html', POPUP_VIEWPORT)
    await expect.poll(() => rowIds(first.getByTestId('panel-inquiries')), WAIT).toEqual(expected)
    await first.close()

    // Every frame until the app shows: the rows of the first paint and of the app. Whether the first
    // paint wins its race with the app's code depends on the machine; what a frame shows does not.
    type Frame = { firstPaint: string[]; app: string[] }
    const page = await browser.context.newPage()
    watchErrors(page, 'popup.html')
    await page.setViewportSize(POPUP_VIEWPORT)
    await page.addInitScript(() => {
      const frames: Frame[] = ((window as unknown as { __frames: Frame[] }).__frames = [])
      const ids = (box: string) =>
        [...document.querySelectorAll<HTMLElement>(`${box} [data-testid="row"]`)].map((row) => row.dataset.id ?? '')
      const sample = () => {
        frames.push({ firstPaint: ids('#first-paint'), app: ids('#app:not([hidden])') })
        if (document.documentElement.dataset.appShown === undefined || frames.at(-1)!.app.length === 0) requestAnimationFrame(sample)
      }
      requestAnimationFrame(sample)
    })
    await page.goto(browser.pageUrl('popup.html'))
    await expect.poll(() => rowIds(page.getByTestId('panel-inquiries')), WAIT).toEqual(expected)
    const frames = await page.evaluate(() => (window as unknown as { __frames: Frame[] }).__frames)
    expect(frames.filter((f) => f.firstPaint.length > 0 && f.app.length > 0)).toEqual([])
    // What the first paint drew, when it drew, is the page the popup showed last.
    for (const f of frames.filter((f) => f.firstPaint.length > 0)) expect(f.firstPaint).toEqual(expected)
    expect(await page.locator('#first-paint').count()).toBe(0)
    expect(await page.locator('#app').isVisible()).toBe(true)
    await page.close()
  })
})

describe('side panel', () => {
  it.each(PANEL_KINDS)('should page through %s with "Load more": three pages and more, newest first, no duplicates', async (kind) => {
    const page = await openExtensionPage('sidepanel.html', PANEL_VIEWPORT)
    await showPanelTab(page, kind)
    const panel = page.getByTestId(`panel-${kind}`)
    await expect.poll(() => rowIds(panel), WAIT).toHaveLength(PANEL_PAGE)

    // Two "Load more" clicks, each bringing a page (infinite scroll may bring more on its own).
    for (let click = 0; click < 2; click++) {
      const before = (await rowIds(panel)).length
      await panel.getByTestId('load-more').click()
      await expect.poll(async () => (await rowIds(panel)).length > before && (await settled(panel)), WAIT).toBe(true)
    }
    // IDs and statuses read together, so a page arriving in between cannot pair them wrongly.
    const rows = await rowsOf(panel)
    const ids = rows.map((r) => r.id)
    // Every page is full (the demo data has thousands), and none repeats an ID.
    expect(ids.length).toBeGreaterThanOrEqual(3 * PANEL_PAGE)
    expect(ids.length % PANEL_PAGE).toBe(0)
    expect(new Set(ids).size).toBe(ids.length)
    const expected = await upstreamNewest(kind, ids.length)
    expect(ids).toEqual(expected.map((i) => i.id))
    expect(rows.map((r) => r.status)).toEqual(expected.map((i) => badgeText(i.status)))
    await expect.poll(() => panel.getByTestId('load-more').isEnabled(), WAIT).toBe(true)

    if (kind === 'sessions') {
      await page.mouse.move(0, 0)
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: artifact('sidepanel.png') })
    }
  })

  it('should narrow the events to one event name, and widen them again when the filter is cleared', async () => {
    const [unfiltered, approved] = await Promise.all([
      upstreamNewest('events', PANEL_PAGE),
      upstreamNewest('events', PANEL_PAGE, { 'filter[name]': 'inquiry.approved' }),
    ])
    const page = await openExtensionPage('sidepanel.html', PANEL_VIEWPORT)
    await page.getByTestId('tab-events').click()
    const panel = page.getByTestId('panel-events')
    await expect.poll(() => rowIds(panel), WAIT).toEqual(unfiltered.map((i) => i.id))
    // The newest events are of several kinds, so the filter has something to take away.
    expect(new Set(await eventNames(panel)).size).toBeGreaterThan(1)

    const filters = panel.getByTestId('filters-events')
    await filters.locator('summary').click()
    await filters.getByTestId('filter-event-name').fill('inquiry.approved')
    await filters.getByTestId('filters-apply').click()
    await expect.poll(() => rowIds(panel), WAIT).toEqual(approved.map((i) => i.id))
    expect(await eventNames(panel)).toEqual(approved.map(() => 'inquiry.approved'))
    expect(approved.map((i) => i.id)).not.toEqual(unfiltered.map((i) => i.id))
    expect(await filters.locator('summary').textContent()).toBe('Filters (1 active)')

    await filters.getByTestId('filters-clear').click()
    await expect.poll(() => rowIds(panel), WAIT).toEqual(unfiltered.map((i) => i.id))
    expect(await filters.locator('summary').textContent()).toBe('Filters')
  })

  it('should narrow the inquiries to the statuses checked, and count the filter', async () => {
    const [unfiltered, decided] = await Promise.all([
      upstreamNewest('inquiries', PANEL_PAGE),
      upstreamNewest('inquiries', PANEL_PAGE, { 'filter[status]': 'declined,needs_review' }),
    ])
    expect(decided.length).toBe(PANEL_PAGE)
    const page = await openExtensionPage('sidepanel.html', PANEL_VIEWPORT)
    await page.getByTestId('tab-inquiries').click()
    const panel = page.getByTestId('panel-inquiries')
    await expect.poll(() => rowIds(panel), WAIT).toEqual(unfiltered.map((i) => i.id))
    // The newest inquiries are of several statuses, so the filter has something to take away.
    expect(new Set(unfiltered.map((i) => i.status)).size).toBeGreaterThan(2)

    const filters = panel.getByTestId('filters-inquiries')
    await filters.locator('summary').click()
    await filters.getByLabel('declined').check()
    await filters.getByLabel('needs review').check()
    await filters.getByTestId('filters-apply').click()
    await expect.poll(() => rowIds(panel), WAIT).toEqual(decided.map((i) => i.id))
    const statuses = new Set((await rowsOf(panel)).map((r) => r.status))
    expect([...statuses].every((status) => status === 'declined' || status === 'needs review')).toBe(true)
    expect(await filters.locator('summary').textContent()).toBe('Filters (1 active)')
  })

  it("should narrow the inquiry sessions to one inquiry's", async () => {
    const [unfiltered, ofInquiry] = await Promise.all([
      upstreamNewest('sessions', PANEL_PAGE),
      upstreamNewest('sessions', PANEL_PAGE, { 'filter[inquiry-id]': INQUIRY }),
    ])
    expect(ofInquiry.length).toBeGreaterThan(0)
    expect(ofInquiry.length).toBeLessThan(unfiltered.length)
    const page = await openExtensionPage('sidepanel.html', PANEL_VIEWPORT)
    // The panel opens on the list last chosen in it or the popup: the sessions are chosen here.
    await page.getByTestId('tab-sessions').click()
    const panel = page.getByTestId('panel-sessions')
    await expect.poll(() => rowIds(panel), WAIT).toEqual(unfiltered.map((i) => i.id))

    const filters = panel.getByTestId('filters-sessions')
    await filters.locator('summary').click()
    await filters.getByTestId('filter-inquiry-id').fill(INQUIRY)
    await filters.getByTestId('filters-apply').click()
    await expect.poll(() => rowIds(panel), WAIT).toEqual(ofInquiry.map((i) => i.id))
    await expect.poll(() => settled(panel), WAIT).toBe(true)
    // One page holds them all: no "Load more", the list says where it ends.
    expect(await panel.getByTestId('load-more').count()).toBe(0)
    await panel.getByTestId('end-of-list').waitFor(WAIT)
  })

  it("should show an admin who looked at an inquiry, and one agent's recent lookups", async () => {
    // Bob, an agent, looks at the inquiry through the relay; the write lands in the background.
    const bob = { authorization: `Bearer ${BOB.token}` }
    expect((await fetch(`${stack.relay.url}/v1/persona/inquiries/${INQUIRY}`, { headers: bob })).status).toBe(200)
    expect((await fetch(`${stack.relay.url}/v1/admin/audit?id=${INQUIRY}`, { headers: bob })).status, 'agents cannot read the audit').toBe(
      403,
    )
    await expect
      .poll(async () => {
        const res = await fetch(`${stack.relay.url}/v1/admin/audit?agent=${BOB.name}`, {
          headers: { authorization: `Bearer ${DEMO.agentToken}` },
        })
        return ((await res.json()) as { data: unknown[] }).data.length
      }, WAIT)
      .toBeGreaterThan(0)

    const page = await openExtensionPage('sidepanel.html', PANEL_VIEWPORT)
    await page.getByTestId('lookup-input').fill(INQUIRY)
    await page.getByTestId('lookup-submit').click()
    const detail = page.locator(`[data-testid="detail"][data-id="${INQUIRY}"]`)
    await detail.getByTestId('detail-audit').getByTestId('audit-who').click()
    const byId = detail.getByTestId('audit-by-id')
    await byId.waitFor(WAIT)
    const agents = await byId.getByTestId('audit-row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.agent))
    expect(agents).toContain(BOB.name)
    await byId
      .getByRole('button', { name: `Recent lookups of ${BOB.name}` })
      .first()
      .click()
    const byAgent = detail.getByTestId('audit-by-agent')
    await byAgent.waitFor(WAIT)
    const bobsRows = await byAgent.getByTestId('audit-row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.agent))
    expect(bobsRows.length).toBeGreaterThanOrEqual(2)
    expect(new Set(bobsRows)).toEqual(new Set([BOB.name]))
    expect(await byAgent.textContent()).toContain('/v1/admin/audit')
    await wholePageShot(page, artifact('detail-audit.png'))
  })

  it('should open an inquiry from the lookup box with its sessions and event timeline, then a deepidv session', async () => {
    const [sessions, timeline, deepidv] = await Promise.all([
      upstreamNewest('sessions', 100, { 'filter[inquiry-id]': INQUIRY }),
      upstreamNewest('events', 100, { 'filter[object-id]': INQUIRY }),
      upstreamGet(`${stack.upstream.deepidvBase}/sessions/${DEEPIDV}`) as Promise<{ session_record: { status: string } }>,
    ])
    expect(sessions.length).toBeGreaterThan(0)
    expect(timeline.length).toBeGreaterThan(1)

    const page = await openExtensionPage('sidepanel.html', PANEL_VIEWPORT)
    await page.getByTestId('lookup-input').fill(`  ${INQUIRY} `)
    await page.getByTestId('lookup-submit').click()
    const detail = page.locator(`[data-testid="detail"][data-id="${INQUIRY}"]`)
    await detail.waitFor(WAIT)
    expect(await detail.getAttribute('data-kind')).toBe('persona-inquiry')
    expect(await page.getByRole('tabpanel').count(), 'the lists make way for the detail').toBe(0)
    expect(await detail.getByTestId('detail-id').textContent()).toBe(INQUIRY)

    const summary = detail.getByTestId('detail-summary')
    await expect.poll(() => summary.getByTestId('status').first().textContent(), WAIT).toBe('approved')
    // The side panel hands its components the vendors' tones (pages/WithVendorFacts.tsx).
    expect(await summary.getByTestId('status').first().getAttribute('data-tone')).toBe('good')
    expect(await summary.locator('[data-field="fieldReferenceId"] dd').textContent()).toBe('abc-123')

    const sessionIds = () =>
      detail
        .getByTestId('detail-sessions')
        .locator('[data-testid="session"]')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))
    await expect.poll(sessionIds, WAIT).toEqual(sessions.map((s) => s.id))
    const firstSession = detail.getByTestId('detail-sessions').getByTestId('session').first()
    expect(await firstSession.getByTestId('status').first().textContent()).toBe(badgeText(sessions[0]!.status))

    const timelineIds = () =>
      detail
        .getByTestId('detail-events')
        .locator('[data-testid="timeline-event"]')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))
    await expect.poll(timelineIds, WAIT).toEqual(timeline.map((e) => e.id))
    expect(await detail.getByTestId('detail-events').locator('[data-testid="timeline-event"] button').allTextContents()).toEqual(
      timeline.map((e) => e.name),
    )
    await detail.getByTestId('freshness').waitFor(WAIT)
    await wholePageShot(page, artifact('detail-inquiry.png'))

    // A deepidv UUID opens on top; Back returns to the inquiry.
    await page.getByTestId('lookup-input').fill(DEEPIDV)
    await page.getByTestId('lookup-input').press('Enter')
    const deep = page.locator(`[data-testid="detail"][data-id="${DEEPIDV}"]`)
    await deep.waitFor(WAIT)
    expect(await deep.getAttribute('data-kind')).toBe('deepidv-session')
    const deepSummary = deep.getByTestId('detail-summary')
    await expect.poll(() => deepSummary.getByTestId('status').first().textContent(), WAIT).toBe(badgeText(deepidv.session_record.status))
    expect(await deepSummary.locator('[data-field="fieldCountry"] dd').textContent()).toBe('Canada')
    await deep.getByTestId('detail-analysis').waitFor(WAIT)
    await wholePageShot(page, artifact('detail-deepidv.png'))

    await deep.getByTestId('detail-back').click()
    await detail.waitFor(WAIT)
    await detail.getByTestId('detail-back').click()
    await page.getByRole('tabpanel').getByTestId('row').first().waitFor(WAIT)
  })

  it('should take text that is not an ID as a reference ID, and an email address as one, saying which vendors could not search by it', async () => {
    const page = await openExtensionPage('sidepanel.html', PANEL_VIEWPORT)
    await page.getByTestId('lookup-input').fill('inq_tooShort')
    await page.getByTestId('lookup-submit').click()
    await page.getByTestId('search-none').waitFor(WAIT)
    expect(await page.getByTestId('search-none').textContent()).toContain('inq_tooShort')
    await page.getByTestId('lookup-input').fill('customer@example.com')
    await page.getByTestId('lookup-submit').click()
    await expect
      .poll(() => page.getByTestId('search-none').textContent(), WAIT)
      .toContain('No vendor could be searched for customer@example.com')
    const lines = await page.getByTestId('search-vendor-line').allTextContents()
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(line).toContain('not searched, its API cannot list records by email address')
    expect(await page.getByTestId('detail').count()).toBe(0)
  })
})

describe('theme', () => {
  it("should follow the system's light and dark setting, in the pages and in the status badges", async () => {
    /** Relative luminance (0 black … 1 white) of a computed rgb() colour. */
    const luminance = (rgb: string) => {
      const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number)
      return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255
    }
    const colours = async (scheme: 'light' | 'dark') => {
      const page = await openExtensionPage('popup.html', POPUP_VIEWPORT)
      await page.emulateMedia({ colorScheme: scheme })
      const badge = page.getByTestId('panel-inquiries').getByTestId('status').first()
      await badge.waitFor(WAIT)
      const read = (el: Element) => ({ bg: getComputedStyle(el).backgroundColor, fg: getComputedStyle(el).color })
      return { body: await page.locator('body').evaluate(read), badge: await badge.evaluate(read) }
    }
    const light = await colours('light')
    const dark = await colours('dark')
    expect(luminance(light.body.bg)).toBeGreaterThan(0.9)
    expect(luminance(light.body.fg)).toBeLessThan(0.2)
    expect(luminance(dark.body.bg)).toBeLessThan(0.15)
    expect(luminance(dark.body.fg)).toBeGreaterThan(0.8)
    // Badges keep their text readable on their own background in both.
    expect(luminance(light.badge.bg)).toBeGreaterThan(luminance(light.badge.fg))
    expect(luminance(dark.badge.bg)).toBeLessThan(luminance(dark.badge.fg))
  })
})

describe('failures', () => {
  it('should say the relay is unreachable when it stops: the rows stay, marked stale, and a new panel shows the error, not a blank list', async () => {
    // The file's relay behind an address of its own (steady-address.ts), which the test stops answering
    // (every connection dropped, as a stopped relay's port refuses it): the other tests' relay runs on.
    const relay = await startSteadyAddress()
    relay.pointAt(Number(new URL(stack.relay.url).port))
    try {
      const expected = (await upstreamNewest('inquiries', POPUP_PAGE)).map((i) => i.id)
      await browser.setSettings({ workerUrl: relay.url, agentToken: DEMO.agentToken })
      const popup = await openExtensionPage('popup.html', POPUP_VIEWPORT)
      const list = popup.getByTestId('panel-inquiries')
      await expect.poll(() => rowIds(list), WAIT).toEqual(expected)

      relay.pointAt(null)
      await popup.getByTestId('refresh').click()
      const banner = list.getByTestId('error-unreachable')
      await banner.waitFor(WAIT)
      expect(await banner.locator('strong').textContent()).toBe('Relay unreachable')
      expect(await banner.textContent()).toContain(`IDV Lens cannot reach your relay at ${relay.url}; it will retry.`)
      await banner.getByTestId('stale-note').waitFor(WAIT)
      await banner.getByTestId('retry').waitFor(WAIT)
      // Nothing answered: the settings are not the problem (relay-recovery.e2e.test.ts has the comeback).
      expect(await banner.getByTestId('open-settings').count()).toBe(0)
      expect(await rowIds(list), 'the rows stay on screen').toEqual(expected)
      await expect.poll(() => popup.getByTestId('freshness').getAttribute('data-state'), WAIT).toBe('stale')
      expect(await popup.getByTestId('freshness').textContent()).toContain('stale: the last refresh failed')

      // Opened with the relay down: the failure is said, the skeleton goes, nothing is blank.
      const page = await openExtensionPage('sidepanel.html', PANEL_VIEWPORT)
      const panel = page.getByRole('tabpanel')
      await panel.getByTestId('error-unreachable').waitFor(WAIT)
      await expect.poll(() => settled(panel), WAIT).toBe(true)
      expect(await panel.getByTestId('row').count()).toBe(0)
      expect(await panel.getByTestId('skeleton').count()).toBe(0)
      expect(await panel.getByTestId('error-unreachable').textContent()).toContain(`IDV Lens cannot reach your relay at ${relay.url}`)
      expect(await page.getByTestId('freshness').textContent()).toBe('No data')
    } finally {
      await relay.stop()
    }
  }, 150_000)

  it('should say the agent token was rejected, with a way to the settings', async () => {
    await browser.setSettings({ workerUrl: stack.relay.url, agentToken: 'idvl_not_a_token_the_relay_knows' })
    const popup = await openExtensionPage('popup.html', POPUP_VIEWPORT)
    const list = popup.getByTestId('panel-inquiries')
    const banner = list.getByTestId('error-unauthorized')
    await banner.waitFor(WAIT)
    expect(await banner.locator('strong').textContent()).toBe('Agent token rejected')
    expect(await banner.textContent()).toContain('Check the agent token in the settings')
    // Retrying with the same token cannot help; the settings can.
    expect(await banner.getByTestId('retry').count()).toBe(0)
    expect(await list.getByTestId('row').count()).toBe(0)
    expect(await list.getByTestId('skeleton').count()).toBe(0)

    const [options] = await Promise.all([
      browser.context.waitForEvent('page', {
        predicate: (p) => p.url().startsWith(browser.pageUrl('options.html')),
        timeout: WAIT.timeout,
      }),
      banner.getByTestId('open-settings').click(),
    ])
    watchErrors(options, 'options.html')
    await options.getByTestId('setting-agent-token').waitFor(WAIT)
    await expect.poll(() => options.getByTestId('setting-agent-token').inputValue(), WAIT).toBe('idvl_not_a_token_the_relay_knows')
  })
})
