import type { BrowserContext, Page } from 'playwright-core'
import type { TraceEvent } from './trace-event.ts'

/** Where a page load's main-thread CPU went (ms of thread time, from Chrome's trace). */
export type LoadCpu = {
  /** Every task on the page's main thread from its first parse to quiet. */
  total: number
  /** The task that holds DOMContentLoaded (the parser's last chunk, the DOMContentLoaded handlers, the first style and layout). */
  dclTask: number
  parse: number
  /** The DOMContentLoaded handlers: the content script's count and first scan slice, when it runs. */
  handlers: number
  style: number
  layout: number
  /** The whole load's thread time by trace event, each event's own time (less the events nested in it). */
  byEvent: Record<string, number>
  /** The extension's own work (its scripts' start, timers, tasks, frames, observers, listeners and their microtasks), with the layout it forced. */
  extension: number
  /** Total blocking time of the load (Σ of each task's wall time past 50 ms), and the part of it that was the extension's work. */
  blocking: { total: number; ours: number }
}

const THREAD_TASK = 'ThreadControllerImpl::RunTask'

const ends = (e: TraceEvent) => e.ts + (e.dur ?? 0)
/** Nested events start together with the event around them: the outer one first. */
const outerFirst = (a: TraceEvent, b: TraceEvent) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0)
const inside = (outer: TraceEvent, e: TraceEvent) => e !== outer && e.ts >= outer.ts && ends(e) <= ends(outer)

/** Each event's thread time less that of the events directly inside it, summed by name (events on one thread nest). */
function selfTimeByName(events: readonly TraceEvent[]): Record<string, number> {
  const sorted = [...events].filter((e) => e.tdur !== undefined).sort(outerFirst)
  const out: Record<string, number> = {}
  const open: TraceEvent[] = []
  for (const e of sorted) {
    while (open.length > 0 && ends(open.at(-1)!) <= e.ts) open.pop()
    const parent = open.at(-1)
    if (parent) out[parent.name] = (out[parent.name] ?? 0) - e.tdur! / 1000
    out[e.name] = (out[e.name] ?? 0) + e.tdur! / 1000
    open.push(e)
  }
  return out
}
const cpuMs = (events: readonly TraceEvent[]) => events.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000

/** Events that run one callback: the microtasks it queues run inside them too, after it returns. */
const DISPATCHES = new Set(['TimerFire', 'RunPostTaskCallback', 'FireAnimationFrame', 'FireIdleCallback', 'EventDispatch'])
/** A call into the extension's scripts, or the run of one of them (the content script's start at document_start). */
const isExtensionCall = (e: TraceEvent) =>
  (e.name === 'FunctionCall' || e.name === 'EvaluateScript') && e.args?.data?.url?.startsWith('chrome-extension://') === true

/**
 * The extension's own work: each call into its scripts, or the whole dispatch around it when every
 * call in that dispatch is the extension's (a timer whose callback resolves a promise runs the scan's
 * first slice as a microtask, after the call the trace names). Outermost events only, each once.
 */
function extensionWork(events: readonly TraceEvent[]): TraceEvent[] {
  const calls = events.filter((e) => e.name === 'FunctionCall' || e.name === 'EvaluateScript')
  const dispatches = events.filter((e) => DISPATCHES.has(e.name))
  const work = calls.filter(isExtensionCall).map((call) => {
    const around = dispatches.filter((d) => inside(d, call)).sort((a, b) => (a.dur ?? 0) - (b.dur ?? 0))[0]
    return around && calls.every((c) => !inside(around, c) || isExtensionCall(c)) ? around : call
  })
  let end = -Infinity
  return [...new Set(work)].sort(outerFirst).filter((e) => {
    if (e.ts < end) return false
    end = ends(e)
    return true
  })
}

const LONG_TASK_US = 50_000

/**
 * Total blocking time from the trace (wall time, as the Long Tasks API counts it), and the part our
 * work added: in each long task, our time in it, up to what the task took past 50 ms (without our
 * work, it would have blocked that much less, at most).
 */
function blockingTime(tasks: readonly TraceEvent[], ours: readonly TraceEvent[]): LoadCpu['blocking'] {
  const long = tasks.filter((t) => (t.dur ?? 0) > LONG_TASK_US)
  const past = (t: TraceEvent) => (t.dur ?? 0) - LONG_TASK_US
  const oursIn = (t: TraceEvent) => ours.filter((e) => inside(t, e)).reduce((sum, e) => sum + (e.dur ?? 0), 0)
  return {
    total: long.reduce((sum, t) => sum + past(t), 0) / 1000,
    ours: long.reduce((sum, t) => sum + Math.min(past(t), oursIn(t)), 0) / 1000,
  }
}

/**
 * Loads `url` in `page` with Chrome's tracing on and splits the main thread's CPU time. Tracing adds
 * its own cost, the same with and without the extension: compare the two, not the absolute figures.
 */
export async function traceLoad(context: BrowserContext, page: Page, url: string, quietMs: number): Promise<LoadCpu> {
  const cdp = await context.newCDPSession(page)
  const events: TraceEvent[] = []
  // Protocol types give trace events as string maps; they are Chrome's trace event objects.
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[]).filter((v) => v.ph === 'X')))
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,toplevel', transferMode: 'ReportEvents' })
  await page.goto(url, { timeout: 120_000 })
  await page.waitForFunction((ms) => performance.now() > ms, quietMs, { timeout: 120_000, polling: 200 })
  await cdp.send('Tracing.end')
  await complete
  await cdp.detach()

  const dcl = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'DOMContentLoaded')
  if (!dcl) throw new Error(`no DOMContentLoaded in the trace of ${url}`)
  const thread = events.filter((e) => e.pid === dcl.pid && e.tid === dcl.tid)
  const firstParse = Math.min(...thread.filter((e) => e.name === 'ParseHTML').map((e) => e.ts))
  const task = thread
    .filter((e) => e.name === THREAD_TASK && e.ts <= dcl.ts && dcl.ts <= ends(e))
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0]
  if (!task) throw new Error('no task holds DOMContentLoaded')
  const inTask = (name: string) => thread.filter((e) => e.name === name && inside(task, e))
  const loadTasks = thread.filter((e) => e.name === THREAD_TASK && ends(e) >= firstParse)
  const loadStart = Math.min(...loadTasks.map((t) => t.ts))
  const inLoad = thread.filter((e) => e.ts >= loadStart)
  const ours = extensionWork(inLoad)
  return {
    total: cpuMs(loadTasks),
    byEvent: selfTimeByName(inLoad),
    extension: cpuMs(ours),
    blocking: blockingTime(loadTasks, ours),
    dclTask: cpuMs([task]),
    parse: cpuMs(inTask('ParseHTML')),
    handlers: cpuMs([dcl]),
    style: cpuMs(inTask('UpdateLayoutTree')),
    layout: cpuMs(inTask('Layout')),
  }
}
