import { DASHBOARD_HOSTS, idFromDashboardUrl, type IdRef } from '@idv-lens/shared/ids'
import { UI_TAG } from '../ui-tag.ts'

/** A link whose `href` is a vendor dashboard deep link: the agent pasted "View inquiry" style links. */
export type DashboardLink = { link: Element; ref: IdRef }

/**
 * A stretch of text a reader sees as one piece: consecutive text nodes inside one block, joined.
 * `inq_<wbr>…` or `<b>inq_</b>…` is one ID on screen, so matching runs the scanner over the run,
 * not over each text node. `starts[i]` is where `nodes[i]` begins in `text`; `links` are the
 * dashboard links that start inside the run, `at` where in `text` (to keep reading order).
 */
export type TextRun = { text: string; nodes: Text[]; starts: number[]; links: (DashboardLink & { at: number })[] }

/** `shadow`: an open shadow root met on the way; walked as a root of its own (runs never cross into it). */
export type WalkItem = { run: TextRun } | { link: DashboardLink } | { shadow: ShadowRoot } | 'pause'

/*
Never scanned, with their subtrees: code and styles (not text), form controls and editors (what the
agent is typing, and marks there would fight the editor), embedded documents, and our own UI.
`pre` and `code` are NOT here: IDs in code blocks count.
*/
const SKIPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title',
  'textarea', 'input', 'select', 'option', 'optgroup', 'datalist',
  'iframe', 'frame', 'object', 'embed', 'canvas', 'video', 'audio', 'svg', 'math',
  UI_TAG,
])

/*
Elements that do not break a line, so text on both sides reads as one. Anything else (block
elements, <br>, <img>, buttons, custom elements) ends a run: joining across it could glue two
unrelated strings into a false ID. Unknown elements are treated as breaks, the safe side.
*/
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i',
  'ins', 'kbd', 'label', 'mark', 'nobr', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong',
  'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
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

const isInline = (el: Element) => INLINE_TAGS.has(el.localName)

/** The selector's test, for an `href` in hand: it names a dashboard host, in any case. */
const NAMES_DASHBOARD_HOST = new RegExp(DASHBOARD_HOSTS.map((host) => host.replaceAll('.', '\\.')).join('|'), 'i')

/**
 * Whether a dashboard link stands for its ID: not when its text already shows it ("See inq_…
 * (https://app.withpersona.com/…/inq_…)"), where the text's ID is the one that counts.
 */
export const linkStandsForId = ({ link, ref }: DashboardLink): boolean => !(link.textContent ?? '').includes(ref.id)

/** Only links that mention a vendor host are worth parsing (`el` is an <a>). */
function dashboardLinkOf(el: Element): DashboardLink | null {
  const href = el.getAttribute('href')
  if (!href || !NAMES_DASHBOARD_HOST.test(href)) return null
  const ref = idFromDashboardUrl((el as HTMLAnchorElement).href || href)
  return ref ? { link: el, ref } : null
}

export type WalkOptions = {
  /** Nodes visited between two 'pause' items, so a caller can check its time budget. */
  nodesPerPause?: number
}

/**
 * Walks `root` in document order and yields its text runs and dashboard links, with a 'pause'
 * every few hundred nodes. The caller may suspend at any item; if `root` changed meanwhile so that
 * the walk lost its place, the walk ends early and returns false (the caller rescans `root`).
 */
export function* walkTextRuns(root: Node, options: WalkOptions = {}): Generator<WalkItem, boolean> {
  const nodesPerPause = options.nodesPerPause ?? 200
  const b = emptyRun()
  if (root.nodeType === 3) {
    addText(b, root as Text)
    const run = takeRun(b)
    if (run) yield { run }
    return true
  }
  // A web component may be the root itself (the page appended it as one node): its text is in its shadow root.
  const ownShadow = root.nodeType === 1 ? (root as Element).shadowRoot : null
  if (ownShadow) yield { shadow: ownShadow }
  if (!(yield* walkTree(root, b, nodesPerPause))) return false
  const run = takeRun(b)
  if (run) yield { run }
  yield* strayLinks(b)
  return true
}

/** walkTextRuns' walk under `root`, gathering into `b`: false when it lost its place. */
function* walkTree(root: Node, b: RunInProgress, nodesPerPause: number): Generator<WalkItem, boolean> {
  let node: Node | null = root.firstChild
  let visited = 0
  // Set after every yield: the caller may have let the page run, so our position needs a check.
  let resumed = false
  // Whether each element we descended into is inline, innermost last: leaving one needs it again,
  // and reading an element's tag name costs a call into the browser every time.
  const inlineStack: boolean[] = []
  while (node) {
    let descend = false
    let inline = true
    if (node.nodeType === 3) {
      addText(b, node as Text)
    } else if (node.nodeType === 1) {
      const el = node as Element
      const name = el.localName
      const skipped = isSkippedNamed(el, name)
      inline = INLINE_TAGS.has(name)
      if (skipped || !inline) {
        const run = takeRun(b)
        if (run) yield { run }
        if (b.links.length > 0) yield* strayLinks(b)
        resumed = true
      }
      if (!skipped) {
        if (name === 'a') {
          const link = dashboardLinkOf(el)
          if (link) b.links.push({ ...link, at: b.length })
        }
        descend = el.firstChild !== null
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
    if (resumed) {
      resumed = false
      if (!root.contains(node)) return false
    }

    if (descend) {
      inlineStack.push(inline)
      node = node.firstChild
      continue
    }
    // Leave the node and every ancestor we finish; leaving a block also ends the run.
    let next: Node | null = null
    let leavingInline = inline
    while (node && node !== root) {
      if (!leavingInline) {
        const run = takeRun(b)
        const stray = b.links.length > 0
        if (run) yield { run }
        if (stray) yield* strayLinks(b)
        if ((run || stray) && !root.contains(node)) return false
      }
      next = node.nextSibling
      if (next) break
      node = node.parentNode
      leavingInline = inlineStack.pop() ?? true
    }
    node = next
  }
  return true
}

/** The run being gathered: its texts, where each starts in it, and the links whose text it holds. */
type RunInProgress = {
  nodes: Text[]
  parts: string[]
  starts: number[]
  length: number
  /** Links travel with the run holding their text, so IDs come out in reading order. */
  links: TextRun['links']
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

/** The run gathered so far (null: no text), and a fresh start for the next. */
function takeRun(b: RunInProgress): TextRun | null {
  if (b.nodes.length === 0) return null
  const { nodes, parts, starts, links } = b
  const run = { text: parts.length === 1 ? parts[0]! : parts.join(''), nodes, starts, links }
  b.nodes = []
  b.parts = []
  b.starts = []
  b.links = []
  b.length = 0
  return run
}

/** Links left without text (an image link): on their own. */
function strayLinks(b: RunInProgress): { link: DashboardLink }[] {
  return b.links.splice(0).map(({ link, ref }) => ({ link: { link, ref } }))
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
