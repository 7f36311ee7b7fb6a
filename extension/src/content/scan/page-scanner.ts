import type { IdKind, IdMatch } from '@idv-lens/shared/ids'
import { mayContainIds, scanIds } from './id-scan.ts'
import { WINDOW, locateMatch, scanInWindows, type RangeInit } from './run-matches.ts'
import type { Slicer } from './slicer.ts'
import { createTextBudget } from './text-budget.ts'
import { blockAround, isInsideSkipped, linkStandsForId, walkTextRuns, type DashboardLink, type TextRun } from './text-runs.ts'

/** Where the scanner puts what it finds: the marks' store (marks/mark-store.ts), a folder above scan/. */
export type FoundIds = {
  add(found: { id: string; kind: IdKind; range: RangeInit; nodes: readonly Node[]; link: Element | null }): unknown
  removeAt(node: Node): void
}

export type ScannerDeps = {
  store: FoundIds
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
  const queue: RootQueue = {
    pending: new Set(),
    arrived: new Set(),
    walking: false,
    changed: new WeakSet(),
    draining: false,
    deps,
    budget,
    reader,
    defer: retry.defer,
  }

  function scan(root: Node): void {
    ;(queue.walking ? queue.arrived : queue.pending).add(root)
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

/** What to read again for a run that must wait: its block, or its own nodes when that is the whole body. */
function deferRun(run: TextRun, root: Node, defer: (node: Node) => void): void {
  const block = blockAround(run.nodes[0]!)
  if (block.nodeType === 1 && (block === root || root.contains(block))) defer(block)
  else for (const node of run.nodes) defer(node)
}

/** The IDs in at most a window of text. Most of a ticket's text holds no '_' or '-': indexOf is far cheaper than the scanner. */
function idsIn(text: string, uuids: boolean): IdMatch[] {
  return mayContainIds(text, { uuids }) ? scanIds(text, { uuids }) : []
}

/** Reads text runs and dashboard links into the store, as the budget allows (what must wait goes to `defer`). */
function createRunReader(deps: ScannerDeps, budget: TextBudget, defer: (node: Node) => void) {
  const [swapMarks, addLink] = createMarkWriter(deps)
  let scannedChars = 0

  /** Counts `chars` as read (the budget allowed them). */
  function spend(chars: number): true {
    budget.spend(chars)
    scannedChars += chars
    return true
  }

  /** Whether the budget lets `run` be read now (else it waits, keeping the marks it had). */
  function admit(run: TextRun, root: Node): boolean {
    // Checked before anything is dropped: text that must wait keeps the marks it had.
    if (budget.allows(run.text.length)) return spend(run.text.length)
    deferRun(run, root, defer)
    return false
  }

  /** A run of at most one window, read in one go: most runs are a sentence, and a generator each would cost more than the run. */
  function readRun(run: TextRun, root: Node): void {
    if (admit(run, root)) swapMarks(run, idsIn(run.text, deps.uuids()))
  }

  /**
   * A block's whole text, read without its nodes: true when the budget takes it and it holds no
   * ID (counted as read); false sends the walk through its nodes (the budget's wait, the marks).
   */
  const readLeaf = (text: string): boolean =>
    text.length <= WINDOW && budget.allows(text.length) && idsIn(text, deps.uuids()).length === 0 && spend(text.length)

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

  return {
    readRun,
    readLeaf,
    scanRun,
    addLink,
    get scannedChars() {
      return scannedChars
    },
  }
}

/** Writes what a run holds into the store (swapMarks, addLink): its IDs' marks and its dashboard links' (as `deps.makeRange` keeps their ranges). */
function createMarkWriter(deps: ScannerDeps) {
  const { store } = deps
  const makeRange = deps.makeRange ?? ((init: RangeInit) => init)

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
  return [swapMarks, addLink] as const
}

/** The roots waiting to be scanned, and what reading them takes. */
type RootQueue = {
  pending: Set<Node>
  /**
   * Roots queued while a walk stood between two slices (the page's changes): read as the walk
   * resumes, before the rest of it. A change is small; a first pass over a big ticket is not.
   */
  arrived: Set<Node>
  /** Whether a walk is under way: roots queued now go to `arrived`. */
  walking: boolean
  /**
   * Queued roots left to a root around them: their text changed, so the walk goes through their
   * nodes (read whole, a block would keep the marks of its old text).
   */
  changed: WeakSet<Node>
  /** Whether a drain is in the slicer: roots queued meanwhile join it. */
  draining: boolean
  deps: ScannerDeps
  budget: TextBudget
  reader: ReturnType<typeof createRunReader>
  defer: (node: Node) => void
}

/** Drops roots that another queued root contains: they are scanned with it. */
function coveredByOther({ pending, arrived }: RootQueue, root: Node): boolean {
  for (let p = root.parentNode; p; p = p.parentNode) if (pending.has(p) || arrived.has(p)) return true
  return false
}

/** The next root to scan: the page's changes first. */
function takeRoot({ pending, arrived }: RootQueue): Node | undefined {
  const from = arrived.size > 0 ? arrived : pending
  const [root] = from
  from.delete(root!)
  return root
}

/** Scans the queued roots one after the other, handing control back to the slicer every few runs. */
function* drain(queue: RootQueue): Generator<void> {
  try {
    for (let root = takeRoot(queue); root; root = takeRoot(queue)) {
      queue.walking = true
      yield* scanRoot(queue, root, true)
      queue.walking = false
    }
  } finally {
    queue.walking = false
    queue.draining = false
  }
}

/** One root's scan, unless it needs none (it left the page, is skipped, or a queued root holds it) or must wait for the budget. */
function* scanRoot(queue: RootQueue, root: Node, interruptible: boolean): Generator<void> {
  const { changed, deps, budget, defer } = queue
  // No room left at all: not even walked (walking costs too); its marks stay as they are.
  if (root.isConnected && !budget.hasRoom()) return defer(root)
  // A text node's marks go now only if nothing will read it again; otherwise its run swaps
  // them when read (a long run is read over several slices, and its marks stay meanwhile).
  if (root.nodeType === 3 && (!root.isConnected || (root as Text).data.length === 0 || isInsideSkipped(root))) deps.store.removeAt(root)
  if (!root.isConnected || isInsideSkipped(root)) return
  if (coveredByOther(queue, root)) return void changed.add(root)
  yield* walkRoot(queue, root, interruptible)
}

/**
 * Reads `root`'s runs, links and shadow roots. `interruptible`: between two of its slices, the roots
 * that arrived meanwhile are scanned first (scanArrived), so a change waits for no first pass.
 */
function* walkRoot(queue: RootQueue, root: Node, interruptible: boolean): Generator<void> {
  const { pending, changed, deps, reader } = queue
  // A block with no child element is offered whole (see WalkOptions.readLeaf), unless it changed.
  const readLeaf = (block: Element) => !changed.delete(block) && block.childElementCount === 0 && reader.readLeaf(block.textContent!)
  // Page scripts run only between slices: the walk checks once a slice that it stands where it was.
  const walk = walkTextRuns(root, { turn: () => deps.slicer.stats.slices, readLeaf })
  // Blocks scanned in between (scanArrived): the run in progress there holds their old text.
  const read: Node[] = []
  // Hands control back to the slicer (true: the rest of the walk is needless, see scanArrived).
  const pause = function* (): Generator<void, boolean> {
    yield
    return interruptible && queue.arrived.size > 0 && (yield* scanArrived(queue, root, read))
  }
  let items = 0
  for (let step = walk.next(); ; step = walk.next()) {
    if (step.done) {
      // The page moved things under our feet: look at this root again from the start.
      if (step.value === false && root.isConnected) pending.add(root)
      return
    }
    const item = step.value
    if (item === 'pause') {
      if (yield* pause()) return
      continue
    }
    if ('run' in item) {
      if (read.some((block) => block.contains(item.run.nodes[0]!))) continue
      if (item.run.text.length <= WINDOW) reader.readRun(item.run, root)
      else for (const reading = reader.scanRun(item.run, root); !reading.next().done; ) if (yield* pause()) return
    } else if ('shadow' in item) {
      deps.onShadowRoot?.(item.shadow)
      // Scanned after the current root (a root of its own: coveredByOther never sees across the boundary).
      pending.add(item.shadow)
    } else reader.addLink(item.link)
    // Most runs are a sentence: hand control back every few of them, not after each one
    // (resuming the generators and reading the clock would cost more than the run).
    if (++items % ITEMS_PER_UNIT === 0 && (yield* pause())) return
  }
}

/**
 * Scans the roots that arrived while the walk of `root` was suspended, before it goes on. Those
 * inside it are read again after it (a long run read across slices holds their old text); the
 * blocks among them go to `read`, whose runs the walk skips. One around `root` makes the rest of
 * its walk needless (true).
 */
function* scanArrived(queue: RootQueue, root: Node, read: Node[]): Generator<void, boolean> {
  // Only those here now: roots arriving while these are read wait for the next pause, so a page
  // that changes faster than we read still lets the walk move on.
  const batch = [...queue.arrived]
  queue.arrived.clear()
  let covered = false
  for (const changed of batch) {
    if (changed.contains(root)) covered = true
    else if (root.contains(changed)) {
      queue.pending.add(changed)
      if (changed.nodeType === 1 && !read.includes(changed)) read.push(changed)
    }
    yield* scanRoot(queue, changed, false)
  }
  return covered
}

export type PageScanner = ReturnType<typeof createPageScanner>
