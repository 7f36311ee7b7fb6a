import { mayContainIds, scanIds, type IdMatch } from '@idv-lens/shared/ids'
import type { MarkStore } from '../marks/mark-store.ts'
import { WINDOW, locateMatch, scanInWindows, type RangeInit } from './run-matches.ts'
import type { Slicer } from './slicer.ts'
import { createTextBudget } from './text-budget.ts'
import { blockAround, isInsideSkipped, linkStandsForId, walkTextRuns, type DashboardLink, type TextRun } from './text-runs.ts'

export type ScannerDeps = {
  store: MarkStore
  slicer: Slicer
  /** Whether bare UUIDs count on this site (read per run, so a settings change applies to the next scan). */
  uuids: () => boolean
  /** Turns plain range fields into what the marks keep (StaticRange in the browser). */
  makeRange?: (init: RangeInit) => RangeInit
  /** Text read per window (UTF-16 units); past it, changed text waits for room and keeps its marks. */
  maxChars?: number
  /** The window of `maxChars`. */
  windowMs?: number
  now?: () => number
  /** Calls `run` after `ms` (the content script passes one that does nothing once it is invalidated). */
  setTimer?: (run: () => void, ms: number) => unknown
  /**
   * An open shadow root was found: it is scanned like the page, and must be followed like it.
   * Called each time the scan meets it (the follower knows which roots it follows, and lets go of
   * those that left the page: a root met again after it came back is followed again).
   */
  onShadowRoot?: (root: ShadowRoot) => void
}

/** 10 MB per 10 s: a 5 MB ticket is read at once; a page rewriting itself costs at most ~1 MB/s. */
export const TEXT_BUDGET = { maxChars: 10 * 1024 * 1024, windowMs: 10_000 }

/** Text runs scanned between two checks of the time budget. */
const ITEMS_PER_UNIT = 16

/**
 * Scans parts of the page into the mark store, in slices. `scan(root)` is cheap to call often:
 * roots wait in one queue, a root inside another queued root is scanned once, and rescanning a
 * node first drops its old marks, so a rescan never duplicates.
 * Reading is limited per time window (text-budget.ts): text past the budget waits, with its old
 * marks in place, until the window has room; it is never dropped and marks never vanish for it.
 */
export function createPageScanner(deps: ScannerDeps) {
  const budget = createTextBudget({
    maxChars: deps.maxChars ?? TEXT_BUDGET.maxChars,
    windowMs: deps.windowMs ?? TEXT_BUDGET.windowMs,
    now: deps.now,
  })
  const retry = createRetry(deps.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms)), budget, (root) => scan(root))
  const reader = createRunReader(deps, budget, retry.defer)
  const queue: RootQueue = { pending: new Set(), draining: false, deps, budget, reader, defer: retry.defer }

  function scan(root: Node): void {
    queue.pending.add(root)
    if (!queue.draining) {
      queue.draining = true
      deps.slicer.add(drain(queue))
    }
  }

  return {
    /** Queues `root` (an element or a text node) for scanning. */
    scan,
    /** A new page in a single-page app: its text gets a fresh window. */
    resetBudget(): void {
      budget.reset()
    },
    /** Text read since the script started (all windows). */
    get scannedChars() {
      return reader.scannedChars
    },
    /** Text read within the current window. */
    get windowChars() {
      return budget.used()
    },
    /** Some changed text waits for room in the budget (its old marks stay until then). */
    get textCapped() {
      return retry.waiting
    },
  }
}

type TextBudget = ReturnType<typeof createTextBudget>

/** Roots that met an empty budget: scanned again (by `rescan`) once the window has room. */
function createRetry(setTimer: NonNullable<ScannerDeps['setTimer']>, budget: TextBudget, rescan: (root: Node) => void) {
  const deferred = new Set<Node>()
  let retrySet = false
  return {
    defer(node: Node): void {
      deferred.add(node)
      if (retrySet) return
      retrySet = true
      setTimer(() => {
        retrySet = false
        const roots = [...deferred]
        deferred.clear()
        for (const root of roots) rescan(root)
      }, budget.msUntilRoom())
    },
    get waiting() {
      return deferred.size > 0
    },
  }
}

/** Reads text runs and dashboard links into the store, as the budget allows (what must wait goes to `defer`). */
function createRunReader(deps: ScannerDeps, budget: TextBudget, defer: (node: Node) => void) {
  const { store } = deps
  const makeRange = deps.makeRange ?? ((init: RangeInit) => init)
  let scannedChars = 0

  /** What to read again for a run that must wait: its block, or its own nodes when that is the whole body. */
  function deferRun(run: TextRun, root: Node): void {
    const block = blockAround(run.nodes[0]!)
    if (block.nodeType === 1 && (block === root || root.contains(block))) defer(block)
    else for (const node of run.nodes) defer(node)
  }

  /** Whether the budget lets `run` be read now (else it waits, keeping the marks it had). */
  function admit(run: TextRun, root: Node): boolean {
    // Checked before anything is dropped: text that must wait keeps the marks it had.
    if (!budget.allows(run.text.length)) {
      deferRun(run, root)
      return false
    }
    budget.spend(run.text.length)
    scannedChars += run.text.length
    return true
  }

  /** A run of at most one window, read in one go: most runs are a sentence, and a generator each would cost more than the run. */
  function readRun(run: TextRun, root: Node): void {
    if (!admit(run, root)) return
    const uuids = deps.uuids()
    // Most of a ticket's text runs hold no '_' or '-'; indexOf is far cheaper than the scanner.
    swapMarks(run, mayContainIds(run.text, { uuids }) ? scanIds(run.text, { uuids }) : [])
  }

  /** A run longer than a window: read a window at a time, handing control back in between. */
  function* scanRun(run: TextRun, root: Node): Generator<void> {
    if (!admit(run, root)) return
    const uuids = deps.uuids()
    const found: IdMatch[] = []
    if (mayContainIds(run.text, { uuids })) {
      for (const matches of scanInWindows(run.text, uuids)) {
        found.push(...matches)
        yield
      }
    }
    swapMarks(run, found)
  }

  /**
   * The old marks give way to the new ones in one step, after the last window: a long run read
   * across several slices never shows the page (or the badge) fewer marks than it holds.
   */
  function swapMarks(run: TextRun, found: readonly IdMatch[]): void {
    for (const node of run.nodes) store.removeAt(node)
    if (found.length === 0 && run.links.length === 0) return
    const links = [...run.links]
    for (const m of found) {
      // Links that start before this ID come first: the list shows IDs in reading order.
      while (links.length > 0 && links[0]!.at <= m.index) addLink(links.shift()!)
      const { range, nodes } = locateMatch(run, m)
      store.add({ id: m.value, kind: m.kind, range: makeRange(range), nodes, link: null })
    }
    for (const link of links) addLink(link)
  }

  function addLink({ link, ref }: DashboardLink): void {
    store.removeAt(link)
    if (!linkStandsForId({ link, ref })) return
    const range = { startContainer: link, startOffset: 0, endContainer: link, endOffset: link.childNodes.length }
    store.add({ id: ref.id, kind: ref.kind, range: makeRange(range), nodes: [link], link })
  }

  return {
    readRun,
    scanRun,
    addLink,
    get scannedChars() {
      return scannedChars
    },
  }
}

/** The roots waiting to be scanned, and what reading them takes. */
type RootQueue = {
  pending: Set<Node>
  /** Whether a drain is in the slicer: roots queued meanwhile join it. */
  draining: boolean
  deps: ScannerDeps
  budget: TextBudget
  reader: ReturnType<typeof createRunReader>
  defer: (node: Node) => void
}

/** Drops roots that another queued root contains: they are scanned with it. */
function coveredByOther(pending: Set<Node>, root: Node): boolean {
  for (let p = root.parentNode; p; p = p.parentNode) if (pending.has(p)) return true
  return false
}

/** Scans the queued roots one after the other, handing control back to the slicer every few runs. */
function* drain(queue: RootQueue): Generator<void> {
  const { pending, deps, budget, reader, defer } = queue
  let items = 0
  try {
    while (pending.size > 0) {
      const root = pending.values().next().value as Node
      pending.delete(root)
      // No room left at all: not even walked (walking costs too); its marks stay as they are.
      if (root.isConnected && !budget.hasRoom()) {
        defer(root)
        continue
      }
      // A text node's marks go now only if nothing will read it again; otherwise its run swaps
      // them when read (a long run is read over several slices, and its marks stay meanwhile).
      if (root.nodeType === 3 && (!root.isConnected || (root as Text).data.length === 0 || isInsideSkipped(root))) deps.store.removeAt(root)
      if (!root.isConnected || coveredByOther(pending, root) || isInsideSkipped(root)) continue
      // Page scripts run only between slices: the walk checks once a slice that it stands where it was.
      const walk = walkTextRuns(root, { turn: () => deps.slicer.stats.slices })
      for (let step = walk.next(); ; step = walk.next()) {
        if (step.done) {
          // The page moved things under our feet: look at this root again from the start.
          if (step.value === false && root.isConnected) pending.add(root)
          break
        }
        const item = step.value
        if (item === 'pause') {
          yield
          continue
        }
        if ('run' in item) {
          if (item.run.text.length <= WINDOW) reader.readRun(item.run, root)
          else yield* reader.scanRun(item.run, root)
        }
        else if ('shadow' in item) {
          deps.onShadowRoot?.(item.shadow)
          // Scanned after the current root (a root of its own: coveredByOther never sees across the boundary).
          pending.add(item.shadow)
        } else reader.addLink(item.link)
        // Most runs are a sentence: hand control back every few of them, not after each one
        // (resuming the generators and reading the clock would cost more than the run).
        if (++items % ITEMS_PER_UNIT === 0) yield
      }
    }
  } finally {
    queue.draining = false
  }
}

export type PageScanner = ReturnType<typeof createPageScanner>
