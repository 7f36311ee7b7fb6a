/**
 * Inline lookups on pages that keep changing, in real Chromium with the built extension: a ticking
 * timestamp must not cost marks or unbounded work, and a panel re-rendered a thousand times must
 * not leave DOM nodes behind. The pages are generated agent-workspace pages (fixtures/helpdesk/
 * live-pages.ts) on acme.zendesk.com. No relay: lookups fail fast, the page-side behaviour is what
 * is tested. No sleeps: every wait polls for a condition.
 */
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { contentScriptWorld } from '../harness/isolated-world.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { startHelpdeskServer, type HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { FRAME_IDS, LIVE_IDS, TICKING_BLOCK_CHARS, frameBodyPage, framesPage, rerenderPage, tickingPage } from '../fixtures/helpdesk/live-pages.ts'

declare const chrome: {
  storage: { session: { get(key: string): Promise<Record<string, unknown>> } }
  tabs: { query(query: { url: string }): Promise<{ id?: number }[]> }
  action: { getBadgeText(details: { tabId: number }): Promise<string> }
}

const EXTENSION_DIR = process.env.IDV_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3-dev')
const WAIT = { timeout: 20_000, interval: 50 }
/** The content script's text budget (page-scanner.ts TEXT_BUDGET): 10 MB per 10 s. */
const BUDGET_CHARS = 10 * 1024 * 1024
const BUDGET_WINDOW_MS = 10_000

type Stats = { ids: number; marks: number; nodesHeld: number; nearWaiting: number; scannedChars: number; windowChars: number; pendingJobs: number }

let server: HelpdeskServer
let browser: ExtensionBrowser

beforeAll(async () => {
  server = await startHelpdeskServer({
    pages: {
      '/agent/tickets/live': tickingPage(),
      '/agent/tickets/rerender': rerenderPage(),
      '/agent/tickets/frames': framesPage(),
      '/agent/tickets/frames/body': frameBodyPage(),
    },
  })
  browser = await launchWithExtension({ extensionDir: EXTENSION_DIR, hostResolverRules: server.hostResolverRules })
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

afterEach(async () => {
  for (const page of browser.context.pages()) await page.close()
})

async function open(path: string) {
  const page = await browser.context.newPage()
  const world = await contentScriptWorld<Stats>(page)
  await page.goto(server.url('acme.zendesk.com', path))
  const tabId = await browser.background.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, page.url())
  if (tabId === undefined) throw new Error(`no tab for ${page.url()}`)
  return { page, world, tabId }
}

/** The tab's IDs where the background keeps them for the popup (its "On this page" list). */
const reportedIds = (tabId: number) =>
  browser.background.evaluate(async (id) => {
    const key = `inlineLookups.pageIds.${id}`
    return (((await chrome.storage.session.get(key))[key] as { id: string }[] | undefined) ?? []).map((p) => p.id)
  }, tabId)

const badge = (tabId: number) => browser.background.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)

/** Every range in the page's highlight registry (ours are the only highlights on these pages). */
const paintedRanges = (page: Page) =>
  page.evaluate(() => {
    let n = 0
    CSS.highlights.forEach((h) => (n += (h as unknown as Set<unknown>).size))
    return n
  })

describe('inline lookups on a live page', () => {
  it('should keep every mark while a 200 KB block ticks for the equivalent of many minutes, read a bounded amount, and still find a new ID', async () => {
    const { page, world, tabId } = await open('/agent/tickets/live')
    await expect.poll(() => badge(tabId), WAIT).toBe('2')
    await expect.poll(async () => (await world.stats())?.marks, WAIT).toBe(2)
    // Only the mark near the viewport is painted (the feed's is 3,000 px down).
    await expect.poll(() => paintedRanges(page), WAIT).toBe(1)
    const before = (await world.stats())!
    const startedAt = Date.now()

    // 2,000 rewrites of the timestamp: over 30 minutes of a once-a-second clock, 400 MB of
    // rescans if every one were read. Both marks are kept, and the visible one painted, at every look while it runs.
    await page.evaluate(() => (window as unknown as { startTicking(): void }).startTicking())
    let fewestPainted = Infinity
    let fewestMarks = Infinity
    await expect
      .poll(async () => {
        fewestPainted = Math.min(fewestPainted, await paintedRanges(page))
        fewestMarks = Math.min(fewestMarks, (await world.stats())?.marks ?? 0)
        return page.evaluate(() => (window as unknown as { ticks: number }).ticks)
      }, { timeout: 60_000, interval: 50 })
      .toBeGreaterThanOrEqual(2000)
    expect(fewestPainted).toBe(1)
    expect(fewestMarks).toBe(2)
    const during = (await world.stats())!
    const elapsed = Date.now() - startedAt
    const demanded = 2000 * TICKING_BLOCK_CHARS
    const read = during.scannedChars - before.scannedChars
    // At most one budget per window that began while it ticked (plus one block that may overrun).
    expect(read).toBeLessThanOrEqual((Math.ceil(elapsed / BUDGET_WINDOW_MS) + 1) * (BUDGET_CHARS + TICKING_BLOCK_CHARS))
    expect(read).toBeLessThan(demanded / 4)
    expect(during.windowChars).toBeLessThanOrEqual(BUDGET_CHARS + TICKING_BLOCK_CHARS)

    // A new ID in the ticking block, while it still ticks: found once the window has room.
    await page.evaluate((id) => document.getElementById('live')!.append(` follow-up ${id}`), LIVE_IDS.later)
    await expect.poll(() => badge(tabId), { timeout: 30_000, interval: 100 }).toBe('3')
    await expect.poll(async () => (await world.stats())?.marks, WAIT).toBe(3)
    await page.evaluate(() => (window as unknown as { stopTicking(): void }).stopTicking())
    await world.cdp.detach()
  }, 120_000)

  it('should hold no DOM nodes from a panel re-rendered 1,000 times off screen', async () => {
    const { page, world, tabId } = await open('/agent/tickets/rerender')
    await expect.poll(() => badge(tabId), WAIT).toBe('2')
    const rerender = (n: number) => page.evaluate((count) => (window as unknown as { rerender(n: number): Promise<number> }).rerender(count), n)
    /** Once the extension has caught up: one mark per ID on the page, nothing queued. */
    const settled = () =>
      expect.poll(async () => {
        const s = (await world.stats())!
        return { marks: s.marks, pending: s.pendingJobs }
      }, WAIT).toEqual({ marks: 2, pending: 0 })
    const domCounters = async () => {
      await world.cdp.send('HeapProfiler.collectGarbage')
      return (await world.cdp.send('Memory.getDOMCounters')) as { documents: number; nodes: number; jsEventListeners: number }
    }

    // Warm up (first renders allocate lazily), then measure across 1,000 more.
    await rerender(20)
    await settled()
    const start = await domCounters()
    const startStats = (await world.stats())!
    await rerender(1000)
    await settled()
    const end = await domCounters()
    const endStats = (await world.stats())!

    // Each render leaves 2 to 6 nodes behind it: a leak of them shows as thousands.
    expect(end.nodes - start.nodes, `DOM nodes ${start.nodes} → ${end.nodes}`).toBeLessThan(100)
    expect(end.jsEventListeners - start.jsEventListeners).toBeLessThanOrEqual(0)
    expect(endStats.nodesHeld).toBe(startStats.nodesHeld)
    expect(endStats.nearWaiting).toBeLessThanOrEqual(startStats.nearWaiting)
    expect(await badge(tabId)).toBe('2')
    await world.cdp.detach()
  })
})

describe('inline lookups across frames and shadow roots', () => {
  it('should count the IDs of same-origin and srcdoc iframes and open shadow roots once per tab, and follow them', async () => {
    const { page, world, tabId } = await open('/agent/tickets/frames')
    await world.cdp.detach()
    const all = [FRAME_IDS.top, FRAME_IDS.shadow, FRAME_IDS.sameOrigin, FRAME_IDS.srcdoc]
    await expect.poll(() => badge(tabId), WAIT).toBe(String(all.length))
    // The top frame's IDs first (its shadow root is part of it), then the frames'; the email view's
    // copy of the page's ID is not counted again.
    const reported = await reportedIds(tabId)
    expect(reported.slice(0, 2)).toEqual([FRAME_IDS.top, FRAME_IDS.shadow])
    expect([...reported].sort()).toEqual([...all].sort())

    // The component adds an ID inside its shadow root later: followed there too.
    await page.evaluate((id) => {
      const li = document.createElement('li')
      li.textContent = `Retry ${id}`
      document.querySelector('ticket-sidebar')!.shadowRoot!.getElementById('more')!.append(li)
    }, FRAME_IDS.shadowLater)
    await expect.poll(() => badge(tabId), WAIT).toBe(String(all.length + 1))

    // The email view shows another message: that frame's new report replaces its old one; the ID
    // the page itself also shows stays.
    await page.evaluate(() => ((document.getElementById('email-frame') as HTMLIFrameElement).srcdoc = '<p>No IDs in this one.</p>'))
    await expect.poll(() => reportedIds(tabId), WAIT).not.toContain(FRAME_IDS.srcdoc)
    expect(await reportedIds(tabId)).toContain(FRAME_IDS.top)
    expect(await badge(tabId)).toBe(String(all.length))

    // The ticket body's iframe leaves the page: its ID leaves the count.
    await page.evaluate(() => document.getElementById('body-frame')!.remove())
    await expect.poll(() => reportedIds(tabId), WAIT).not.toContain(FRAME_IDS.sameOrigin)
    expect(await badge(tabId)).toBe(String(all.length - 1))
  })
})
