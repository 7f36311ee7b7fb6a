import { edgeTokensMayHoldIds, mayContainIds, scanIds } from '@idv-lens/shared/ids'
import type { PageId as ReportedId } from '../../lib/messages.ts'
import { idKey } from '../marks/mark-store.ts'
import { scanInWindows, WINDOW } from './run-matches.ts'
import { dashboardLinksIn, isInsideSkipped, isWholeRun, linkStandsForId, runScope, textsInOrder, walkTextRuns, type DashboardLink, type FiledLink } from './text-runs.ts'

export type IdCountOptions = {
  /** Bare UUIDs count (the same flag the scan uses). */
  uuids: boolean
  /** The mark store's cap on distinct IDs: past it, the scan ignores new IDs, and so does the count. */
  maxIds: number
  /** The scan's text budget for one window: text past it waits in the scan, so it is not counted here. */
  maxChars: number
  now?: () => number
}

/** The walk over one root: its texts, its dashboard links (each filed with the text it precedes), the block walked last. */
type WalkState = {
  root: Node
  texts: TreeWalker
  links: FiledLink[]
  nextLink: number
  walked: Node | null
}

/** Why an ID counted while the page was parsing: a text that decides it alone (and what it said), or the block whose walk found it. */
type Evidence = { text: Text; data: string } | { block: Node }

/** Text nodes looked at between two looks at the clock. */
const NODES_PER_CHECK = 512
/** The same while parsing: a chunk's count shares the parser's task, so it keeps closer to its limit. */
const NODES_PER_CHECK_PARSING = 128

/**
 * The distinct IDs under `root` by the page scanner's rules, without ranges, marks or paint: the badge
 * gets its count in one short task at DOMContentLoaded while the sliced scan makes the marks. Only blocks
 * holding a character every ID holds (mayContainIds) or a dashboard link are walked, so it counts a
 * subset of what the scan marks, never an ID the scan would not. `step(maxMs)` counts until done (true)
 * or out of time (false); `stepWhileParsing(maxMs)` counts only what the parser has finished, and the
 * next `step` checks those IDs again, since a page script may change them before DOMContentLoaded.
 */
export function createIdCount(root: Node, options: IdCountOptions) {
  const now = options.now ?? (() => performance.now())
  const found = new Map<string, ReportedId>()
  const scanOptions = { uuids: options.uuids }
  // Roots in the scanner's order: the page, then each open shadow root met in a block walked.
  const roots: Node[] = [root]
  let current: WalkState | null = null
  /** Text before the node the walker stands on (every text node's, skipped or not). */
  let chars = 0
  let done = false
  /** Counted while the page was parsing (evidence kept for each ID); checked once by the first `step`. */
  let parsed = false
  let settled = false
  /** While parsing: why each ID counts (its text and what it said, or the block whose walk found it). */
  const evidence = new Map<string, Evidence>()
  let because: Evidence | null = null

  function add(id: string, kind: ReportedId['kind']): void {
    const key = idKey(id, kind)
    if (found.has(key) || found.size >= options.maxIds) return
    found.set(key, { id, kind })
    if (because) evidence.set(key, because)
  }

  function addLink(link: DashboardLink): void {
    if (linkStandsForId(link)) add(link.ref.id, link.ref.kind)
  }

  function countRun(text: string, links: readonly DashboardLink[], before: number): void {
    // The scanner's text budget: a run past it waits in the scan (for a later window), so it is not
    // counted here. `before` is at least what the scanner has read before this run (all text so far,
    // skipped elements' too), so what is counted here the scanner reads now. Like the scanner, the
    // first run is read even when it is longer than the whole budget.
    if (before > 0 && before + text.length > options.maxChars) return
    if (text.length <= WINDOW) {
      // scanInWindows yields one scanIds for such a text; called directly, there is no generator per run.
      for (const m of scanIds(text, scanOptions)) add(m.value, m.kind)
    } else if (mayContainIds(text, scanOptions)) {
      for (const matches of scanInWindows(text, options.uuids)) for (const m of matches) add(m.value, m.kind)
    }
    for (const link of links) addLink(link)
  }

  // isInsideSkipped, remembered per element: thousands of blocks share the same few ancestors.
  const skippedMemo = new Map<Node, boolean>()
  const insideSkipped = (node: Node) => isInsideSkipped(node, skippedMemo)

  /**
   * The IDs of a text that decides them alone. Whether it lies inside a skipped element is asked
   * only when it holds one: most texts with an '_' hold none (snake_case, decoys), and the look up
   * its ancestors would cost more than the rest of the count.
   */
  function countText(text: Text, data: string): void {
    if (chars > 0 && chars + data.length > options.maxChars) return
    const matches = data.length <= WINDOW ? scanIds(data, scanOptions) : [...scanInWindows(data, options.uuids)].flat()
    if (matches.length === 0 || insideSkipped(text)) return
    if (parsed && !settled) because = { text, data }
    for (const m of matches) add(m.value, m.kind)
    because = null
  }

  /** Walks the block around `node` into runs, as the scanner does, unless a block walked just before holds it. */
  function countAround(node: Node): void {
    const state = current!
    const scope = runScope(node, state.root)
    if (state.walked && (state.walked === scope || state.walked.contains(scope))) return
    state.walked = scope
    if (insideSkipped(scope)) return
    if (parsed && !settled) because = { block: scope }
    let before = chars
    for (const item of walkTextRuns(scope, { nodesPerPause: Number.MAX_SAFE_INTEGER })) {
      if (item === 'pause') continue
      if ('run' in item) {
        countRun(item.run.text, item.run.links, before)
        before += item.run.text.length
      }
      else if ('shadow' in item) roots.push(item.shadow)
      else addLink(item.link)
    }
    because = null
  }

  /** Counts the links filed with `text` (null: the end of the root). */
  function countLinksAt(text: Node | null): void {
    const state = current!
    for (let next = state.links[state.nextLink]; next && (next.at === text || text === null); next = state.links[state.nextLink]) {
      state.nextLink++
      countAround(next.link)
    }
  }

  /** The keys of the IDs the scanner's rules find in `block` now (nothing if it left the page or is skipped). */
  function keysIn(block: Node): Set<string> {
    const keys = new Set<string>()
    if (!block.isConnected || !root.contains(block) || isInsideSkipped(block)) return keys
    const link = (link: DashboardLink) => {
      if (linkStandsForId(link)) keys.add(idKey(link.ref.id, link.ref.kind))
    }
    for (const item of walkTextRuns(block, { nodesPerPause: Number.MAX_SAFE_INTEGER })) {
      if (item === 'pause' || 'shadow' in item) continue
      if ('link' in item) {
        link(item.link)
        continue
      }
      for (const matches of scanInWindows(item.run.text, options.uuids)) for (const m of matches) keys.add(idKey(m.value, m.kind))
      for (const l of item.run.links) link(l)
    }
    return keys
  }

  /** Whether what made an ID count while the page was parsing still holds, judged on the page as it is now. */
  function stillHolds(key: string, why: Evidence, blocks: Map<Node, Set<string>>): boolean {
    let block: Node
    if ('text' in why) {
      const { text, data } = why
      if (!text.isConnected || text.data !== data || !root.contains(text)) return false
      if (!isInsideSkipped(text) && (!edgeTokensMayHoldIds(data, scanOptions) || isWholeRun(text))) return true
      // Its neighbours changed (a sibling came or went): its block decides.
      block = runScope(text, root)
    } else block = why.block
    let keys = blocks.get(block)
    if (!keys) blocks.set(block, (keys = keysIn(block)))
    return keys.has(key)
  }

  /**
   * The first step after parsing: page scripts may have changed what was counted while the parser
   * ran, so every such ID is checked again, and dropped unless it still holds. Dashboard links were
   * left for now: those before the walker are counted at once, the rest in reading order.
   */
  function settle(): void {
    settled = true
    const state = current
    if (!parsed || !state) return
    const position = state.texts.currentNode
    if (!root.isConnected || (position !== root && !root.contains(position))) {
      // The walk lost its place: count the page afresh, as if it had not been parsing.
      found.clear()
      evidence.clear()
      chars = 0
      current = null
      roots.splice(0, roots.length, root)
      return
    }
    // Attributes may have changed since (a page script hid a block or made it editable).
    skippedMemo.clear()
    const blocks = new Map<Node, Set<string>>()
    for (const [key, why] of evidence) if (!stillHolds(key, why, blocks)) found.delete(key)
    evidence.clear()
    const later: typeof state.links = []
    for (const link of dashboardLinksIn(root)) {
      const passed = position !== root && link.at !== null && (link.at === position || (position.compareDocumentPosition(link.at) & Node.DOCUMENT_POSITION_PRECEDING) !== 0)
      if (passed) countAround(link.link)
      else later.push(link)
    }
    state.links = later
  }

  /** A walk over `node`'s texts, in document order. */
  function walkOver(node: Node, links: WalkState['links']): WalkState {
    return { root: node, texts: textsInOrder(node), links, nextLink: 0, walked: null }
  }

  /**
   * Counts what the parser has finished, for at most about `maxMs`: every text before the last node
   * of the page (which may still grow) whose IDs it can judge now. It stops at the first text whose
   * run lies in a block still open (the parser may add to it), and goes on from there next time.
   * Dashboard links wait for the first `step`. Past half the text budget it leaves the rest to `step`.
   */
  function stepWhileParsing(maxMs: number): void {
    if (settled || done || chars > options.maxChars / 2 || found.size >= options.maxIds || !root.isConnected) return
    parsed = true
    const start = now()
    if (!current) {
      roots.shift()
      current = walkOver(root, [])
    }
    const state = current
    let passed = state.texts.currentNode
    // A page script removed the text we stood on: the walk lost its place (the first `step` starts over).
    if (passed !== root && !root.contains(passed)) return
    let last: Node = root
    while (last.lastChild) last = last.lastChild
    for (;;) {
      for (let n = 0; n < NODES_PER_CHECK_PARSING; n++) {
        const text = state.texts.nextNode() as Text | null
        if (!text) return
        if (text === last || !countFinished(text, last)) {
          // From here next time (the parser will have added to it).
          state.texts.currentNode = passed
          return
        }
        passed = text
      }
      if (found.size >= options.maxIds || now() - start >= maxMs) return
    }
  }

  /** One text while parsing: false (nothing done) when its run lies in a block the parser may still add to. */
  function countFinished(text: Text, last: Node): boolean {
    const data = text.data
    if (mayContainIds(data, scanOptions)) {
      // A text that is not the page's last node is complete; one with no next sibling then sits in a
      // closed element (every open element holds the last node), so isWholeRun holds for good.
      if (!edgeTokensMayHoldIds(data, scanOptions) || isWholeRun(text)) countText(text, data)
      else if (runScope(text, root).contains(last)) return false
      else countAround(text)
    }
    chars += data.length
    return true
  }

  function step(maxMs: number): boolean {
    if (!settled) settle()
    const start = now()
    while (!done) {
      if (!current) {
        const next = roots.shift()
        if (!next) {
          done = true
          break
        }
        if (!next.isConnected || insideSkipped(next)) continue
        current = walkOver(next, dashboardLinksIn(next))
      }
      const state = current
      for (let n = 0; n < NODES_PER_CHECK; n++) {
        const text = state.texts.nextNode() as Text | null
        // A link comes before the text filed with it, so IDs come out in reading order.
        if (state.nextLink < state.links.length) countLinksAt(text)
        if (!text) {
          current = null
          break
        }
        const data = text.data
        if (mayContainIds(data, scanOptions)) {
          // This text alone decides the IDs whose '_' (or a UUID's '-') it holds when no such
          // character sits in a token touching either end of it: then neither an ID nor the token
          // rule's look at its neighbours reaches into the next or previous text of its run. That is
          // most of a ticket's text, and it needs no look at the page's structure at all.
          if (!edgeTokensMayHoldIds(data, scanOptions) || isWholeRun(text)) countText(text, data)
          else countAround(text)
        }
        chars += data.length
      }
      if (found.size >= options.maxIds) done = true
      else if (now() - start >= maxMs) return done
    }
    return true
  }

  return {
    step,
    stepWhileParsing,
    /** The element counted (the page's body when the count began). */
    root,
    get done() {
      return done
    },
    /** The distinct IDs counted so far, first seen first. */
    ids: (): ReportedId[] => [...found.values()],
    get size() {
      return found.size
    },
    /** The text walked so far (UTF-16 units). */
    get chars() {
      return chars
    },
  }
}

export type IdCount = ReturnType<typeof createIdCount>
