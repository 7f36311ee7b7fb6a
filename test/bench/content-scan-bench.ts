/**
 * Inline-lookups scan benchmark: a generated ~5 MB ticket with 500 IDs among decoys, served as an agent
 * workspace (acme.zendesk.com/agent/tickets/bench) in real Chromium with the production build. Prints, each
 * beside a baseline from the same run (shared machines are noisy; nothing about time is asserted):
 * DOMContentLoaded → the badge shows all 500 IDs; an ID added later → its mark and the frame painting it;
 * long tasks against the same page on wiki.example.test (no extension); the main thread's CPU from Chrome's
 * trace. No relay: lookups fail fast.   node bench/content-scan-bench.ts  (BENCH_ROUNDS, BENCH_PAGE_BYTES)
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { CDPSession, Page } from 'playwright-core'
import { buildExtension } from '../harness/build-extension.ts'
import { contentScriptWorld } from '../harness/isolated-world.ts'
import { pollUntil } from '../harness/poll.ts'
import { percentile } from './load.ts'
import { generateTicketPage } from './ticket-page.ts'
import { launchWithExtension } from '../harness/browser.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { startHelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { traceLoad, type LoadCpu } from './main-thread-trace.ts'
import { ownFunctions, sourceNamer, startProfile, type CpuProfile } from './cpu-profile.ts'
import {
  badgeReport,
  busyMainThread,
  busyPage,
  insertReplyAndTimeIn,
  scrollFps,
  type BusyFigures,
  type OwnFrame,
  type ScrollFigures,
} from './busy-pages.ts'
import { loadLine, measureLateIds, printLateIds, printMarkFrame, type LateIds, type LateLoads } from './late-ids.ts'

const TARGET_BYTES = Number(process.env.BENCH_PAGE_BYTES ?? 5 * 1024 * 1024)
const MUTATION_ROUNDS = 7
/**
 * Rounds of timed loads: a multiple of 3 gives each way every place in a round equally often (see the
 * run below). Fifteen, because the page's one long task of a load varies twofold between identical
 * loads here: over six, the blocking time of the page alone against itself read 0.5 to 4.2 times.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)
/** Traced loads each way, for where the page's main-thread CPU goes (tracing slows a load: kept apart from the timed rounds). */
const TRACED_ROUNDS = Number(process.env.BENCH_TRACED_ROUNDS ?? 6)
/** Loads with the extension under V8's sampling profiler, for where its own CPU time goes. */
const PROFILED_ROUNDS = Number(process.env.BENCH_PROFILED_ROUNDS ?? 2)
/** The timed loads alone (badge, blocking time, CPU), for a short targeted run: no traces, profiles, busy pages or late IDs. */
const LOADS_ONLY = process.env.BENCH_LOADS_ONLY === '1'
/** Only the IDs added later (mutation → mark against the page's own frame), with the load average per run; no badge wait. */
const LATE_ONLY = process.env.BENCH_LATE_ONLY === '1'
const PATH = '/agent/tickets/bench'

// --- The content script's figures (read through its isolated world) ---------------------------

type ScanStats = {
  startedAt: number
  idleAt: number | null
  /** Wall-clock time the first pass's report left for the background (the badge comes from it). */
  reportedAt: number | null
  ids: number
  scannedChars: number
  pendingJobs: number
  slices: number
  units: number
  busyMs: number
  longestSliceMs: number
}

/** The extension APIs used in the service worker below (run there; typed here for the checker). */
declare const chrome: {
  tabs: { query(query: { url: string }): Promise<{ id?: number }[]> }
  action: { getBadgeText(details: { tabId: number }): Promise<string> }
}

type LongTask = { start: number; duration: number }

/**
 * Runs in every page before its own scripts: long tasks from the start, on the page's clock, and when
 * the page's own task after its first frame after DOMContentLoaded ran (queued from that frame's
 * callback, it runs once the frame is painted and the tasks ahead of it are done): that frame lays
 * out what the parser's last chunks added, and the content script starts its scan after it.
 */
function recordLongTasks() {
  const w = window as unknown as { __longTasks: LongTask[]; __frameAfterDcl?: number }
  w.__longTasks = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
  document.addEventListener(
    'DOMContentLoaded',
    () => requestAnimationFrame(() => setTimeout(() => (w.__frameAfterDcl = performance.now()), 0)),
    { once: true },
  )
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)
/** Total blocking time: what each long task took past 50 ms. */
const blocking = (tasks: readonly LongTask[]) => sum(tasks.map((t) => Math.max(0, t.duration - 50)))
/** The page's main-thread time so far, in seconds (CDP's TaskDuration; Performance.enable with threadTicks first). */
const threadSeconds = async (cdp: CDPSession): Promise<number> =>
  (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN
/** The length of the long task during which DOMContentLoaded fired (0: that task was no long task). */
const taskHolding = (tasks: readonly LongTask[], at: number) =>
  tasks.find((t) => t.start <= at && at <= t.start + t.duration)?.duration ?? 0
const median = (values: readonly number[]) => percentile(values, 50)

/** What the page's own clock says about its load, as wall-clock times. */
const pageTimes = (page: Page) =>
  page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    return {
      origin: performance.timeOrigin,
      domContentLoaded: nav.domContentLoadedEventStart,
      /** How long the page took to parse: from the first byte of the response to DOMContentLoaded. */
      parseMs: nav.domContentLoadedEventStart - nav.responseStart,
      textLength: document.body.textContent?.length ?? 0,
    }
  })

/** DOMContentLoaded → the page's own task after its next frame (recordLongTasks), read once the page is quiet. */
const frameAfterDcl = (page: Page) =>
  page.evaluate(
    () =>
      ((window as unknown as { __frameAfterDcl?: number }).__frameAfterDcl ?? NaN) -
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart,
  )

/** Long tasks on `page` from `from` (page clock) until the page is quiet for a second. */
async function longTasksAfter(page: Page, from: number): Promise<LongTask[]> {
  // Quiet: no new long task and a second passed on the page's clock since the last one.
  await pollUntil(
    () =>
      page.evaluate(() => ({
        now: performance.now(),
        last: (window as unknown as { __longTasks: LongTask[] }).__longTasks.at(-1) ?? null,
      })),
    (s) => s.now - (s.last ? s.last.start + s.last.duration : 0) > 1000,
    { timeoutMs: 60_000, what: 'the page to go quiet' },
  )
  return page.evaluate((t) => (window as unknown as { __longTasks: LongTask[] }).__longTasks.filter((x) => x.start + x.duration >= t), from)
}

/** One load of the ticket where the extension does not run, with the same steps as with it: a blank page of the same site first, CPU counted from there. */
async function loadWithout() {
  const plain = await browser.context.newPage()
  try {
    await plain.goto(server.url('wiki.example.test', '/agent/tickets/blank'))
    const cdp = await browser.context.newCDPSession(plain)
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
    const cpuBefore = await threadSeconds(cdp)
    await plain.goto(server.url('wiki.example.test', PATH), { timeout: 120_000 })
    const times = await pageTimes(plain)
    const whole = await longTasksAfter(plain, 0)
    const load = { tbt: blocking(whole), cpu: ((await threadSeconds(cdp)) - cpuBefore) * 1000 }
    await cdp.detach()
    return {
      load,
      frameAfterDcl: await frameAfterDcl(plain),
      parseMs: times.parseMs,
      domContentLoaded: times.domContentLoaded,
      afterDcl: whole.filter((t) => t.start + t.duration >= times.domContentLoaded),
    }
  } finally {
    await plain.close()
  }
}

// --- Busy pages: their own functions, run after the figures above ------------------------------

/** Busy-page sizes: marks on a page that ticks every 100 ms, and marks to scroll through. */
const BUSY_MARKS = [1000, 4000]
const BUSY_SECONDS = Number(process.env.BENCH_BUSY_SECONDS ?? 20)
/** Runs of each busy page with the extension, without it, and the control (even: ABBA over the rounds). */
const BUSY_ROUNDS = Number(process.env.BENCH_BUSY_ROUNDS ?? 2)
const SCROLL_MARKS = 20_000
/** Loads for each moment an ID is added to the 5 MB ticket after its load (late-ids.ts). */
const LATE_ROUNDS = Number(process.env.BENCH_LATE_ROUNDS ?? 5)

/** Per busy page: each side's runs (the control: the page alone once more each round), the most boxes we drew, and the page's own painting once. */
const busy: {
  marks: number
  runs: Record<'with' | 'without' | 'control', BusyFigures[]>
  painted: number
  pageOwn: BusyFigures
  pageBoxes: BusyFigures
}[] = []
const scrolling: { with: ScrollFigures; without: ScrollFigures }[] = []
let late: LateIds = []
let lateLoads: LateLoads = []

// --- Run ----------------------------------------------------------------------------------------

// The store build plus hidden source maps (no reference to them in the scripts), which name our
// functions in the CPU profile. Loaded from a copy: other builds may rewrite .output meanwhile.
process.env.IDV_LENS_SOURCEMAP = 'hidden'
await buildExtension('production')
const extensionDir = mkdtempSync(join(tmpdir(), 'idv-lens-bench-scan-'))
cpSync(join(REPO_ROOT, 'extension/.output/chrome-mv3'), extensionDir, { recursive: true })
const { html, ids } = generateTicketPage(TARGET_BYTES)
const server = await startHelpdeskServer({
  pages: { [PATH]: html, '/agent/tickets/blank': '<!doctype html><title>blank</title>', ...busyPages() },
})
const browser = await launchWithExtension({
  extensionDir,
  hostResolverRules: server.hostResolverRules,
})
await browser.context.addInitScript(recordLongTasks)

type Sample = {
  dclToBadge: number
  /** From the first pass's report leaving the page to the badge showing it (the background's part). */
  reportToBadge: number
  parseMs: number
  /** DOMContentLoaded → the page's own task after its next frame. */
  frameAfterDcl: number
  /** The long task holding DOMContentLoaded (the parser's last chunk, Chrome's forced layout). */
  dclTask: number
  dclToStart: number
  baseline: { walkMatch: number; cold: number; found: number; nodes: number }
  stats: ScanStats
  afterStart: LongTask[]
  textLength: number
}
const samples: Sample[] = []
const without: LongTask[][] = []
const plainParseMs: number[] = []
const plainFrameAfterDcl: number[] = []
const plainDclTask: number[] = []
const latencies: number[] = []
/** The check of what the agent can see (sight-gate.ts): checks, marks checked, their main-thread ms, marks withheld; one per timed load. */
type SightFigures = { checks: number; marks: number; ms: number; withheld: number }
const sightChecks: SightFigures[] = []
const shownLatencies: number[] = []
const mutationBaselines: number[] = []
const mutationFrames: OwnFrame[] = []
const traced: { with: LoadCpu[]; without: LoadCpu[] } = { with: [], without: [] }
/** Per timed load, each way: total blocking time (Σ of each long task's time past 50 ms, from the time origin until quiet) and the main thread's CPU (thread time). */
const loads: Record<'with' | 'without' | 'control', { tbt: number; cpu: number }[]> = { with: [], without: [], control: [] }
const profiles: CpuProfile[] = []
/** One timed load with the extension (DOMContentLoaded → badge, its blocking time and CPU), and in the first round the mutations. */
async function loadWith(round: number): Promise<void> {
  const page = await browser.context.newPage()
  await page.goto(server.url('acme.zendesk.com', '/agent/tickets/blank'))
  const tabId = await browser.background.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, page.url())
  if (tabId === undefined) throw new Error('no tab for the bench page')
  const cdp = await browser.context.newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  const cpuBefore = await threadSeconds(cdp)
  const navigatedAt = Date.now()
  await page.goto(server.url('acme.zendesk.com', PATH), { timeout: 120_000 })
  const times = await pageTimes(page)
  const wholeLoad = await longTasksAfter(page, 0)
  let cpu = ((await threadSeconds(cdp)) - cpuBefore) * 1000
  const quietAt = await page.evaluate(() => performance.now())
  // Its world is read only now, as in loadWithout: following the page's worlds through the load and
  // polling them would cost this side's main thread alone.
  const world = await contentScriptWorld<ScanStats>(page)
  const stats = await pollUntil(world.stats, (s) => s?.idleAt != null, { timeoutMs: 120_000, what: 'the whole page scanned' })
  if (!stats) throw new Error('no scan figures')
  // A scan that outlasted the quiet second (a very busy machine) is counted to its end.
  if (stats.idleAt! > quietAt) cpu = ((await threadSeconds(cdp)) - cpuBefore) * 1000
  await cdp.detach()
  loads.with.push({ tbt: blocking(wholeLoad), cpu })
  const shownAt = (await badgeReport(browser.background, tabId, ids.length, navigatedAt)).badgeAt
  const afterStart = wholeLoad.filter((t) => t.start + t.duration >= stats.startedAt)

  // The baseline, in the same page: a TreeWalker over the text and one matchAll per text node.
  const baseline = await page.evaluate(() => {
    const pattern = /(?<![A-Za-z0-9_])(?:inq|iqse|evt)_[A-Za-z0-9]{24}(?:[A-Za-z0-9]{4})?(?![A-Za-z0-9_])/g
    const runs: { walkMatch: number; found: number; nodes: number }[] = []
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now()
      const found = new Set<string>()
      let nodes = 0
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes++
        for (const m of (n as Text).data.matchAll(pattern)) found.add(m[0])
      }
      runs.push({ walkMatch: performance.now() - t0, found: found.size, nodes })
    }
    // The first run meets the page's nodes for the first time in this world (the content script's
    // count always does); the median is what the figures compare against.
    const cold = runs[0]!.walkMatch
    runs.sort((a, b) => a.walkMatch - b.walkMatch)
    return { ...runs[2]!, cold }
  })
  samples.push({
    dclToBadge: shownAt - (times.origin + times.domContentLoaded),
    reportToBadge: shownAt - (stats.reportedAt ?? NaN),
    parseMs: times.parseMs,
    frameAfterDcl: await frameAfterDcl(page),
    dclTask: taskHolding(wholeLoad, times.domContentLoaded),
    dclToStart: stats.startedAt - times.domContentLoaded,
    baseline,
    stats,
    afterStart,
    textLength: times.textLength,
  })

  // What the check of what the agent can see cost this load (it comes with the controls, after the first pass).
  const sight = await pollUntil(
    () => world.evaluate<SightFigures>('globalThis.__idvLens.sight?.() ?? null'),
    (s) => (s?.checks ?? 0) > 0,
    { timeoutMs: 30_000, what: "the controls' first sight check" },
  )
  if (sight) sightChecks.push(sight)

  // --- Mutation → mark (first round only: the page is the same every round) ------------------
  if (round === 0) {
    for (let i = 0; i < MUTATION_ROUNDS; i++) {
      const id = `inq_${'Mut'.repeat(8)}${String(i).padStart(4, '0')}`
      const { mark, markShown, nextTask, frame, frameDone } = await insertReplyAndTimeIn(world, id)
      latencies.push(mark)
      shownLatencies.push(markShown)
      mutationBaselines.push(nextTask)
      mutationFrames.push({ frame, frameDone })
    }
  }
  await world.cdp.detach()
  await page.close()
}

/** The same page where the extension does not run: the long-task baseline. */
async function loadPlain(): Promise<void> {
  const plain = await loadWithout()
  plainParseMs.push(plain.parseMs)
  plainFrameAfterDcl.push(plain.frameAfterDcl)
  loads.without.push(plain.load)
  without.push(plain.afterDcl)
  plainDclTask.push(taskHolding(plain.afterDcl, plain.domContentLoaded))
}

/** The control: the page alone once more, in a place of its own in the round. */
const loadControl = async () => void loads.control.push((await loadWithout()).load)

let chromium = ''
try {
  chromium = await browser.background.evaluate(() => /Chrom(?:e|ium)\/[\d.]+/.exec(navigator.userAgent)?.[0] ?? navigator.userAgent)
  // Three loads a round in an order that turns each round: over three rounds each takes each place once,
  // so a load's place in its round weighs the same on all three (with all three plain, the fixed
  // middle place, the plain side's, ran 4-14% cheaper in CPU than the others).
  const ways = [loadWith, loadPlain, loadControl]
  // One timed load first, as in a whole run: the late IDs' pages then meet a browser that has run the content script.
  if (LATE_ONLY) await loadWith(0).then(lateIds)
  else for (let round = 0; round < ROUNDS; round++) for (let i = 0; i < ways.length; i++) await ways[(i + round) % ways.length]!(round)
  if (!LOADS_ONLY && !LATE_ONLY) await measureTheRest()
} finally {
  await browser.close()
  await server.stop()
}

/** Traced and profiled loads, busy pages and late IDs: everything after the timed loads. */
async function measureTheRest(): Promise<void> {
  // --- Where the main thread's CPU goes, with and without the extension (in ABBA order) --------
  for (let round = 0; round < TRACED_ROUNDS; round++) {
    const sides = [
      ['with', 'acme.zendesk.com'],
      ['without', 'wiki.example.test'],
    ] as const
    for (const [side, host] of round % 2 === 0 ? sides : [...sides].reverse()) {
      const page = await browser.context.newPage()
      // Quiet by then: the scan's first pass is over within ~1 s of DOMContentLoaded here.
      traced[side].push(await traceLoad(browser.context, page, server.url(host, PATH), 6000))
      await page.close()
    }
  }
  // --- Where the content script's own CPU goes: loads with it under V8's sampling profiler --------
  for (let round = 0; round < PROFILED_ROUNDS; round++) {
    const page = await browser.context.newPage()
    const world = await contentScriptWorld<ScanStats>(page)
    await page.goto(server.url('acme.zendesk.com', '/agent/tickets/blank'))
    const profiler = await startProfile(world.cdp)
    await page.goto(server.url('acme.zendesk.com', PATH), { timeout: 120_000 })
    await pollUntil(world.stats, (s) => s?.idleAt != null, { timeoutMs: 120_000, what: 'the whole page scanned' })
    await longTasksAfter(page, 0)
    profiles.push(await profiler.stop())
    await world.cdp.detach()
    await page.close()
  }
  await measureBusyPages()
}

const ms = (v: number | null | undefined) => (v == null ? '   n/a' : `${v.toFixed(1).padStart(7)} ms`)
if (LATE_ONLY) {
  console.log(`\nInline-lookups scan benchmark, IDs added later only (${chromium}, production build)`)
  console.log(`  ${loadLine(lateLoads)}`)
  printMarkFrame(late)
  printLateIds(late)
  process.exit(0)
}
const longest = (tasks: readonly LongTask[]) => tasks.reduce((m, t) => Math.max(m, t.duration), 0)
const first = samples[0]!
const dclToBadge = samples.map((s) => s.dclToBadge)
const baselines = samples.map((s) => s.baseline.walkMatch)
const withTasks = samples.map((s) => s.afterStart)
console.log(`\nInline-lookups scan benchmark (${chromium}, production build; ${ROUNDS} page loads each way)`)
console.log(
  `  page                         ${(html.length / 1024 / 1024).toFixed(2)} MB of HTML, ${(first.textLength / 1024 / 1024).toFixed(2)} MB of text, ${ids.length} distinct IDs among decoys, served as ${PATH}`,
)
const side = (key: keyof typeof loads, part: 'tbt' | 'cpu') => median(loads[key].map((l) => l[part]))
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)} ×`
console.log(`  THE LOAD (${ROUNDS} loads each way, medians; with / without the extension, same run)   (goal ≤ 1.1 × each)`)
console.log(
  `    total blocking time           ${ms(side('with', 'tbt'))} / ${ms(side('without', 'tbt'))}   ratio ${ratio(side('with', 'tbt'), side('without', 'tbt'))}   (each load: ${loads.with.map((l) => l.tbt.toFixed(0)).join(', ')} / ${loads.without.map((l) => l.tbt.toFixed(0)).join(', ')})`,
)
console.log(
  `    main-thread CPU, whole load   ${ms(side('with', 'cpu'))} / ${ms(side('without', 'cpu'))}   ratio ${ratio(side('with', 'cpu'), side('without', 'cpu'))}   (each load: ${loads.with.map((l) => l.cpu.toFixed(0)).join(', ')} / ${loads.without.map((l) => l.cpu.toFixed(0)).join(', ')})`,
)
const control = (part: 'tbt' | 'cpu') =>
  `${ratio(side('without', part), side('control', part))} (each load: ${loads.control.map((l) => l[part].toFixed(0)).join(', ')})`
console.log(
  `    control: the page alone against itself (a third load each round, no extension either time): total blocking time ${control('tbt')}, CPU ${control('cpu')}`,
)
console.log(
  `  IDs found                    ${first.stats.ids} (expected ${ids.length}; the baseline found ${first.baseline.found} in ${first.baseline.nodes} text nodes)`,
)
console.log(
  `  DOMContentLoaded → badge ${ids.length}   median ${ms(median(dclToBadge))}, max ${ms(Math.max(...dclToBadge))}   (goal ≤ 150 ms; each load: ${dclToBadge.map((v) => v.toFixed(0)).join(', ')})`,
)
console.log(
  `    baseline TreeWalker+matchAll median ${ms(median(baselines))}   ratio ${(median(dclToBadge) / median(baselines)).toFixed(1)} ×   (its first run in each page, median ${ms(median(samples.map((s) => s.baseline.cold)))})`,
)
console.log(
  `    content script started      median ${ms(median(samples.map((s) => s.dclToStart)))} after DOMContentLoaded; scan busy ${ms(median(samples.map((s) => s.stats.busyMs)))} in ${median(samples.map((s) => s.stats.slices))} slices, longest slice ${ms(Math.max(...samples.map((s) => s.stats.longestSliceMs)))}`,
)
console.log(
  `    the page's own task after its first frame after DOMContentLoaded (that frame lays out the parser's last chunks)   with the extension median ${ms(median(samples.map((s) => s.frameAfterDcl)))}, without ${ms(median(plainFrameAfterDcl))}   ratio ${ratio(median(samples.map((s) => s.frameAfterDcl)), median(plainFrameAfterDcl))}`,
)
// Negative: the badge came from the count made while the page parsed, before the first pass reported.
const early = samples.filter((s) => s.reportToBadge < 0).length
const fromPass = samples.filter((s) => s.reportToBadge >= 0).map((s) => s.reportToBadge)
console.log(
  `    marks complete (scan idle)   median ${ms(median(samples.map((s) => (s.stats.idleAt ?? NaN) - s.stats.startedAt)))} after start; the badge came from the count while the page parsed in ${early} of ${samples.length} loads` +
    (fromPass.length > 0
      ? `, else from the first pass's report: report → badge ${ms(median(fromPass))} (the message to the background and its storage writes)`
      : ''),
)
console.log(
  `  parse time (response → DOMContentLoaded)  with the extension median ${ms(median(samples.map((s) => s.parseMs)))}, without ${ms(median(plainParseMs))}   ratio ${(median(samples.map((s) => s.parseMs)) / median(plainParseMs)).toFixed(2)}`,
)
console.log(
  `  mutation → mark              median ${ms(median(latencies))}, max ${ms(Math.max(...latencies))} (${latencies.length} IDs added; its box in the DOM at the ID's place)   (goal ≤ 100 ms)`,
)
console.log(`    the frame that paints it, rendered  median ${ms(median(shownLatencies))}, max ${ms(Math.max(...shownLatencies))}`)
console.log(`    baseline: the page's own next task after the change  median ${ms(median(mutationBaselines))}`)
console.log(
  `    baseline: the page's own next frame, the new text laid out ${ms(median(mutationFrames.map((f) => f.frame)))}, that frame rendered ${ms(median(mutationFrames.map((f) => f.frameDone)))} (medians; our boxes are drawn in that frame)`,
)
console.log(
  `  long tasks ≥ 50 ms after the content script started   with the extension: ${sum(withTasks.map((t) => t.length))} in ${ROUNDS} loads (longest ${ms(Math.max(...withTasks.map(longest)))})`,
)
console.log(
  `    baseline, the same page without it (after DOMContentLoaded): ${sum(without.map((t) => t.length))} in ${ROUNDS} loads (longest ${ms(Math.max(...without.map(longest)))})   (goal: none extra)`,
)
console.log(
  `    the task holding DOMContentLoaded (parser's last chunk + Chrome's forced layout)  with the extension median ${ms(median(samples.map((s) => s.dclTask)))}, without ${ms(median(plainDclTask))}`,
)
if (!LOADS_ONLY) {
  printTraced()
  printBusyPages()
  printProfile()
}

/** The traced loads: the main thread's CPU and blocking time with and without the extension, and by trace event. */
function printTraced(): void {
  type CpuPart = Exclude<keyof LoadCpu, 'byEvent' | 'blocking'>
  const cpu = (side: keyof typeof traced, part: CpuPart) => median(traced[side].map((t) => t[part]))
  const cpuPair = (part: CpuPart) => `${cpu('with', part).toFixed(0)} / ${cpu('without', part).toFixed(0)} ms`
  console.log(
    `  main-thread CPU of a load (Chrome's trace, thread time, ${TRACED_ROUNDS} traced loads each way; with / without the extension, medians)`,
  )
  console.log(
    `    whole load (first parse → quiet)   ${cpuPair('total')}   ratio ${(cpu('with', 'total') / cpu('without', 'total')).toFixed(2)}`,
  )
  const shares = traced.with.map((t) => (100 * t.extension) / t.total)
  console.log(
    `    of it, the extension's own work (its callbacks, their microtasks, the layout they forced)   ${cpu('with', 'extension').toFixed(0)} ms, ${median(shares).toFixed(1)}% of the load (each load: ${shares.map((p) => `${p.toFixed(1)}%`).join(', ')})`,
  )
  const blockingOf = (side: keyof typeof traced, part: keyof LoadCpu['blocking']) => median(traced[side].map((t) => t.blocking[part]))
  console.log(
    `    total blocking time (the same loads, wall time)   ${blockingOf('with', 'total').toFixed(0)} / ${blockingOf('without', 'total').toFixed(0)} ms; of it, the extension's own work inside long tasks   ${blockingOf('with', 'ours').toFixed(0)} ms (each load: ${traced.with.map((t) => t.blocking.ours.toFixed(0)).join(', ')})`,
  )
  console.log(
    `    the task holding DOMContentLoaded  ${cpuPair('dclTask')}: parser's last chunk ${cpuPair('parse')}, DOMContentLoaded handlers ${cpuPair('handlers')}, first style pass ${cpuPair('style')}, first layout ${cpuPair('layout')}`,
  )
  printLoadByEvent()
}

/** Where the extension's extra load time goes: the trace events whose own time differs most, with and without (medians). */
function printLoadByEvent(): void {
  const names = new Set([...traced.with, ...traced.without].flatMap((t) => Object.keys(t.byEvent)))
  const own = (side: keyof typeof traced, name: string) => median(traced[side].map((t) => t.byEvent[name] ?? 0))
  const rows = [...names]
    .map((name) => ({ name, with: own('with', name), without: own('without', name) }))
    .sort((a, b) => Math.abs(b.with - b.without) - Math.abs(a.with - a.without))
  console.log(`    by trace event, each event's own time (the 8 that differ most; with / without, ms)`)
  for (const r of rows.slice(0, 8))
    console.log(
      `      ${r.name.padEnd(36)} ${r.with.toFixed(0).padStart(6)} / ${r.without.toFixed(0).padStart(6)}   ${r.with >= r.without ? '+' : '-'}${Math.abs(r.with - r.without).toFixed(0)}`,
    )
}

/** The content script's and its controls' functions by self time over the profiled loads (named from the build's source maps). */
function printProfile(): void {
  const scripts = ['content-scripts/inline-lookups.js', 'inline-controls.js'].map((file) => ({
    file,
    name: sourceNamer(join(extensionDir, `${file}.map`)),
  }))
  const merged = new Map<string, { name: string; where: string; selfMs: number }>()
  let oursMs = 0
  let sampledMs = 0
  for (const profile of profiles) {
    for (const [i, script] of scripts.entries()) {
      const own = ownFunctions(profile, (url) => url.startsWith('chrome-extension://') && url.endsWith(`/${script.file}`), script.name)
      oursMs += own.oursMs
      // The same for every script: the profile's whole main thread.
      if (i === 0) sampledMs += own.sampledMs
      for (const f of own.functions) {
        const key = `${f.where} ${f.name}`
        const entry = merged.get(key) ?? { ...f, selfMs: 0 }
        entry.selfMs += f.selfMs
        merged.set(key, entry)
      }
    }
  }
  const n = Math.max(1, profiles.length)
  console.log(
    `  CPU profile of a load with the extension (V8 sampling, ${profiles.length} loads, per load): our script's own time ${ms(oursMs / n)} of ${ms(sampledMs / n)} sampled on the main thread`,
  )
  console.log(`    top 10 functions of ours by self time (source map names):`)
  for (const f of [...merged.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, 10))
    console.log(`      ${ms(f.selfMs / n)}  ${f.name.padEnd(28)} ${f.where}`)
}

function busyPages(): Record<string, string> {
  const pages: Record<string, string> = {}
  for (const marks of BUSY_MARKS) pages[`/agent/tickets/busy-${marks}`] = busyPage(marks, 100)
  pages[`/agent/tickets/scroll-${SCROLL_MARKS}`] = busyPage(SCROLL_MARKS, null)
  return pages
}

async function measureBusyPages(): Promise<void> {
  for (const marks of BUSY_MARKS) {
    const path = `/agent/tickets/busy-${marks}`
    const run = (host: 'acme.zendesk.com' | 'wiki.example.test', query = '') =>
      busyMainThread(browser.context, server.url(host, `${path}${query}`), BUSY_SECONDS)
    const runs: (typeof busy)[number]['runs'] = { with: [], without: [], control: [] }
    // With and without in ABBA order over the rounds, so a busy neighbour weighs on both alike; the
    // control shows how far the page alone moves in the same run.
    const ways = ['with', 'without', 'control'] as const
    for (let round = 0; round < BUSY_ROUNDS; round++)
      for (const way of round % 2 ? [...ways].reverse() : ways)
        runs[way].push(await run(way === 'with' ? 'acme.zendesk.com' : 'wiki.example.test'))
    const painted = Math.max(...runs.with.map((r) => r.painted))
    // For comparison: the page itself painting as many ranges as the extension drew boxes, in a CSS highlight.
    const pageOwn = await run('wiki.example.test', `?own=${painted}`)
    // The floor of boxes: the page drawing as many boxes of its own once, no script measuring them.
    const pageBoxes = await run('wiki.example.test', `?boxes=${painted}`)
    busy.push({ marks, runs, painted, pageOwn, pageBoxes })
  }
  for (let round = 0; round < 2; round++) {
    const path = `/agent/tickets/scroll-${SCROLL_MARKS}`
    const withExt = await scrollFps(browser.context, server.url('acme.zendesk.com', path), true)
    const without = await scrollFps(browser.context, server.url('wiki.example.test', path), false)
    scrolling.push({ with: withExt, without })
  }
  await lateIds()
}

async function lateIds(): Promise<void> {
  const urls = {
    blank: server.url('acme.zendesk.com', '/agent/tickets/blank'),
    ticket: server.url('acme.zendesk.com', PATH),
    plain: server.url('wiki.example.test', PATH),
  }
  ;({ late, loads: lateLoads } = await measureLateIds(browser.context, browser.background, urls, {
    idCount: ids.length,
    rounds: LATE_ROUNDS,
    badge: !LATE_ONLY,
  }))
}

function printBusyPages(): void {
  const f = (v: number) => `${v.toFixed(0).padStart(6)} ms`
  console.log(
    `  busy page: main-thread time over ${BUSY_SECONDS} s with a 100 ms ticker (thread time; with / without the extension, medians of ${BUSY_ROUNDS} runs each in ABBA order, same run)   (goal ratio ≤ 1.5, no long task of ours)`,
  )
  for (const { marks, runs, painted, pageOwn, pageBoxes } of busy) {
    const task = (way: keyof typeof runs) => median(runs[way].map((r) => r.taskMs))
    const longTasks = (way: keyof typeof runs) =>
      `${sum(runs[way].map((r) => r.longTasks))} (longest ${f(Math.max(...runs[way].map((r) => r.longestMs)))})`
    const each = (way: keyof typeof runs) => runs[way].map((r) => r.taskMs.toFixed(0)).join(', ')
    console.log(
      `    ${String(marks).padStart(5)} marks   ${f(task('with'))} / ${f(task('without'))}   ratio ${(task('with') / task('without')).toFixed(2)}   long tasks ${longTasks('with')} / ${longTasks('without')}   (each: ${each('with')} / ${each('without')})`,
    )
    console.log(
      `      control: the page alone against itself (once more each round, no extension either time)   ratio ${(task('without') / task('control')).toFixed(2)} (each: ${each('control')})`,
    )
    console.log(
      `      for comparison: the page painting ${painted} ranges (the extension's boxes at the end) in a CSS highlight of its own, no extension  ${f(pageOwn.taskMs)}   ratio ${(pageOwn.taskMs / task('without')).toFixed(2)} to the plain page; the extension's ratio to it ${(task('with') / pageOwn.taskMs).toFixed(2)}`,
    )
    console.log(
      `      floor: the page drawing ${painted} boxes of its own once (the marks' look, no script measuring them), no extension  ${f(pageBoxes.taskMs)}   ratio ${(pageBoxes.taskMs / task('without')).toFixed(2)} to the plain page`,
    )
  }
  const fps = (side: 'with' | 'without') => median(scrolling.map((s) => s[side].fps))
  const worst = (side: 'with' | 'without') => Math.max(...scrolling.map((s) => s[side].worstFrameMs))
  const cpuPerFrame = (side: 'with' | 'without') => median(scrolling.map((s) => s[side].cpuPerFrameMs)).toFixed(2)
  console.log(
    `  scrolling ${SCROLL_MARKS} marks (60 px a frame, 5 s, ${scrolling.length} runs)   with the extension median ${fps('with').toFixed(1)} fps (worst frame ${f(worst('with'))}, ${Math.max(...scrolling.map((s) => s.with.painted ?? 0))} boxes drawn at most), without ${fps('without').toFixed(1)} fps (worst frame ${f(worst('without'))})   (goal ≥ 50 fps)`,
  )
  console.log(
    `    main-thread time per frame (thread time, medians)   with ${cpuPerFrame('with')} ms, without ${cpuPerFrame('without')} ms   (a 60 fps frame has 16.7 ms)`,
  )
  printMarkFrame(late)
  printLateIds(late)
}

/** The script every helpdesk frame loads at document_start, the controls it loads with a first ID, and the card and list it loads on first use (the build above). */
function printSightChecks(): void {
  if (sightChecks.length === 0) return
  const ms = sightChecks.map((s) => s.ms)
  console.log(
    `  sight check per load         ${median(ms).toFixed(2)} ms median, ${Math.max(...ms).toFixed(2)} ms at most, over ${median(sightChecks.map((s) => s.marks))} marks near the viewport in ${median(sightChecks.map((s) => s.checks))} checks (withheld: ${median(sightChecks.map((s) => s.withheld))})`,
  )
}
printSightChecks()

function printEagerSize(): void {
  const size = (file: string) => {
    const bytes = readFileSync(join(extensionDir, file))
    return `${(bytes.length / 1000).toFixed(1)} kB raw, ${(gzipSync(bytes, { level: 9 }).length / 1000).toFixed(1)} kB gzip`
  }
  console.log(
    `  eager content script         ${size('content-scripts/inline-lookups.js')}   (this instrumented build; eager-size.test.ts holds the store build's to 15 kB gzip; controls with a first ID: ${size('inline-controls.js')}; card and list on first use: ${size('inline-ui.js')})`,
  )
}
printEagerSize()
rmSync(extensionDir, { recursive: true, force: true })
