import type { IdMatch } from '@idv-lens/shared/ids'
import { canonicalId, DASHBOARD_HOSTS, mayContainIds, scanIds } from './id-scan.ts'
import type { PageId } from '../../lib/messages.ts'
import { dashboardLinkOf, isInline, isInsideSkipped, isSkipped, linkStandsForId, NOT_INLINE } from './text-runs.ts'

export type EarlyCountOptions = {
  maxIds: number
  maxChars: number
  /** The most one task of ours takes while the page parses (a task of its own, never the parser's). */
  sliceMs: number
  setTimer?: (run: () => void, ms: number) => unknown
  now?: () => number
}

/** The links dashboardLinkOf reads (an href naming a dashboard host, in any case). */
const MAY_BE_DASHBOARD_LINK = DASHBOARD_HOSTS.map((host) => `a[href*="${host}" i]`).join()
/** Text nodes between two looks at the clock. */
const NODES_PER_CHECK = 256
/** How soon to look again when the parser had added nothing to read. */
const IDLE_MS = 20

/** A text node holding matches, as it read when it was counted. */
type Hit = { text: Text; data: string; matches: IdMatch[] }

/**
 * The badge's count while the page parses: tasks of our own (never the parser's, nor the task holding
 * DOMContentLoaded but for the last chunk's text) read each finished text node's IDs; `finish()` at
 * DOMContentLoaded reads the rest and keeps the IDs whose text still reads the same, outside skipped
 * elements, and, for one at the edge of its node, still a whole token beside its neighbour's text; then
 * adds dashboard links. An ID split over inline elements is left to the scan: the count is never more.
 */
export function countWhileParsing(doc: Document, options: EarlyCountOptions) {
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms))
  const [read, take] = createTextReader(doc, options)
  let finished = false

  function step(): void {
    if (finished || doc.readyState !== 'loading') return
    setTimer(step, read(options.sliceMs, false) ? 0 : IDLE_MS)
  }
  setTimer(step, 0)

  return {
    /** Stops reading (the frame is not to be scanned). */
    stop(): void {
      finished = true
    },
    /** Stops; the IDs the page's text holds now (null: more text than the scan reads, or no body). */
    finish(): PageId[] | null {
      finished = true
      const body = doc.body
      if (!body || isInsideSkipped(body)) return null
      read(Number.POSITIVE_INFINITY, true)
      // Nothing of the page is kept past the count.
      const hits = take()
      return hits && idsHeld(body, hits, options.maxIds)
    },
  }
}

/**
 * The reader of the page's finished text nodes, in tasks of its own (see countWhileParsing), and
 * the taker of what it found: the hits, or null past `maxChars` (the reader forgets them then).
 */
function createTextReader(doc: Document, options: EarlyCountOptions) {
  const now = options.now ?? (() => performance.now())
  let walker: TreeWalker | null = null
  let hits: Hit[] = []
  let chars = 0

  /** Reads finished text nodes until `maxMs` passed; all of them when `toEnd`. Returns whether it read any. */
  function read(maxMs: number, toEnd: boolean): boolean {
    const body = doc.body
    if (!body || chars > options.maxChars) return false
    if (!walker || walker.root !== body || (walker.currentNode !== body && !body.contains(walker.currentNode))) {
      // First read, a new body, or the page removed the node the walk stood on: from the start.
      walker = doc.createTreeWalker(body, NodeFilter.SHOW_TEXT)
      hits = []
      chars = 0
    }
    // The page's last node may still grow while the parser runs.
    let last: Node = body
    if (!toEnd) while (last.lastChild) last = last.lastChild
    const start = now()
    let read = false
    for (;;) {
      for (let n = 0; n < NODES_PER_CHECK; n++) {
        const at = walker.currentNode
        const text = walker.nextNode() as Text | null
        if (!text) return read
        if (text === last) {
          walker.currentNode = at
          return read
        }
        read = true
        const data = text.data
        chars += data.length
        if (mayContainIds(data)) {
          const matches = scanIds(data)
          if (matches.length > 0) hits.push({ text, data, matches })
        }
      }
      if (chars > options.maxChars || now() - start >= maxMs) return read
    }
  }

  const take = (): Hit[] | null => {
    const held = chars > options.maxChars ? null : hits
    hits = []
    walker = null
    return held
  }
  return [read, take] as const
}

/** The distinct IDs of `hits` that still hold, then the dashboard links', at most `maxIds`. */
function idsHeld(body: HTMLElement, hits: readonly Hit[], maxIds: number): PageId[] {
  const found = new Map<string, PageId>()
  const add = (id: string, kind: PageId['kind']) => {
    const key = canonicalId(id, kind)
    if (found.size < maxIds && !found.has(key)) found.set(key, { id, kind })
  }
  for (const hit of hits) for (const m of stillHolds(body, hit)) add(m.value, m.kind)
  for (const a of body.querySelectorAll(MAY_BE_DASHBOARD_LINK)) {
    const link = dashboardLinkOf(a)
    if (link && linkStandsForId(link) && !isInsideSkipped(a)) add(link.ref.id, link.ref.kind)
  }
  return [...found.values()]
}

/** The hit's matches that still hold in the page as it is now (see countWhileParsing). */
function stillHolds(body: HTMLElement, { text, data, matches }: Hit): IdMatch[] {
  if (text.data !== data || !body.contains(text) || isInsideSkipped(text)) return []
  const edges = matches.filter((m) => m.index === 0 || m.index + m.length === data.length)
  if (edges.length === 0) return matches
  // Its run's text on either side (a few characters: the token rule looks at one, or at an escape's three).
  const before = neighbour(text, -1)
  const after = neighbour(text, 1)
  if (before === null || after === null) return matches.filter((m) => !edges.includes(m))
  const seen = new Set(scanIds(before + data + after).map((m) => m.index - before.length))
  return matches.filter((m) => seen.has(m.index))
}

/**
 * The text next to `node` in its run ('' at the run's edge), up to three characters; null when an
 * inline neighbour holds a break (the run is not worth working out here).
 */
function neighbour(node: Node, dir: -1 | 1): string | null {
  let at: Node = node
  for (;;) {
    const next: Node | null = dir < 0 ? at.previousSibling : at.nextSibling
    if (!next) {
      const parent = at.parentElement
      if (!parent || !isInline(parent)) return ''
      at = parent
      continue
    }
    at = next
    if (next.nodeType === 1) {
      const el = next as Element
      if (!isInline(el) || isSkipped(el)) return ''
      if (el.querySelector(NOT_INLINE)) return null
    } else if (next.nodeType !== 3) continue
    const value = next.textContent ?? ''
    if (value) return dir < 0 ? value.slice(-3) : value.slice(0, 3)
  }
}
