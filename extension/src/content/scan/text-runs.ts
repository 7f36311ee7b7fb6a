import type { IdRef } from '@idv-lens/shared/ids'
import { DASHBOARD_HOSTS, idFromDashboardUrl } from './id-scan.ts'
import { UI_TAG } from '../ui-tag.ts'

/** A link whose `href` is a vendor dashboard deep link: the agent pasted "View inquiry" style links. */
export type DashboardLink = { link: Element; ref: IdRef }

/**
 * A stretch of text a reader sees as one piece: consecutive text nodes inside one block, joined.
 * `inq_<wbr>…` or `<b>inq_</b>…` is one ID on screen, so matching runs the scanner over the run,
 * not over each text node. `starts[i]` is where `nodes[i]` begins in `text`; `links` are the
 * dashboard links that start inside the run, `at` where in `text` (to keep reading order).
 */
export type TextRun = { text: string; nodes: Text[]; starts: readonly number[]; links: readonly (DashboardLink & { at: number })[] }

/** `shadow`: an open shadow root met on the way; walked as a root of its own (runs never cross into it). */
export type WalkItem = { run: TextRun } | { link: DashboardLink } | { shadow: ShadowRoot } | 'pause'

/*
Never scanned, with their subtrees: code and styles (not text), form controls and editors (what the
agent is typing, and marks there would fight the editor), embedded documents, and our own UI.
`pre` and `code` are NOT here: IDs in code blocks count.
*/
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'textarea',
  'input',
  'select',
  'option',
  'optgroup',
  'datalist',
  'iframe',
  'frame',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'svg',
  'math',
  UI_TAG,
])

/*
Elements that do not break a line, so text on both sides reads as one. Anything else (block
elements, <br>, <img>, buttons, custom elements) ends a run: joining across it could glue two
unrelated strings into a false ID. Unknown elements are treated as breaks, the safe side.
*/
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'nobr',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
])

/** True for elements whose subtree is never scanned. Attribute reads only: no style or layout. */
export function isSkipped(el: Element): boolean {
  return isSkippedNamed(el, el.localName)
}

/** isSkipped with the tag name already read (the walk reads it once per element: it is not free). */
function isSkippedNamed(el: Element, name: string): boolean {
  if (SKIPPED_TAGS.has(name)) return true
  // Most elements of a ticket carry no attributes at all; hasAttributes() is the cheap way out.
  if (!el.hasAttributes()) return false
  // isContentEditable would be simpler but makes Chrome recalculate style; the attribute is enough
  // because an editable region's descendants are skipped with it.
  const editable = el.getAttribute('contenteditable')
  if (editable !== null && editable.toLowerCase() !== 'false') return true
  if (el.getAttribute('role') === 'textbox') return true
  const hidden = el.getAttribute('hidden')
  return hidden !== null && hidden !== 'until-found'
}

/** True when `node` is inside (or is) a skipped element, up to the document. */
export function isInsideSkipped(node: Node): boolean {
  const parent = node.parentElement
  return (node.nodeType === 1 && isSkipped(node as Element)) || (parent ? isInsideSkipped(parent) : node.ownerDocument?.designMode === 'on')
}

export const isInline = (el: Element) => INLINE_TAGS.has(el.localName)

/** Any element that ends a run when met inside an inline one (a block, a skipped element). */
export const NOT_INLINE = `:not(${[...INLINE_TAGS].join()})`

/** The selector's test, for an `href` in hand: it names a dashboard host, in any case. */
const NAMES_DASHBOARD_HOST = new RegExp(DASHBOARD_HOSTS.map((host) => host.replaceAll('.', '\\.')).join('|'), 'i')

/**
 * Whether a dashboard link stands for its ID: not when its text already shows it ("See inq_…
 * (https://app.withpersona.com/…/inq_…)"), where the text's ID is the one that counts.
 */
export const linkStandsForId = ({ link, ref }: DashboardLink): boolean => !(link.textContent ?? '').includes(ref.id)

/** Only links that mention a vendor host are worth parsing (`el` is an <a>). */
export function dashboardLinkOf(el: Element): DashboardLink | null {
  const href = el.getAttribute('href')
  if (!href || !NAMES_DASHBOARD_HOST.test(href)) return null
  const ref = idFromDashboardUrl((el as HTMLAnchorElement).href || href)
  return ref ? { link: el, ref } : null
}

export type WalkOptions = {
  /** Nodes visited between two 'pause' items, so a caller can check its time budget. */
  nodesPerPause?: number
  /**
   * A count that changes whenever the page may have run since it was last read (the slicer's
   * slices). Without it, every resume checks that the walk still stands inside `root`.
   */
  turn?: () => number
  /**
   * Offered each block inside the root (never the root, nor an inline element): true when the caller
   * read its text whole (a block with text only: most paragraphs of a ticket) and found nothing to
   * mark, so the walk does not visit its nodes (each node we touch gets a wrapper in our world).
   */
  readLeaf?: (block: Element) => boolean
}

/**
 * Walks `root` in document order and yields its text runs and dashboard links, with a 'pause'
 * every few hundred nodes. The caller may suspend at any item; if `root` changed meanwhile so that
 * the walk lost its place, the walk ends early and returns false (the caller rescans `root`).
 */
export function walkTextRuns(root: Node, options: WalkOptions = {}): Generator<WalkItem, boolean> {
  // No generator of its own around the walk: each item would pass through two generators.
  return root.nodeType === 3
    ? textRoot(root as Text)
    : walkTree(root, options.nodesPerPause ?? 200, placeCheck(root, options.turn), options.readLeaf)
}

/**
 * Whether the walk still stands inside `root`, asked after each resume. Only the page's scripts move
 * its nodes, and they run between turns: within one the answer stands, and each `contains` is a call
 * into the browser (the walk asked after every block). Without a turn (NaN is never equal to itself),
 * every resume asks.
 */
function placeCheck(root: Node, turn = () => NaN): (at: Node) => boolean {
  let checked = turn()
  return (at) => checked === (checked = turn()) || root.contains(at)
}

/** A text node as the root: its own run. */
function* textRoot(text: Text): Generator<WalkItem, boolean> {
  const b = emptyRun()
  addText(b, text)
  const run = takeRun(b)
  if (run) yield { run }
  return true
}

/** walkTextRuns' walk under an element or document `root`: false when it lost its place. */
function* walkTree(
  root: Node,
  nodesPerPause: number,
  inPlace: (at: Node) => boolean,
  readLeaf?: (block: Element) => boolean,
): Generator<WalkItem, boolean> {
  const b = emptyRun()
  // A web component may be the root itself (the page appended it as one node): its text is in its shadow root.
  const ownShadow = root.nodeType === 1 ? (root as Element).shadowRoot : null
  if (ownShadow) yield { shadow: ownShadow }
  const at: Cursor = { node: root.firstChild, ancestors: [] }
  let visited = 0
  for (let node = at.node; node; node = at.node) {
    // Set after every yield: the caller may have let the page run, so our position needs a check.
    let resumed = false
    let child: Node | null = null
    let inline = true
    const type = node.nodeType // read once: each property read is a call into the browser
    if (type === 3) {
      addText(b, node as Text)
    } else if (type === 1) {
      const el = node as Element
      const name = el.localName
      const skipped = isSkippedNamed(el, name)
      inline = INLINE_TAGS.has(name)
      if (skipped || !inline) {
        for (let item = endOfRun(b); item; item = endOfRun(b)) yield item
        resumed = true
      }
      if (!skipped) {
        if (name === 'a') addLink(b, el)
        child = !inline && readLeaf?.(el) ? null : el.firstChild
        // Web components keep their text in a shadow root: an open one (the page's own choice) is read too.
        const shadow = el.shadowRoot
        if (shadow) {
          yield { shadow }
          resumed = true
        }
      }
    }
    if (++visited % nodesPerPause === 0) {
      yield 'pause'
      resumed = true
    }
    // The page may have moved or removed the node we stand on while we were suspended.
    if (resumed && !inPlace(node)) return false
    if (child) {
      at.ancestors.push(inline)
      at.node = child
      continue
    }
    for (let leaving = inline; !leave(at, root, b, leaving); leaving = false) {
      for (let item = endOfRun(b); item; item = endOfRun(b)) yield item
      if (!inPlace(at.node!)) return false
    }
  }
  for (let item = endOfRun(b); item; item = endOfRun(b)) yield item
  return true
}

/**
 * Where the walk stands: the node, and whether each element above it (below the root) is inline,
 * innermost last. Leaving one needs that again, and reading a tag name is a call into the browser.
 */
type Cursor = { node: Node | null; ancestors: boolean[] }

/**
 * Leaves `at.node` (`inline` or a block), whose subtree is done, and every ancestor it finishes, up
 * to the next node to enter (null past the root's last). Leaving a block ends the run: with one
 * gathered, it stops on that block (false), for the caller to yield the run and call again.
 */
function leave(at: Cursor, root: Node, b: RunInProgress, inline: boolean): boolean {
  let node = at.node
  while (node && node !== root) {
    if (!inline && (b.nodes.length > 0 || b.links.length > 0)) {
      at.node = node
      return false
    }
    const next = node.nextSibling
    if (next) {
      at.node = next
      return true
    }
    node = node.parentNode
    inline = at.ancestors.pop() ?? true
  }
  at.node = null
  return true
}

/** A dashboard link (`el` is an <a>) joins the run that holds its text. */
function addLink(b: RunInProgress, el: Element): void {
  const link = dashboardLinkOf(el)
  if (link) b.links.push({ ...link, at: b.length })
}

/**
 * The run being gathered: its text nodes, their texts and where each starts, and the links whose
 * text it holds. Plain arrays: the one-node runs that once made most of a big ticket's garbage are
 * now mostly blocks read whole (WalkOptions.readLeaf).
 */
type RunInProgress = {
  nodes: Text[]
  parts: string[]
  starts: number[]
  length: number
  /** Links travel with the run holding their text, so IDs come out in reading order. */
  links: (DashboardLink & { at: number })[]
}

function emptyRun(): RunInProgress {
  return { nodes: [], parts: [], starts: [], length: 0, links: [] }
}

function addText(b: RunInProgress, t: Text): void {
  const data = t.data
  if (data.length === 0) return
  b.nodes.push(t)
  b.parts.push(data)
  b.starts.push(b.length)
  b.length += data.length
}

/** Shared by the runs without links (nothing writes to a run's arrays). */
const NO_LINKS: TextRun['links'] = []

/** The run gathered so far (null: no text), and a fresh start for the next. */
function takeRun(b: RunInProgress): TextRun | null {
  const { nodes, parts, starts, links } = b
  if (nodes.length === 0) return null
  Object.assign(b, emptyRun())
  return { text: parts.length === 1 ? parts[0]! : parts.join(''), nodes, starts, links: links.length > 0 ? links : NO_LINKS }
}

/**
 * What ends the run gathered so far, one item a call: the run (its links travel with it), else each
 * link left without text (an image link) on its own; then null.
 */
function endOfRun(b: RunInProgress): WalkItem | null {
  const run = takeRun(b)
  if (run) return { run }
  const stray = b.links.shift()
  return stray ? { link: { link: stray.link, ref: stray.ref } } : null
}

/**
 * The element whose runs a change inside `node` can affect: its nearest non-inline ancestor.
 * `node` itself when it is a block, or when the nearest block is the whole document body (a
 * change there must not cost a rescan of the page).
 */
export function blockAround(node: Node): Node {
  if (node.nodeType === 1 && !isInline(node as Element)) return node
  for (let el = node.parentElement; el; el = el.parentElement) {
    if (isInline(el)) continue
    const doc = el.ownerDocument
    return el === doc.body || el === doc.documentElement ? node : el
  }
  return node
}
