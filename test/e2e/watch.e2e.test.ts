/**
 * Watching an ID in real Chromium against the demo relay with live events: the detail's Watch toggle, a
 * watched inquiry whose status the demo vendor changes (with its signed webhook), the background's
 * notification and its alarm re-check with no page open, the popup's watched list and the Live filter.
 * Then the polish that walk asked for: a whole row opens its detail, a search during a detail shows its
 * results, a not-found ID offers no vendor link. Screenshots (light/dark) go to test/artifacts/surfaces/.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { startLiveStack, type LiveStack } from '../harness/live.ts'
import { DEMO, REPO_ROOT } from '../harness/stack.ts'
import { attachContentUi } from '../harness/content-ui.ts'
import { browserOver, shareHelpdeskSession, type HelpdeskSession } from '../harness/helpdesk-session.ts'
import { startHelpdeskServer, type HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { textSpot } from '../harness/text-spot.ts'
import { WAIT } from '../harness/wait.ts'

const EXTENSION_DIR = process.env.IDV_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3-dev')
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/surfaces')
const PANEL_VIEWPORT = { width: 400, height: 900 }
const POPUP_VIEWPORT = { width: 400, height: 600 }
const SCHEMES = ['light', 'dark'] as const
/** The shape of an inquiry ID, in no environment's data. */
const UNKNOWN_INQUIRY = 'inq_NotInTheDemoData00000000'

/** What the service worker's chrome API offers the test (run there; typed here for the checker). */
declare const chrome: {
  notifications: {
    getAll(): Promise<Record<string, boolean>>
    create(id: string, options: { title: string; message: string }): Promise<string>
  }
  runtime: { sendMessage(message: unknown): Promise<unknown> }
  alarms: {
    get(name: string): Promise<{ name: string; periodInMinutes?: number } | undefined>
    create(name: string, info: { when: number }): Promise<void>
  }
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } }
}

type StoredWatch = { id: string; status: string | null; caseId: string | null; caseStatus: string | null; changedAt: number | null }

let stack: LiveStack
let story: { failedInquiry: string; case: string; referenceId: string }
let fixtures: { inquiry: string }

beforeAll(async () => {
  stack = await startLiveStack()
  const info = (await (await fetch(`${stack.upstream.url}/__demo/info`)).json()) as {
    story: typeof story | null
    fixtures: typeof fixtures
  }
  if (!info.story) throw new Error('the demo data has no story (its anchor is before 2024-02-28)')
  story = info.story
  fixtures = info.fixtures
  await mkdir(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  await stack?.stop()
})

/** Moves a demo inquiry to `status`; the demo vendor delivers the matching signed webhook to the relay. */
async function changeInquiry(id: string, status: string) {
  const res = await fetch(`${stack.upstream.url}/__demo/persona/inquiries/${id}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  })
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as { delivery: { status: number } | null }
}

async function changeCase(id: string, status: string) {
  const res = await fetch(`${stack.upstream.url}/__demo/persona/cases/${id}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  })
  expect(res.status, await res.clone().text()).toBe(200)
}

describe('watching an ID', () => {
  let browser: ExtensionBrowser
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await launchWithExtension({ extensionDir: EXTENSION_DIR })
    await browser.setSettings({ workerUrl: stack.relay.url, agentToken: DEMO.agentToken })
  })
  afterAll(async () => {
    await browser?.close()
  })

  async function open(path: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await browser.context.newPage()
    page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`))
    await page.setViewportSize(viewport)
    await page.goto(browser.pageUrl(path))
    return page
  }

  /**
   * The background's notifications seen so far (`watch:<id>:<time>`): every read adds what is shown
   * now, since the browser takes a notification away again after a while.
   */
  const seen = new Set<string>()
  const notifications = async () => {
    for (const key of Object.keys(await browser.background.evaluate(() => chrome.notifications.getAll()))) seen.add(key)
    return [...seen]
  }
  /** How many notifications about `id` there have been. */
  const notifiedAbout = async (id: string) => (await notifications()).filter((key) => key.split(':')[1] === id).length
  const storedWatches = async () =>
    ((await browser.background.evaluate(() => chrome.storage.local.get('watches'))).watches as { watches: StoredWatch[] } | undefined)
      ?.watches ?? []

  async function openDetail(page: Page, id: string) {
    await page.getByTestId('lookup-input').fill(id)
    await page.getByTestId('lookup-submit').click()
    await page.locator(`[data-testid="detail"][data-id="${id}"]`).waitFor(WAIT)
  }

  it('should notify a live change of a watched inquiry and of its case, list it in the popup, and narrow the Live tab to it', async () => {
    const panel = await open('sidepanel.html', PANEL_VIEWPORT)
    await openDetail(panel, story.failedInquiry)
    const toggle = panel.getByTestId('watch-toggle')
    await expect.poll(() => toggle.getAttribute('aria-pressed'), WAIT).toBe('false')
    expect(await toggle.textContent()).toContain('Watch')
    await toggle.click()
    await expect.poll(() => toggle.getAttribute('aria-pressed'), WAIT).toBe('true')
    expect(await toggle.textContent()).toContain('Watching')
    await expect.poll(async () => (await storedWatches()).map((w) => [w.id, w.status]), WAIT).toEqual([[story.failedInquiry, 'failed']])
    // The alarm that re-checks runs only while something is watched.
    expect(await browser.background.evaluate(() => chrome.alarms.get('watch-recheck').then((a) => a?.periodInMinutes))).toBe(5)

    // The baseline has the inquiry's review case (from the relay's summary), so its events count too.
    await expect.poll(async () => (await storedWatches())[0]?.caseId, WAIT).toBe(story.case)

    // The panel's live connection is up before the vendor changes anything; other events arrive too.
    await panel.getByTestId('detail-back').click()
    await panel.getByTestId('tab-live').click()
    await expect.poll(() => panel.getByTestId('live-indicator').getAttribute('data-status'), WAIT).toBe('live')
    for (let i = 0; i < 2; i++) expect((await stack.deliver('deepidv')).status).toBe(204)
    expect(await notifications()).toEqual([])

    const change = await changeInquiry(story.failedInquiry, 'needs_review')
    expect(change.delivery?.status).toBe(204)
    await expect.poll(() => notifiedAbout(story.failedInquiry), WAIT).toBe(1)
    expect(await notifications()).toHaveLength(1)
    const [watch] = await storedWatches()
    expect(watch).toMatchObject({ id: story.failedInquiry, status: 'needs_review' })
    expect(watch?.changedAt).toEqual(expect.any(Number))

    // Its case's own event is about the same watch (the case ID came with the baseline or the re-check).
    await changeCase(story.case, 'Approved')
    await expect.poll(async () => (await storedWatches())[0]?.caseStatus, WAIT).toBe('Approved')
    await expect.poll(() => notifiedAbout(story.failedInquiry), WAIT).toBe(2)

    // The Live tab narrowed to watched IDs keeps only their events; the whole feed has more.
    await expect.poll(() => panel.getByTestId('live-event').count(), WAIT).toBe(4)
    await panel.locator('[data-scope="watched"]').click()
    await expect.poll(() => panel.getByTestId('live-event').count(), WAIT).toBe(2)
    expect(await panel.locator('[data-testid="live-event"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-vendor')))).toEqual(
      ['persona', 'persona'],
    )
    await panel.locator('[data-scope="all"]').click()
    await expect.poll(() => panel.getByTestId('live-event').count(), WAIT).toBe(4)
    // This tab's IDs: the panel's tab shows no helpdesk page, so nothing.
    await panel.locator('[data-scope="page"]').click()
    await expect.poll(() => panel.getByTestId('live-empty').textContent(), WAIT).toBe('No live events yet for the IDs on this tab.')
    await panel.locator('[data-scope="watched"]').click()
    for (const scheme of SCHEMES) {
      await panel.emulateMedia({ colorScheme: scheme })
      await panel.screenshot({ path: join(ARTIFACTS, `watch-live-filter-en-${scheme}.png`) })
    }

    // The popup lists the watched ID with its status and when it changed; a click opens its detail.
    const popup = await open('popup.html', POPUP_VIEWPORT)
    const row = popup.locator(`[data-testid="watched-row"][data-id="${story.failedInquiry}"]`)
    await row.waitFor(WAIT)
    expect(await row.getByTestId('status').textContent()).toBe('needs review')
    expect(await row.getByTestId('watched-when').textContent()).toMatch(/^changed (now|\d+ sec\. ago)$/)
    expect(await popup.locator('[role="tab"]').allTextContents()).toEqual(['Inquiries', 'Sessions', 'Events', 'deepidv', 'Live'])
    for (const scheme of SCHEMES) {
      await popup.emulateMedia({ colorScheme: scheme })
      await popup.screenshot({ path: join(ARTIFACTS, `watch-popup-list-en-${scheme}.png`) })
    }
    await panel.bringToFront()
    await openDetail(panel, story.failedInquiry)
    for (const scheme of SCHEMES) {
      await panel.emulateMedia({ colorScheme: scheme })
      await panel.screenshot({ path: join(ARTIFACTS, `watch-toggle-detail-en-${scheme}.png`) })
    }
    // Unwatching from the popup empties its list and stops the alarm.
    await popup.bringToFront()
    await row.getByTestId('watched-stop').click()
    await expect.poll(() => popup.getByTestId('watched').count(), WAIT).toBe(0)
    await expect
      .poll(() => browser.background.evaluate(() => chrome.alarms.get('watch-recheck').then((a) => a?.name ?? null)), WAIT)
      .toBeNull()
    await popup.close()
    await panel.close()
    expect(pageErrors).toEqual([])
  })

  it("should notice a watched inquiry's change in the background's re-check with no page open", async () => {
    const panel = await open('sidepanel.html', PANEL_VIEWPORT)
    await openDetail(panel, fixtures.inquiry)
    const status = await panel.locator('[data-testid="detail"] [data-testid="status"]').first().getAttribute('title')
    await panel.getByTestId('watch-toggle').click()
    await expect.poll(async () => (await storedWatches()).map((w) => w.id), WAIT).toContain(fixtures.inquiry)
    // The watch's periodic alarm is set after the list is saved; brought forward before then, it would be replaced.
    const periodic = () => browser.background.evaluate(() => chrome.alarms.get('watch-recheck').then((a) => a?.periodInMinutes))
    await expect.poll(periodic, WAIT).toBe(5)
    await panel.close()

    const next = status === 'declined' ? 'approved' : 'declined'
    await changeInquiry(fixtures.inquiry, next)
    // The alarm's time, brought forward: no page holds a live connection now.
    await browser.background.evaluate(() => chrome.alarms.create('watch-recheck', { when: Date.now() }))
    await expect.poll(() => notifiedAbout(fixtures.inquiry), WAIT).toBe(1)
    expect((await storedWatches()).find((w) => w.id === fixtures.inquiry)?.status).toBe(next)
    // The periodic alarm is back after the early run.
    await expect.poll(periodic, WAIT).toBe(5)
  })

  it('should forget the watches when the agent changes', async () => {
    expect((await storedWatches()).length).toBeGreaterThan(0)
    const popup = await open('popup.html', POPUP_VIEWPORT)
    await popup.getByTestId('watched').waitFor(WAIT)
    await browser.setSettings({ workerUrl: stack.relay.url, agentToken: `${DEMO.agentToken}-another` })
    await expect.poll(storedWatches, WAIT).toEqual([])
    await browser.setSettings({ workerUrl: stack.relay.url, agentToken: DEMO.agentToken })
    await expect.poll(() => popup.getByTestId('watched').count(), WAIT).toBe(0)
    expect(await storedWatches()).toEqual([])
    await popup.close()
  })

  it('should open a detail from anywhere on a list row, and from the keyboard', async () => {
    const panel = await open('sidepanel.html', PANEL_VIEWPORT)
    await panel.getByTestId('tab-inquiries').click()
    const row = panel.locator('[data-testid="panel-inquiries"] [data-testid="row"]').first()
    await row.waitFor(WAIT)
    const id = await row.getAttribute('data-id')
    // The row's far right, on its first line (status, reference, age), above the ID: not the ID's button text.
    const box = (await row.boundingBox())!
    const button = (await row.getByTestId('row-open').boundingBox())!
    const status = (await row.getByTestId('status').boundingBox())!
    expect(status.y + status.height).toBeLessThanOrEqual(button.y)
    await panel.mouse.click(box.x + box.width - 12, box.y + 8)
    expect(box.y + 8).toBeLessThan(button.y)
    await panel.locator(`[data-testid="detail"][data-id="${id}"]`).waitFor(WAIT)
    // Esc goes back with the focus on that row's button; Enter opens it again.
    await panel.keyboard.press('Escape')
    await expect
      .poll(() => panel.evaluate(() => document.activeElement?.closest('[data-id]')?.getAttribute('data-id') ?? null), WAIT)
      .toBe(id)
    await panel.keyboard.press('Enter')
    await panel.locator(`[data-testid="detail"][data-id="${id}"]`).waitFor(WAIT)

    // A search typed while the detail is open shows its results.
    await panel.getByTestId('lookup-input').fill(story.referenceId)
    await panel.getByTestId('lookup-submit').click()
    await panel.getByTestId('search-results').waitFor(WAIT)
    expect(await panel.getByTestId('detail').count()).toBe(0)
    expect(await panel.getByTestId('search-row').count()).toBeGreaterThanOrEqual(2)
    // The story's row says why it ended, in words.
    const storyRow = panel.locator(`[data-testid="search-row"][data-id="${story.failedInquiry}"]`)
    expect(await storyRow.getByTestId('search-reason').textContent()).toMatch(/selfie/i)
    // An empty query's message and the last results go with the next query.
    await panel.getByTestId('lookup-input').fill('')
    await panel.getByTestId('lookup-submit').click()
    await panel.getByTestId('lookup-error').waitFor(WAIT)
    expect(await panel.getByTestId('search-results').count()).toBe(0)
    await panel.getByTestId('lookup-input').fill(story.referenceId)
    await panel.getByTestId('lookup-submit').click()
    await panel.getByTestId('search-results').waitFor(WAIT)
    expect(await panel.getByTestId('lookup-error').count()).toBe(0)
    await panel.close()
  })

  it('should show a live change of the inquiry open in the detail without a click, watched or not', async () => {
    const panel = await open('sidepanel.html', PANEL_VIEWPORT)
    await openDetail(panel, story.failedInquiry)
    const status = panel.locator('[data-testid="detail-summary"] [data-field="fieldStatus"] [data-testid="status"]')
    await status.waitFor(WAIT)
    expect(await storedWatches()).toEqual([])
    const next = (await status.getAttribute('title')) === 'declined' ? 'approved' : 'declined'
    // The demo vendor's signed webhook reaches the relay, whose live event reaches the panel: the detail re-reads.
    expect((await changeInquiry(story.failedInquiry, next)).delivery?.status).toBe(204)
    await expect.poll(() => status.getAttribute('title'), WAIT).toBe(next)
    await panel.close()
    expect(pageErrors).toEqual([])
  })

  it('should say a not-found ID is not there, with no vendor link, no watch and no "not opened" sections', async () => {
    const panel = await open('sidepanel.html', PANEL_VIEWPORT)
    await openDetail(panel, UNKNOWN_INQUIRY)
    await panel.getByTestId('error-not-found').waitFor(WAIT)
    expect(await panel.getByTestId('detail-open-vendor').count()).toBe(0)
    expect(await panel.getByTestId('watch-toggle').count()).toBe(0)
    expect(await panel.getByTestId('detail').textContent()).not.toContain('has not opened')
    expect(await panel.locator('[data-section="sessions"], [data-section="events"]').count()).toBe(0)
    await panel.close()
    expect(pageErrors).toEqual([])
  })
})

describe("the card's Watch toggle on a ticket page", () => {
  let session: HelpdeskSession
  shareHelpdeskSession((started) => (session = started), { agent: 'watch-card' })
  /** In the Zendesk fixture ticket: approved, reference abc-123. */
  const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'

  it('should watch the ID from its card, with the status the card shows as the baseline', async () => {
    const { browser, server } = session
    const page = await browser.context.newPage()
    const ui = await attachContentUi(page)
    await page.goto(server.url('acme.zendesk.com', '/agent/tickets/4821'))
    await ui.hover(() => textSpot(page, INQUIRY))
    const card = `[data-testid="card"][data-id="${INQUIRY}"]`
    await ui.waitFor(`${card} [data-testid="card-fields"]`)
    const toggle = `${card} [data-testid="watch-toggle"]`
    await expect.poll(async () => (await ui.find(toggle))?.attrs['aria-pressed'], WAIT).toBe('false')
    expect((await ui.find(toggle))?.text).toContain('Watch')
    await ui.click(toggle)
    await expect.poll(async () => (await ui.find(toggle))?.attrs['aria-pressed'], WAIT).toBe('true')
    const stored = async () =>
      ((await browser.background.evaluate(() => chrome.storage.local.get('watches'))).watches as { watches: StoredWatch[] } | undefined)
        ?.watches ?? []
    await expect.poll(async () => (await stored()).map((w) => [w.id, w.status]), WAIT).toEqual([[INQUIRY, 'approved']])
    const { box } = (await ui.find(card))!
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({
        path: join(ARTIFACTS, `watch-toggle-card-en-${scheme}.png`),
        clip: { x: box.x - 8, y: box.y - 8, width: box.width + 16, height: box.height + 16 },
      })
    }
  })
})

/**
 * A hostile ticket page: its script writes a title in our voice and a path and fragment of its choosing.
 * None of it names our notification, and its content script opens no detail of an ID it never reported.
 */
describe('a hostile ticket page', () => {
  let server: HelpdeskServer
  let browser: ExtensionBrowser
  let stop = async () => {}
  /** In the Zendesk fixture ticket. */
  const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
  /** What the page would have the agent read in a notification of ours. */
  const LIE = 'IDV Lens: security alert. Your session expired, re-enter your token at https://evil.example/idv'
  const PATH = '/agent/tickets/4821/security-check'
  const FRAGMENT = '#re-enter-your-token-at-evil.example'

  beforeAll(async () => {
    const started = await browserOver(startHelpdeskServer())
    ;({ server, browser, stop } = started)
    await browser.setSettings({ workerUrl: stack.relay.url, agentToken: DEMO.agentToken })
  })
  afterAll(() => stop())

  type Notified = { id: string; title: string; message: string }
  /** The notifications the extension asks for from now on, as it worded them: the real API still shows each. */
  const recordNotifications = () =>
    browser.background.evaluate(() => {
      const seen: Notified[] = ((globalThis as { __notified?: Notified[] }).__notified = [])
      const create = chrome.notifications.create.bind(chrome.notifications)
      chrome.notifications.create = (id, options) => {
        seen.push({ id, title: options.title, message: options.message })
        return create(id, options)
      }
    })
  const notified = () => browser.background.evaluate(() => (globalThis as { __notified?: Notified[] }).__notified ?? [])
  const stored = async () =>
    (
      (await browser.background.evaluate(() => chrome.storage.local.get('watches'))).watches as
        | { watches: (StoredWatch & { ticket?: unknown })[] }
        | undefined
    )?.watches ?? []

  it("should title the notification by the ticket's host and path, and keep only the address to open, whatever the page wrote", async () => {
    const page = await browser.context.newPage()
    // The page's own script, before the load ends (so no navigation of ours races it): a title in
    // our voice, then a path and fragment of its choosing.
    await page.addInitScript(
      ({ lie, path }) =>
        document.addEventListener('DOMContentLoaded', () => {
          document.title = lie
          history.replaceState(null, '', path)
        }),
      { lie: LIE, path: `${PATH}${FRAGMENT}` },
    )
    const ui = await attachContentUi(page)
    await page.goto(server.url('acme.zendesk.com', '/agent/tickets/4821'))
    expect(await page.title()).toBe(LIE)
    const card = `[data-testid="card"][data-id="${INQUIRY}"]`
    await ui.hover(() => textSpot(page, INQUIRY))
    await ui.waitFor(`${card} [data-testid="card-fields"]`)
    const toggle = `${card} [data-testid="watch-toggle"]`
    await expect.poll(async () => (await ui.find(toggle))?.attrs['aria-pressed'], WAIT).toBe('false')
    await ui.click(toggle)
    const ticketUrl = server.url('acme.zendesk.com', `${PATH}${FRAGMENT}`)
    await expect.poll(async () => (await ui.find(toggle))?.attrs['aria-pressed'], WAIT).toBe('true')
    // The address as the browser reported the tab when the watch was made; nothing the page wrote.
    await expect.poll(async () => (await stored()).find((w) => w.id === INQUIRY)?.ticket, WAIT).toEqual({ url: ticketUrl })
    const baseline = (await stored()).find((w) => w.id === INQUIRY)!.status

    await recordNotifications()
    await changeInquiry(INQUIRY, baseline === 'declined' ? 'approved' : 'declined')
    await browser.background.evaluate(() => chrome.alarms.create('watch-recheck', { when: Date.now() }))
    await expect.poll(async () => (await notified()).filter((n) => n.id.startsWith(`watch:${INQUIRY}:`)).length, WAIT).toBe(1)
    const [shown] = (await notified()).filter((n) => n.id.startsWith(`watch:${INQUIRY}:`))
    expect(shown!.id).toMatch(/:ticket$/)
    expect(shown!.title).toBe(`${new URL(ticketUrl).host}${PATH}: a watched ID changed`)
    expect(`${shown!.title}\n${shown!.message}`).not.toMatch(/security alert|token|evil/)
    await page.close()
  }, 120_000)

  it('should refuse its content script the detail of an ID the page never reported, and open the one it did', async () => {
    const page = await browser.context.newPage()
    const ui = await attachContentUi(page)
    await page.goto(server.url('acme.zendesk.com', '/agent/tickets/4821'))
    await ui.hover(() => textSpot(page, INQUIRY))
    await ui.waitFor(`[data-testid="card"][data-id="${INQUIRY}"] [data-testid="card-fields"]`)
    // Every ID the side panel is handed from now on (it takes one and clears it as it opens).
    await browser.background.evaluate(() => {
      const seen: unknown[] = ((globalThis as { __pendingDetailSeen?: unknown[] }).__pendingDetailSeen = [])
      ;(
        chrome.storage as unknown as {
          onChanged: { addListener(cb: (changes: Record<string, { newValue?: { id?: string } | null }>, area: string) => void): void }
        }
      ).onChanged.addListener((changes, area) => {
        if (area === 'session' && 'pendingDetail' in changes) seen.push(changes.pendingDetail!.newValue?.id)
      })
    })
    const handed = () => browser.background.evaluate(() => (globalThis as { __pendingDetailSeen?: unknown[] }).__pendingDetailSeen)
    // The message exactly as the card sends it (lib/messages.ts), from the content script's own world.
    const openDetail = (id: string) =>
      ui.evaluate<string>(
        `chrome.runtime.sendMessage({ id: 1, type: 'openDetail', data: { id: '${id}' }, timestamp: Date.now() }).then((r) => JSON.stringify(r ?? null))`,
      )
    expect(await openDetail(UNKNOWN_INQUIRY)).toMatch(/refused.*frame reported/)
    expect(await openDetail(INQUIRY)).not.toContain('refused')
    // The panel, if it opened, clears the item as it takes the ID: only the IDs handed count.
    await expect.poll(async () => ((await handed()) ?? []).filter(Boolean), WAIT).toEqual([INQUIRY])
    await page.close()
  }, 120_000)
})
