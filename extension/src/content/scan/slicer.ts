/**
 * Runs work in slices of a few milliseconds, so scanning a big ticket never shows up as a long
 * task (50 ms+) on the agent's page. A job is an iterator: every `next()` is one small unit of
 * work (a text run, a window of a long text, a few hundred nodes), and the slicer stops pulling
 * when the slice's budget is spent and asks for another slice.
 */
export type Job = Iterator<unknown, unknown>

export type IdleDeadlineLike = { timeRemaining(): number; didTimeout?: boolean }

export type SlicerDeps = {
  now?: () => number
  /** Calls `run` later, as a task of the page's event loop (at `priority` where the browser has priorities). */
  requestSlice?: (run: (deadline?: IdleDeadlineLike) => void, priority: SlicePriority) => void
  /** The most a slice may take. 8 ms leaves half a frame to the page at 60 Hz. */
  sliceMs?: number
  /**
   * The slice length until the queue first runs empty (the first pass over a freshly loaded page):
   * longer slices finish the page sooner, and anything under 50 ms is still no long task. Its slices
   * go ahead of the page's other work (its first layout of a big ticket takes a second or more): the
   * agent is waiting for the badge.
   */
  firstPassSliceMs?: number
  onError?: (err: unknown) => void
  /** Each time the queue runs empty (e.g. to show the results of a burst of work at once). */
  onIdle?: () => void
}

export type SlicerStats = { slices: number; units: number; busyMs: number; longestSliceMs: number }

export type SlicePriority = 'user-blocking' | 'user-visible'
type PostTask = (callback: () => void, options: { priority: SlicePriority }) => Promise<unknown>

/**
 * The next slice as a user-visible task (Chrome's scheduler.postTask): slices follow each other
 * without waiting for an idle period, and input still goes first. Not 'background': a page that
 * keeps its main thread busy with timers (a helpdesk's polling, an animation) starves background
 * tasks, and an ID the agent just received waited for the fallback timer (200-400 ms). Slices are
 * short, so the page keeps its frames. Elsewhere an idle callback; a timer guarantees progress.
 */
export function defaultRequestSlice(run: (deadline?: IdleDeadlineLike) => void, priority: SlicePriority = 'user-visible'): void {
  let ran = false
  const once = (deadline?: IdleDeadlineLike) => {
    if (ran) return
    ran = true
    clearTimeout(fallback)
    run(deadline)
  }
  const fallback = setTimeout(once, 250)
  const postTask = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler?.postTask
  if (typeof postTask === 'function') {
    postTask.call((globalThis as { scheduler?: unknown }).scheduler, () => once(), { priority }).catch(() => {})
  } else if (typeof requestIdleCallback === 'function') {
    requestIdleCallback((deadline) => once(deadline))
  }
}

/** The queued jobs: runNow's go ahead of add's, each in the order they came. */
type Jobs = { ahead: Job[]; later: Job[] }

/** What the scan queues its jobs on. */
export type Slicer = {
  /** Queues a job behind the others. */
  add(job: Job): void
  /**
   * Runs a slice now, in the caller's task, if work is queued (of at most `maxMs`): the first pass
   * starts before the browser gets its next task (on a big ticket, its first layout takes longer
   * than our whole scan), and a small change is marked before the page's next frame. `job` goes
   * ahead of the jobs `add` queued (a change waits for no first pass); a later slice is asked for
   * only if work is left: a page's small change (a ticking clock) costs its own task alone.
   */
  runNow(maxMs?: number, job?: Job): void
  /** Resolves when every queued job has finished. */
  idle(): Promise<void>
  readonly pending: number
  stats: SlicerStats
  /** Drops the queue for good (the content script is going away). */
  stop(): void
}

export function createSlicer(deps: SlicerDeps = {}): Slicer {
  const now = deps.now ?? (() => performance.now())
  const requestSlice = deps.requestSlice ?? defaultRequestSlice
  const sliceMs = deps.sliceMs ?? 8
  let firstPass = deps.firstPassSliceMs !== undefined
  const jobs: Jobs = { ahead: [], later: [] }
  const stats: SlicerStats = { slices: 0, units: 0, busyMs: 0, longestSliceMs: 0 }
  let scheduled = false
  let running = false // inside a slice: a job added now is run by it, or by the slice it asks for at its end
  let stopped = false
  const pending = () => jobs.ahead.length + jobs.later.length
  const idleWaiters: (() => void)[] = []

  function schedule(): void {
    if (scheduled || running || stopped || pending() === 0) return
    scheduled = true
    requestSlice((deadline) => runSlice(deadline), firstPass ? 'user-blocking' : 'user-visible')
  }

  function runSlice(deadline?: IdleDeadlineLike, scheduledRun = true, maxMs?: number): void {
    // A slice run now (runNow) leaves the one already requested in place.
    if (scheduledRun) scheduled = false
    if (stopped) return
    const start = now()
    running = true
    stats.units += runUnits(jobs, now, sliceEnd(start, maxMs ?? (firstPass ? deps.firstPassSliceMs! : sliceMs), deadline), deps.onError)
    running = false
    countSlice(stats, now() - start)
    if (pending() > 0) schedule()
    else {
      firstPass = false
      deps.onIdle?.()
      for (const resolve of idleWaiters.splice(0)) resolve()
    }
  }

  return {
    add(job: Job): void {
      jobs.later.push(job)
      schedule()
    },
    runNow(maxMs?: number, job?: Job): void {
      if (job) jobs.ahead.push(job)
      if (stopped || pending() === 0) return
      runSlice(undefined, false, maxMs)
    },
    idle: () => (pending() === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
    get pending(): number {
      return pending()
    },
    stats,
    stop(): void {
      stopped = true
      jobs.ahead.length = 0
      jobs.later.length = 0
      for (const resolve of idleWaiters.splice(0)) resolve()
    },
  }
}

/**
 * When a slice of at most `limit` ms that started at `start` stops pulling units: a millisecond before
 * its budget's end. An idle period shorter than our slice is respected, but a slice always does some work.
 */
function sliceEnd(start: number, limit: number, deadline?: IdleDeadlineLike): number {
  const budget = deadline && !deadline.didTimeout ? Math.max(1, Math.min(limit, deadline.timeRemaining())) : limit
  return start + (budget > 2 ? budget - 1 : budget)
}

/**
 * Pulls units off the jobs, those ahead first, first job first, until `now()` reaches `until`
 * (a millisecond before the budget's end: the unit that crosses it still runs to its end); returns how many ran.
 */
function runUnits(jobs: Jobs, now: () => number, until: number, onError?: (err: unknown) => void): number {
  let units = 0
  const next = () => (jobs.ahead.length > 0 ? jobs.ahead : jobs.later.length > 0 ? jobs.later : null)
  for (let queue = next(); queue; queue = next()) {
    const job = queue[0]!
    try {
      if (job.next().done) queue.shift()
    } catch (err) {
      queue.shift()
      onError?.(err)
    }
    units++
    if (now() >= until) break
  }
  return units
}

function countSlice(stats: SlicerStats, took: number): void {
  stats.slices++
  stats.busyMs += took
  stats.longestSliceMs = Math.max(stats.longestSliceMs, took)
}
