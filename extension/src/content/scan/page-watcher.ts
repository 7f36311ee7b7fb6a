import { blockAround } from './text-runs.ts'
import { UI_TAG } from '../ui-tag.ts'

/** What a batch of DOM mutations asks of the scanner. */
export type MutationPlan = {
  /** Roots to scan again: new subtrees, and the blocks around changed text. */
  roots: Node[]
  /** Elements whose marks must go before the rescan (they became editable or hidden, or a link changed). */
  reset: Element[]
  /** Something other than plain text left the page: marks anywhere may point at detached nodes. */
  removed: boolean
  /**
   * Text nodes that left the page (a clock or a counter re-rendering its text): their own marks go,
   * found by node, without checking every node the marks hold on a page that ticks.
   */
  removedText: Node[]
  /** An iframe left the page: the IDs it reported must leave the tab's count. */
  removedFrame: boolean
}

/** Attributes that change what we scan: dashboard links, and regions becoming editable or hidden. */
export const WATCHED_ATTRIBUTES = ['href', 'contenteditable', 'hidden', 'role']

const isOurs = (node: Node) => node.nodeType === 1 && (node as Element).localName === UI_TAG

const containsFrame = (node: Node) =>
  node.nodeType === 1 &&
  ((node as Element).localName === 'iframe' ||
    (node as Element).localName === 'frame' ||
    (node as Element).querySelector('iframe, frame') !== null)

/** True for a node inside a shadow tree (its root is a ShadowRoot, not the document). */
export function isInShadowTree(node: Node): boolean {
  const root = node.getRootNode()
  return root.nodeType === 11 && 'host' in root
}

/**
 * Turns mutation records into the smallest set of roots to rescan: only new or changed text is
 * scanned. A new block is scanned alone (runs never cross blocks); new inline content or changed
 * text rescans its block, because it may join the text around it into an ID.
 */
export function planMutations(records: Iterable<MutationRecord>, doc: Document): MutationPlan {
  const body = doc.body
  const roots = new Set<Node>()
  const reset = new Set<Element>()
  let removed = false
  let removedFrame = false
  const removedText: Node[] = []
  // Text added straight into <body> rescans only itself, never the whole page.
  const aroundChange = (node: Node, fallback: Node) => {
    const block = blockAround(node)
    return block === body || block === doc.documentElement ? fallback : block
  }
  for (const record of records) {
    const target = record.target
    // Records from an open shadow root we follow (page-follower observes each one it is told of).
    const inShadow = isInShadowTree(target)
    if (!inShadow && (!body || !body.contains(target))) {
      // A replaced <body> or <html> (document.open()/write() replaces both) is the only change
      // outside the body that matters: the new body is scanned, and the old one's marks go.
      for (const added of record.addedNodes) if (body && (added === body || added.contains(body))) roots.add(body)
      for (const gone of record.removedNodes) {
        removed = true
        if (!removedFrame && containsFrame(gone)) removedFrame = true
      }
      continue
    }
    if (record.type === 'characterData') {
      roots.add(aroundChange(target, target))
    } else if (record.type === 'attributes') {
      reset.add(target as Element)
      roots.add(aroundChange(target, target))
    } else {
      for (const gone of record.removedNodes) {
        if (gone.nodeType === 3) removedText.push(gone)
        else removed = true
        if (!removedFrame && containsFrame(gone)) removedFrame = true
      }
      for (const added of record.addedNodes) {
        if (isOurs(added)) continue
        const isBlock = added.nodeType === 1 && blockAround(added) === added
        roots.add(isBlock ? added : aroundChange(target, added))
      }
    }
  }
  // A root inside another root is scanned with it.
  const outer = [...roots].filter((root) => {
    for (let p = root.parentNode; p; p = p.parentNode) if (roots.has(p)) return false
    return true
  })
  return { roots: outer, reset: [...reset], removed, removedText, removedFrame }
}
