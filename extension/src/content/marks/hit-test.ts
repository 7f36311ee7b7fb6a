import { rectAt, type Box } from './clip-boxes.ts'
import type { Mark, MarkStore } from './mark-store.ts'

export type Caret = { node: Node; offset: number }

/** How deep open shadow roots are followed under one point (components nest a few levels at most). */
const MAX_SHADOW_DEPTH = 32

/**
 * The open shadow roots under a point, outermost first: the document's hit test stops at a
 * component's host, each root's own hit test goes one level further in.
 */
export function shadowRootsAt(doc: Document, x: number, y: number): ShadowRoot[] {
  const roots: ShadowRoot[] = []
  let el = doc.elementFromPoint(x, y)
  while (el?.shadowRoot && roots.length < MAX_SHADOW_DEPTH && !roots.includes(el.shadowRoot)) {
    const root = el.shadowRoot
    roots.push(root)
    const inner = root.elementFromPoint(x, y)
    if (!inner || inner === el) break
    el = inner
  }
  return roots
}

/**
 * The caret position under a point: the standard API, or Chrome's older one. The standard one is
 * given the open shadow roots under the point, or it would stop at their host (a Lightning web
 * component's text would never be under the pointer).
 */
export function caretAt(doc: Document, x: number, y: number): Caret | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }) => { offsetNode: Node; offset: number } | null
    caretRangeFromPoint?: (x: number, y: number) => Range | null
  }
  if (typeof d.caretPositionFromPoint === 'function') {
    const shadowRoots = shadowRootsAt(doc, x, y)
    const p = shadowRoots.length > 0 ? d.caretPositionFromPoint(x, y, { shadowRoots }) : d.caretPositionFromPoint(x, y)
    return p ? { node: p.offsetNode, offset: p.offset } : null
  }
  const r = d.caretRangeFromPoint?.(x, y)
  return r ? { node: r.startContainer, offset: r.startOffset } : null
}

/** True when the caret (node, offset) lies inside the mark's range (ends included). */
export function markContains(mark: Mark, caret: Caret): boolean {
  const { range } = mark
  if (range.startContainer === range.endContainer) {
    if (caret.node === range.startContainer) return caret.offset >= range.startOffset && caret.offset <= range.endOffset
    // A link's mark spans the link element: any caret inside it.
    return range.startContainer.contains(caret.node)
  }
  if (caret.node === range.startContainer) return caret.offset >= range.startOffset
  if (caret.node === range.endContainer) return caret.offset <= range.endOffset
  return mark.nodes.includes(caret.node)
}

export type HitTestDeps = {
  store: MarkStore
  caretAt: (x: number, y: number) => Caret | null
  /** The on-screen boxes of a mark (one per line it wraps over). */
  rectsOf: (mark: Mark) => Iterable<Box>
}

/**
 * The mark under the pointer. Our boxes let the pointer through (the page's text stays what is under it), so the browser cannot tell us: we ask
 * for the caret position at the point, look up the marks of that text node (or of the link around
 * it), and confirm with the mark's boxes, because past the end of a line the caret snaps to the
 * nearest text even though the pointer is over empty space.
 */
export function markAtPoint(deps: HitTestDeps, x: number, y: number): Mark | null {
  const caret = deps.caretAt(x, y)
  if (!caret) return null
  const candidates: Mark[] = []
  const direct = deps.store.at(caret.node)
  if (direct) for (const m of direct) if (markContains(m, caret)) candidates.push(m)
  // Dashboard links: their mark is indexed by the <a>, the caret sits in a text node inside it.
  const start = caret.node.nodeType === 1 ? (caret.node as Element) : caret.node.parentElement
  const link = start?.closest('a')
  if (link) for (const m of deps.store.at(link) ?? []) candidates.push(m)
  for (const m of candidates) if (rectAt(deps.rectsOf(m), x, y)) return m
  return null
}
