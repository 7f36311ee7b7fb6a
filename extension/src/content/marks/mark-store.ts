import type { IdKind } from '@idv-lens/shared/ids'
import { canonicalId } from '../scan/id-scan.ts'
import type { RangeInit } from '../scan/run-matches.ts'
import { createEmitter } from '../emitter.ts'

/** One place an ID shows on the page. `range` is where its boxes are drawn (a StaticRange in Chrome). */
export type Mark = {
  /** The ID compared across the page: UUIDs in lower case, Persona IDs as written (they are case-sensitive). */
  key: string
  /** The ID as written here. */
  id: string
  kind: IdKind
  range: RangeInit
  /** The nodes the range touches, for finding and dropping marks by node. */
  nodes: readonly Node[]
  /** Set for a dashboard link's mark, which covers the link's text rather than the ID. */
  link: Element | null
}

export type PageId = { key: string; id: string; kind: IdKind }

/** The relay answers IDs whose case means nothing (UUIDs) in lower case; everything else keeps its case. */
export const idKey = (id: string, kind: IdKind): string => canonicalId(id, kind)

/** What the store tells its listeners: each mark as it is added, and as it is removed. */
type MarkEvents = { added: Mark; removed: Mark }

/** The cap that stops runaway pages (a log viewer, an export): more than a ticket ever needs. Text is limited per time window (page-scanner.ts). */
export const MAX_DISTINCT_IDS = 2000

/**
 * Every mark on the page, indexed by node (hit-testing, rescans) and by ID (badge, colours, list).
 * At most `maxIds` distinct IDs: a page that lists thousands is not a ticket, and each ID costs a
 * lookup, so past the cap new IDs are ignored and `capped` says so.
 */
export function createMarkStore(options: { maxIds?: number } = {}) {
  const index = createMarkIndex(options.maxIds ?? MAX_DISTINCT_IDS)
  const { byNode, byKey } = index
  const remove = (mark: Mark): void => removeMark(index, mark)

  return {
    /** Subscribes to `added` or `removed` marks; returns the unsubscribe. */
    on: index.events.on,
    add: (input: Omit<Mark, 'key'>): Mark | null => addMark(index, input),
    remove,
    /** Drops every mark that touches `node` (before a rescan of its text). */
    removeAt(node: Node): void {
      const set = byNode.get(node)
      if (set) for (const mark of [...set]) remove(mark)
    },
    /** Drops marks whose nodes left the document. Returns how many. */
    sweep: (): number => sweepDisconnected(index),
    clear(): void {
      for (const set of [...byKey.values()]) for (const mark of [...set]) remove(mark)
      index.capped = false
    },
    at: (node: Node): ReadonlySet<Mark> | undefined => byNode.get(node),
    marksOf: (key: string): ReadonlySet<Mark> => byKey.get(key) ?? new Set(),
    /** Every mark once, in the order their text was first marked (the scan's: mostly document order). */
    all: (): Set<Mark> => new Set([...byNode.values()].flatMap((set) => [...set])),
    /** The distinct IDs, first seen first. */
    ids: (): PageId[] =>
      [...byKey.values()].map((set) => {
        const first = set.values().next().value as Mark
        return { key: first.key, id: first.id, kind: first.kind }
      }),
    get size() {
      return byKey.size
    },
    /** Every mark (occurrences, not distinct IDs), and the nodes they hold on to: flat on a page that re-renders. */
    get marks() {
      return index.marks
    },
    get nodesHeld() {
      return byNode.size
    },
    get capped() {
      return index.capped
    },
    /** Changes whenever the set of distinct IDs changes (cheap "did it change" test for reports). */
    get version() {
      return index.version
    },
  }
}

/** The store's two indexes and counters, shared by the plain functions that keep them in step. */
type MarkIndex = ReturnType<typeof createMarkIndex>

function createMarkIndex(maxIds: number) {
  return {
    maxIds,
    events: createEmitter<MarkEvents>(),
    byNode: new Map<Node, Set<Mark>>(),
    byKey: new Map<string, Set<Mark>>(),
    capped: false,
    version: 0,
    marks: 0,
  }
}

function addMark(index: MarkIndex, input: Omit<Mark, 'key'>): Mark | null {
  const key = idKey(input.id, input.kind)
  let same = index.byKey.get(key)
  if (!same) {
    if (index.byKey.size >= index.maxIds) {
      index.capped = true
      return null
    }
    same = new Set()
    index.byKey.set(key, same)
    index.version++
  }
  const mark: Mark = { ...input, key }
  same.add(mark)
  index.marks++
  for (const node of mark.nodes) {
    let set = index.byNode.get(node)
    if (!set) index.byNode.set(node, (set = new Set()))
    set.add(mark)
  }
  index.events.emit('added', mark)
  return mark
}

function removeMark(index: MarkIndex, mark: Mark): void {
  const same = index.byKey.get(mark.key)
  if (!same?.delete(mark)) return
  index.marks--
  if (same.size === 0) {
    index.byKey.delete(mark.key)
    index.version++
  }
  for (const node of mark.nodes) {
    const set = index.byNode.get(node)
    set?.delete(mark)
    if (set?.size === 0) index.byNode.delete(node)
  }
  index.events.emit('removed', mark)
}

function sweepDisconnected(index: MarkIndex): number {
  let dropped = 0
  for (const [node, set] of [...index.byNode]) {
    if (node.isConnected) continue
    for (const mark of [...set]) {
      removeMark(index, mark)
      dropped++
    }
  }
  return dropped
}

export type MarkStore = ReturnType<typeof createMarkStore>
