import type { IdKind } from '@idv-lens/shared/ids'
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

/** The deepidv relay answers UUIDs in lower case; everything else keeps its case. */
export const idKey = (id: string, kind: IdKind): string => (kind === 'deepidv-session' ? id.toLowerCase() : id)

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
  const maxIds = options.maxIds ?? MAX_DISTINCT_IDS
  const events = createEmitter<MarkEvents>()
  const byNode = new Map<Node, Set<Mark>>()
  const byKey = new Map<string, Set<Mark>>()
  let capped = false
  let version = 0
  let marks = 0

  function add(input: Omit<Mark, 'key'>): Mark | null {
    const key = idKey(input.id, input.kind)
    let same = byKey.get(key)
    if (!same) {
      if (byKey.size >= maxIds) {
        capped = true
        return null
      }
      same = new Set()
      byKey.set(key, same)
      version++
    }
    const mark: Mark = { ...input, key }
    same.add(mark)
    marks++
    for (const node of mark.nodes) {
      let set = byNode.get(node)
      if (!set) byNode.set(node, (set = new Set()))
      set.add(mark)
    }
    events.emit('added', mark)
    return mark
  }

  function remove(mark: Mark): void {
    const same = byKey.get(mark.key)
    if (!same?.delete(mark)) return
    marks--
    if (same.size === 0) {
      byKey.delete(mark.key)
      version++
    }
    for (const node of mark.nodes) {
      const set = byNode.get(node)
      set?.delete(mark)
      if (set?.size === 0) byNode.delete(node)
    }
    events.emit('removed', mark)
  }

  /** Drops every mark that touches `node` (before a rescan of its text). */
  function removeAt(node: Node): void {
    const set = byNode.get(node)
    if (set) for (const mark of [...set]) remove(mark)
  }

  /** Drops marks whose nodes left the document. Returns how many. */
  function sweep(): number {
    let dropped = 0
    for (const [node, set] of [...byNode]) {
      if (node.isConnected) continue
      for (const mark of [...set]) {
        remove(mark)
        dropped++
      }
    }
    return dropped
  }

  function clear(): void {
    for (const set of [...byKey.values()]) for (const mark of [...set]) remove(mark)
    capped = false
  }

  return {
    /** Subscribes to `added` or `removed` marks; returns the unsubscribe. */
    on: events.on,
    add,
    remove,
    removeAt,
    sweep,
    clear,
    at: (node: Node): ReadonlySet<Mark> | undefined => byNode.get(node),
    marksOf: (key: string): ReadonlySet<Mark> => byKey.get(key) ?? new Set(),
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
      return marks
    },
    get nodesHeld() {
      return byNode.size
    },
    get capped() {
      return capped
    },
    /** Changes whenever the set of distinct IDs changes (cheap "did it change" test for reports). */
    get version() {
      return version
    },
  }
}

export type MarkStore = ReturnType<typeof createMarkStore>
