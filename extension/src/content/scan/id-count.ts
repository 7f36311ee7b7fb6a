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

/** Text nodes looked at between two looks at the clock. */
const NODES_PER_CHECK = 512

/**
 * The distinct IDs under `root` by the page scanner's rules, without ranges, marks or paint: the badge
 * gets its count in short slices while the sliced scan makes the marks. Only blocks
 * holding a character every ID holds (mayContainIds) or a dashboard link are walked, so it counts a
 * subset of what the scan marks, never an ID the scan would not. `step(maxMs)` counts until done (true)
 * or out of time (false).
 */
export function createIdCount(root: Node, options: IdCountOptions) {
  const now = options.now ?? (() => performance.now())
  const scanOptions = { uuids: options.uuids }
  // Roots in the scanner's order: the page, then each open shadow root met in a block walked.
  const roots: Node[] = [root]
  const tally = createIdTally(options, roots)
  const { found } = tally
  let current: WalkState | null = null
  /** Text before the node the walker stands on (every text node's, skipped or not). */
  let chars = 0
  let done = false

  function step(maxMs: number): boolean {
    const start = now()
    while (!done) {
      if (!current) {
        const next = roots.shift()
        if (!next) {
          done = true
          break
        }
        if (!next.isConnected || tally.insideSkipped(next)) continue
        current = walkOver(next, dashboardLinksIn(next))
      }
      const state = current
      for (let n = 0; n < NODES_PER_CHECK; n++) {
        const text = state.texts.nextNode() as Text | null
        // A link comes before the text filed with it, so IDs come out in reading order.
        if (state.nextLink < state.links.length) tally.countLinksAt(state, text, chars)
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
          if (!edgeTokensMayHoldIds(data, scanOptions) || isWholeRun(text)) tally.countText(text, data, chars)
          else tally.countAround(state, text, chars)
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

/** A walk over `node`'s texts, in document order. */
function walkOver(node: Node, links: WalkState['links']): WalkState {
  return { root: node, texts: textsInOrder(node), links, nextLink: 0, walked: null }
}

/**
 * The distinct IDs found, and how texts, runs and links add to them by the scanner's rules; `chars`
 * is the text before the one counted. Open shadow roots met in a block walked join `roots`.
 */
function createIdTally(options: IdCountOptions, roots: Node[]) {
  const found = new Map<string, ReportedId>()
  const scanOptions = { uuids: options.uuids }

  function add(id: string, kind: ReportedId['kind']): void {
    const key = idKey(id, kind)
    if (found.has(key) || found.size >= options.maxIds) return
    found.set(key, { id, kind })
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
  function countText(text: Text, data: string, chars: number): void {
    if (chars > 0 && chars + data.length > options.maxChars) return
    const matches = data.length <= WINDOW ? scanIds(data, scanOptions) : [...scanInWindows(data, options.uuids)].flat()
    if (matches.length === 0 || insideSkipped(text)) return
    for (const m of matches) add(m.value, m.kind)
  }

  /** Walks the block around `node` into runs, as the scanner does, unless a block walked just before holds it. */
  function countAround(state: WalkState, node: Node, chars: number): void {
    const scope = runScope(node, state.root)
    if (state.walked && (state.walked === scope || state.walked.contains(scope))) return
    state.walked = scope
    if (insideSkipped(scope)) return
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
  }

  /** Counts the links filed with `text` (null: the end of the root). */
  function countLinksAt(state: WalkState, text: Node | null, chars: number): void {
    for (let next = state.links[state.nextLink]; next && (next.at === text || text === null); next = state.links[state.nextLink]) {
      state.nextLink++
      countAround(state, next.link, chars)
    }
  }

  return { found, insideSkipped, countText, countAround, countLinksAt }
}
