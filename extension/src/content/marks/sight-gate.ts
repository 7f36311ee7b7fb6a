import { seesText, sightPass } from './agent-sight.ts'
import { intersect, type Box } from './clip-boxes.ts'
import { schemeOf } from './colour.ts'
import type { Mark } from './mark-store.ts'

/** How many withheld marks one check looks at again, at most: a page that hides hundreds of IDs costs a bounded check. */
export const RECHECK_AT_MOST = 100
/** How soon after a change of the page (or a scroll, or the end of a transition) withheld marks are checked again, at most once per this long. */
export const RECHECK_AFTER_MS = 100

export type SightGateDeps = {
  doc: Document
  /** The mark's lines on screen now (its range's client rects). */
  rectsOf: (mark: Mark) => Iterable<Box>
  /** Whether a node holds part of the mark's text (its range meets it): the page's own text is never its cover. */
  holds: (mark: Mark, node: Node) => boolean
  /** The element the mark's text is laid out in. */
  elementOf: (mark: Mark) => Element | null
  /** Draws a mark the agent can see. */
  paint: (mark: Mark) => void
  /** Stops drawing a mark the agent cannot see (one painted before it was measured). */
  unpaint: (mark: Mark) => void
  /** Looks up the IDs the agent can see (the queue asks each once; it keeps the answers). */
  request: (marks: Mark[]) => void
  setTimer: (run: () => void, ms: number) => unknown
  /** The scheme of the page behind the marks a check saw (most of them, where it can tell): the marks take it. */
  scheme?: (scheme: 'light' | 'dark') => void
}

/**
 * Between the marks near the viewport and their painting and lookup: a mark whose text the page hides
 * (agent-sight.ts) is withheld, and checked again when the page may have shown it (createRechecks).
 * A mark that goes far or leaves the page is let go of. A mark that may be under something and is
 * outside the viewport is painted but withheld until a scroll brings it in.
 */
export function createSightGate(deps: SightGateDeps) {
  const sight = createSightChecks(deps)
  const { withheld, unsure, check } = sight
  const recheckSoon = createRechecks(deps, sight)
  return {
    /** Marks that came near the viewport: painted and looked up if the agent can see them. */
    show: check,
    /** Marks that went far or left the page: no longer checked. */
    hide(marks: Iterable<Mark>): void {
      for (const mark of marks) {
        withheld.delete(mark)
        unsure.delete(mark)
      }
    },
    /** The page changed (its mutation records): only elements coming or going and attributes can show hidden text. */
    changed(records: readonly MutationRecord[]): void {
      if (records.some((r) => r.type === 'attributes' || [...r.addedNodes, ...r.removedNodes].some((node) => node.nodeType === 1)))
        recheckSoon()
    },
    /** Something moved or finished moving (a scroll, a transition's end): hidden text may show now. */
    moved: recheckSoon,
    /**
     * Whether the agent can see `mark`, as of its last check (one never checked is not withheld); one
     * that was outside the viewport is checked now (focus may have scrolled it in before our check after the scroll).
     */
    sees(mark: Mark): boolean {
      if (unsure.has(mark)) check([mark])
      return !withheld.has(mark)
    },
    /** Marks withheld now (tests, leak checks). */
    get withheld(): number {
      return withheld.size
    },
    /** The checks' cost so far (benchmarks). */
    stats: (): Readonly<SightStats> & { withheld: number } => ({ ...sight.stats, withheld: withheld.size }),
  }
}

type SightStats = { checks: number; marks: number; ms: number }
type SightChecks = ReturnType<typeof createSightChecks>

/** The check itself: which marks the agent sees (painted and looked up), and which are withheld. */
function createSightChecks(deps: SightGateDeps) {
  /** Near the viewport, not seen: in the order they were last checked. */
  const withheld = new Set<Mark>()
  /** Of those, the ones withheld only because they are outside the viewport, where nothing can be hit-tested. */
  const unsure = new Set<Mark>()
  /** What the checks cost (benchmarks): how many, over how many marks, in how many ms of main thread. */
  const stats: SightStats = { checks: 0, marks: 0, ms: 0 }

  function check(marks: Iterable<Mark>): void {
    const startedAt = performance.now()
    const pass = sightPass(deps.doc)
    const seen: Mark[] = []
    const schemes = { light: 0, dark: 0 }
    for (const mark of marks) {
      stats.marks++
      withheld.delete(mark)
      unsure.delete(mark)
      const el = deps.elementOf(mark)
      const sight = el ? seesText(pass, el, { rects: () => deps.rectsOf(mark), holds: (node) => deps.holds(mark, node) }) : 'seen'
      const bg = sight === 'seen' && el && pass.backdrop(el)
      if (bg) schemes[schemeOf(bg)]++
      if (sight === 'seen') seen.push(mark)
      else {
        withheld.add(mark)
        // Unsure: near but outside the viewport; painted, looked up once it is in view.
        if (sight === 'unsure') {
          unsure.add(mark)
          deps.paint(mark)
        } else deps.unpaint(mark)
      }
    }
    stats.checks++
    stats.ms += performance.now() - startedAt
    if (schemes.light + schemes.dark > 0) deps.scheme?.(schemes.dark > schemes.light ? 'dark' : 'light')
    seen.forEach(deps.paint)
    if (seen.length > 0) deps.request(seen)
  }

  /** The withheld marks, but those still outside the viewport only: checking them again would say the same (their lines cost less than a check). */
  function dueForCheck(): Mark[] {
    const view = deps.doc.defaultView
    const viewport: Box = { left: 0, top: 0, right: view?.innerWidth ?? Infinity, bottom: view?.innerHeight ?? Infinity }
    return [...withheld].filter((mark) => !unsure.has(mark) || [...deps.rectsOf(mark)].some((line) => intersect(line, viewport)))
  }

  return { withheld, unsure, stats, check, dueForCheck }
}

/**
 * Checks again after a change, RECHECK_AFTER_MS apart, RECHECK_AT_MOST marks each, as many as it takes
 * for each mark withheld at the change to be checked once (a mark scrolled into view among many must
 * not wait for the next scroll). Returns what a change calls.
 */
function createRechecks(deps: Pick<SightGateDeps, 'setTimer'>, sight: SightChecks): () => void {
  let due = false
  let owed = 0

  function schedule(): void {
    if (due || owed === 0 || sight.withheld.size === 0) return
    due = true
    deps.setTimer(() => {
      due = false
      owed--
      const marks = sight.dueForCheck()
      if (marks.length > 0) sight.check(marks.slice(0, RECHECK_AT_MOST))
      schedule()
    }, RECHECK_AFTER_MS)
  }

  return () => {
    owed = Math.ceil(sight.withheld.size / RECHECK_AT_MOST)
    schedule()
  }
}

/** Scrolls anywhere, and the ends of transitions and animations, in capture on the document (passive: the page's own handling is untouched). Returns a stop. */
export function followMoves(doc: Document, moved: () => void): () => void {
  const stop = new AbortController()
  for (const type of ['scroll', 'transitionend', 'animationend'])
    doc.addEventListener(type, moved, { capture: true, passive: true, signal: stop.signal })
  return () => stop.abort()
}
