import { mayContainIds, scanIds } from '@idv-lens/shared/ids'
import type { PageId as ReportedId } from '../lib/messages.ts'
import { idKey } from './mark-store.ts'
import { scanInWindows, WINDOW } from './run-matches.ts'
import { DASHBOARD_LINK_SELECTOR, isInline, isSkipped, runScope, walkTextRuns, type DashboardLink } from './text-runs.ts'

export type IdCountOptions = {
  /** Bare UUIDs count (the same flag the scan uses). */
  uuids: boolean
  /** The mark store's cap on distinct IDs: past it, the scan ignores new IDs, and so does the count. */
  maxIds: number
  /** The scan's text budget for one window: text past it waits in the scan, so it is not counted here. */
  maxChars: number
  now?: () => number
}

/** [A-Za-z0-9_-]: what the token rule (shared/ids scan.ts) lets continue an ID, '-' included for UUIDs. */
function isTokenChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45
}

/**
 * Whether the token at the start or the end of `text` holds an ID character: an ID there may go on
 * in the text before or after (`<b>inq_</b>…`), or be judged by a character there (`%2F` + `inq_…`).
 * A text that is one token throughout counts as touching both ends.
 */
export function edgeTokensMayHoldIds(text: string, options: { uuids: boolean }): boolean {
  let head = 0
  while (head < text.length && isTokenChar(text.charCodeAt(head))) head++
  if (head === text.length) return true
  let tail = text.length
  while (tail > head && isTokenChar(text.charCodeAt(tail - 1))) tail--
  return mayContainIds(text.slice(0, head), options) || mayContainIds(text.slice(tail), options)
}

/** A block's only child is a run of its own (the walker, a generator and arrays per block, is not needed to know it). */
function isWholeRun(text: Text): boolean {
  const parent = text.parentElement
  return parent !== null && text.previousSibling === null && text.nextSibling === null && !isInline(parent)
}

/** Text nodes looked at between two looks at the clock. */
const NODES_PER_CHECK = 512

/**
 * The distinct IDs under `root`, by the page scanner's rules (the same walker, ignored elements,
 * ID table and caps) but without ranges, marks or paint: only what the badge needs. A big ticket's
 * badge then comes from one short task at DOMContentLoaded, while the sliced scan (whose slices the
 * browser's first layout of the page can hold back by seconds) makes the marks afterwards.
 *
 * Fast because it reads little: the browser's own TreeWalker lists the text nodes, and only the
 * blocks whose text holds a character every ID holds (mayContainIds: '_', '-' for UUIDs), plus those
 * holding a dashboard link, are walked into runs, exactly as the scanner walks them. An ID's run lies
 * inside one block (runs never cross a non-inline element), and one of its nodes holds that character.
 * What it cannot see cheaply: open shadow roots outside those blocks (the scan finds them; its
 * report adds their IDs). So it counts a subset of what the scan marks, never an ID the scan would not.
 *
 * `step(maxMs)` counts until done (true) or until `maxMs` have passed (false: call again later).
 */
export function createIdCount(root: Node, options: IdCountOptions) {
  const now = options.now ?? (() => performance.now())
  const found = new Map<string, ReportedId>()
  const scanOptions = { uuids: options.uuids }
  const doc = root.ownerDocument ?? (root as Document)
  // Roots in the scanner's order: the page, then each open shadow root met in a block walked.
  const roots: Node[] = [root]
  let current: { root: Node; texts: TreeWalker; links: { link: Element; at: Node | null }[]; nextLink: number; walked: Node | null } | null = null
  /** Text before the node the walker stands on (every text node's, skipped or not). */
  let chars = 0
  let done = false

  function add(id: string, kind: ReportedId['kind']): void {
    const key = idKey(id, kind)
    if (found.has(key) || found.size >= options.maxIds) return
    found.set(key, { id, kind })
  }

  function addLink({ link, ref }: DashboardLink): void {
    // As the scanner: a link whose text already shows the ID is counted (or not) by its text.
    if (!(link.textContent ?? '').includes(ref.id)) add(ref.id, ref.kind)
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
  function insideSkipped(node: Node): boolean {
    const known = skippedMemo.get(node)
    if (known !== undefined) return known
    const parent = node.parentElement
    const skipped = (node.nodeType === 1 && isSkipped(node as Element)) || (parent ? insideSkipped(parent) : doc.designMode === 'on')
    skippedMemo.set(node, skipped)
    return skipped
  }

  /**
   * The IDs of a text that decides them alone. Whether it lies inside a skipped element is asked
   * only when it holds one: most texts with an '_' hold none (snake_case, decoys), and the look up
   * its ancestors would cost more than the rest of the count.
   */
  function countText(text: Text, data: string): void {
    if (chars > 0 && chars + data.length > options.maxChars) return
    const matches = data.length <= WINDOW ? scanIds(data, scanOptions) : [...scanInWindows(data, options.uuids)].flat()
    if (matches.length === 0 || insideSkipped(text)) return
    for (const m of matches) add(m.value, m.kind)
  }

  /** Walks the block around `node` into runs, as the scanner does, unless a block walked just before holds it. */
  function countAround(node: Node): void {
    const state = current!
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

  /**
   * Each dashboard link under `scope` with the first text node at or after it (its own text, or
   * what follows an image link): the walk over the text counts it there, in reading order. In
   * document order, so are those text nodes: the walk compares one node per step, by identity.
   * (compareDocumentPosition per text node would be simpler, but on a ticket of thousands of sibling
   * comments each call walks the sibling list: it cost more than a second.)
   */
  function linksOf(scope: Node): { link: Element; at: Node | null }[] {
    const finder = doc.createTreeWalker(scope, NodeFilter.SHOW_TEXT)
    return [...(scope as ParentNode).querySelectorAll(DASHBOARD_LINK_SELECTOR)].map((link) => {
      finder.currentNode = link
      return { link, at: finder.nextNode() }
    })
  }

  /** Counts the links filed with `text` (null: the end of the root). */
  function countLinksAt(text: Node | null): void {
    const state = current!
    for (let next = state.links[state.nextLink]; next && (next.at === text || text === null); next = state.links[state.nextLink]) {
      state.nextLink++
      countAround(next.link)
    }
  }

  function step(maxMs: number): boolean {
    const start = now()
    while (!done) {
      if (!current) {
        const next = roots.shift()
        if (!next) {
          done = true
          break
        }
        if (!next.isConnected || insideSkipped(next)) continue
        current = { root: next, texts: doc.createTreeWalker(next, NodeFilter.SHOW_TEXT), links: linksOf(next), nextLink: 0, walked: null }
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
    get done() {
      return done
    },
    /** The distinct IDs counted so far, first seen first. */
    ids: (): ReportedId[] => [...found.values()],
    get size() {
      return found.size
    },
  }
}

export type IdCount = ReturnType<typeof createIdCount>
