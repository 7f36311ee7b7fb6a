/**
 * Frame benchmark (real Chromium, production build; prints figures, asserts nothing about time).
 * 1. Mark/frame (late-ids.ts): an ID added to the 5 MB ticket 1.5 s and 10 s after its load, its mark
 *    shown against the frame showing the new text without the extension (same run), with the load average.
 * 2. A frame's report of its IDs, on the service worker's clock: 20 frames (frame-pages.ts, storage.session
 *    at its cap), an ID added to each per round; baseline: reading the tab's keys and writing them back.
 *   node bench/frame-report-bench.ts    (BENCH_ROUNDS=5, BENCH_LATE_ROUNDS=5; SKIP_EXTENSION_BUILD=1 reuses the build)
 */
import { join } from 'node:path'
import { launchWithExtension } from '../harness/browser.ts'
import { buildExtension } from '../harness/build-extension.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { FRAME_KIND_IDS, MANY_FRAMES, idFor, manyFramesBodies, manyFramesPage } from '../fixtures/helpdesk/frame-pages.ts'
import { startHelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { loadLine, measureLateIds, printLateIds, printMarkFrame } from './late-ids.ts'
import { percentile } from './load.ts'
import { generateTicketPage } from './ticket-page.ts'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const BASELINE_ROUNDS = 20
const PROD_DIR = join(REPO_ROOT, 'extension/.output/chrome-mv3')
const PATH = '/agent/tickets/many-frames'
const TICKET = '/agent/tickets/bench'
const LATE_ROUNDS = Number(process.env.BENCH_LATE_ROUNDS ?? 5)
const TIMEOUT = 60_000

/** The extension API used in the service worker below (run there; typed here for the checker). */
declare const chrome: {
  storage: {
    session: {
      get(keys: string[]): Promise<Record<string, unknown>>
      set(items: object): Promise<void>
      getBytesInUse(keys: string[]): Promise<number>
    }
  }
  tabs: { query(query: { url: string }): Promise<{ id?: number }[]> }
  action: { getBadgeText(details: { tabId: number }): Promise<string> }
}
type Times = { __idvLens?: { workTimes?: number[]; reportTimes?: number[]; writeTimes?: number[] } }

await buildExtension('production')
const ticket = generateTicketPage(5 * 1024 * 1024)
const server = await startHelpdeskServer({
  pages: {
    [PATH]: manyFramesPage(),
    ...manyFramesBodies(),
    [TICKET]: ticket.html,
    '/agent/tickets/blank': '<!doctype html><title>blank</title>',
  },
})
const browser = await launchWithExtension({ extensionDir: PROD_DIR, hostResolverRules: server.hostResolverRules })

/** Polls `check` until it holds (the bench waits for the extension, never for a fixed time). */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + TIMEOUT
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const keysOf = (tabId: number) => [`inlineLookups.pageIds.${tabId}`, `inlineLookups.frameIds.${tabId}`]
const storedIds = (tabId: number) =>
  browser.background.evaluate(
    async (key) => (((await chrome.storage.session.get([key]))[key] as { id: string }[] | undefined) ?? []).map((p) => p.id),
    keysOf(tabId)[0]!,
  )

const stats = (label: string, values: readonly number[]) =>
  `${label.padEnd(44)} median ${percentile(values, 50).toFixed(2).padStart(7)} ms   p90 ${percentile(values, 90).toFixed(2).padStart(7)} ms   max ${Math.max(
    ...values,
  )
    .toFixed(2)
    .padStart(7)} ms   (${values.length})`

/** Mark/frame: a load of the ticket first, so the timed ones meet a browser that has run the content script on it. */
async function markFrame(): Promise<void> {
  const warm = await browser.context.newPage()
  await warm.goto(server.url('acme.zendesk.com', TICKET), { waitUntil: 'load', timeout: 120_000 })
  await warm.close()
  const urls = {
    blank: server.url('acme.zendesk.com', '/agent/tickets/blank'),
    ticket: server.url('acme.zendesk.com', TICKET),
    plain: server.url('wiki.example.test', TICKET),
  }
  const { late, loads } = await measureLateIds(browser.context, browser.background, urls, {
    idCount: ticket.ids.length,
    rounds: LATE_ROUNDS,
    badge: false,
  })
  console.log(
    `\nMark/frame: an ID added to the ${(ticket.html.length / 1024 / 1024).toFixed(1)} MB ticket after its load, ${LATE_ROUNDS} loads each`,
  )
  console.log(`  ${loadLine(loads)}`)
  printMarkFrame(late)
  printLateIds(late)
}

try {
  await markFrame()
  const page = await browser.context.newPage()
  await page.goto(server.url('acme.zendesk.com', PATH), { waitUntil: 'domcontentloaded' })
  const tabId = await browser.background.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, page.url())
  if (tabId === undefined) throw new Error('no tab for the page')
  await until('every frame', async () => page.frames().length === MANY_FRAMES + 1)
  await until(
    'the badge at 999+',
    async () => (await browser.background.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)) === '999+',
  )
  await until("the page's own ID", async () => (await storedIds(tabId)).includes(FRAME_KIND_IDS.top))
  // Each frame's first report is in; from here on, only the rounds' reports are timed.
  await browser.background.evaluate(() => {
    const scope = globalThis as Times
    scope.__idvLens?.workTimes?.splice(0)
    scope.__idvLens?.reportTimes?.splice(0)
    scope.__idvLens?.writeTimes?.splice(0)
  })

  for (let round = 0; round < ROUNDS; round++) {
    let last = ''
    for (const [i, frame] of page.frames().slice(1).entries()) {
      last = idFor('inq_', `R${round}F${i}Late`)
      await frame.evaluate((id) => document.body.append(Object.assign(document.createElement('p'), { textContent: `Also ${id}` })), last)
    }
    await until(`round ${round + 1}`, async () => (await storedIds(tabId)).includes(last))
  }
  const { work, reports, writes } = await browser.background.evaluate(() => {
    const scope = globalThis as Times
    return {
      work: [...(scope.__idvLens?.workTimes ?? [])],
      reports: [...(scope.__idvLens?.reportTimes ?? [])],
      writes: [...(scope.__idvLens?.writeTimes ?? [])],
    }
  })

  // The old path, same worker, same tab: read the tab's stored keys, write them back.
  const baseline = await browser.background.evaluate(
    async ({ keys, rounds }) => {
      const times: number[] = []
      for (let i = 0; i < rounds; i++) {
        const started = performance.now()
        const stored = await chrome.storage.session.get(keys)
        await chrome.storage.session.set(stored)
        times.push(performance.now() - started)
      }
      return times
    },
    { keys: keysOf(tabId), rounds: BASELINE_ROUNDS },
  )
  const bytes = await browser.background.evaluate((keys) => chrome.storage.session.getBytesInUse(keys), keysOf(tabId))

  console.log(
    `\nFrame reports: ${MANY_FRAMES} frames of 500 IDs, ${ROUNDS} rounds of one new ID per frame; the tab keeps ${bytes} bytes in storage.session (cap 262144)`,
  )
  console.log(stats("a report's own work, up to the badge call", work))
  console.log(stats('a report, taken up to badge set (goal ≤ 10)', reports))
  console.log(stats('its write behind, to storage.session', writes))
  console.log(stats('baseline: read + write the tab (old path)', baseline))
  console.log(
    `writes per report: ${(writes.length / Math.max(1, reports.length)).toFixed(2)} (a write takes every change of the 500 ms before it)`,
  )
  console.log(`report / baseline (medians): ${(percentile(reports, 50) / percentile(baseline, 50)).toFixed(3)}`)
} finally {
  await browser.close()
  await server.stop()
}
