/**
 * An import graph grouped by top folder (test/scripts/folder-imports.ts): the pairs of groups that
 * import each other, the layers the groups fall into, and the imports that cross a seam other than
 * through its doors. A file directly in the root is a group of its own, named by its file (`app.ts`,
 * `env.ts`): the root holds both the top (the app) and small leaves (errors, env), and one `(root)`
 * group would make every folder that reads a leaf look two-way with the app.
 */
type Graph = Record<string, readonly string[]>
type Edge = { from: string; to: string }
type TwoWayPair = { folders: [string, string]; forward: Edge; backward: Edge }

/** The group of a path relative to the graph's root: its top folder, or the file itself. */
export function groupOf(path: string): string {
  const slash = path.indexOf('/')
  return slash === -1 ? path : path.slice(0, slash)
}

/** Every import from one group into another: the first (by path) per ordered pair of groups. */
function crossEdges(graph: Graph): Map<string, Edge> {
  const edges = new Map<string, Edge>()
  for (const from of Object.keys(graph).sort()) {
    for (const to of [...(graph[from] ?? [])].sort()) {
      const key = `${groupOf(from)}\0${groupOf(to)}`
      if (groupOf(from) !== groupOf(to) && !edges.has(key)) edges.set(key, { from, to })
    }
  }
  return edges
}

/** The pairs of groups that import each other, each once (names sorted), with one import each way. */
export function twoWayPairs(graph: Graph): TwoWayPair[] {
  const edges = crossEdges(graph)
  const pairs: TwoWayPair[] = []
  for (const [key, forward] of edges) {
    const [a, b] = key.split('\0') as [string, string]
    const backward = edges.get(`${b}\0${a}`)
    if (backward && a < b) pairs.push({ folders: [a, b], forward, backward })
  }
  return pairs.sort((x, y) => x.folders.join('/').localeCompare(y.folders.join('/')))
}

/** The groups each group imports. */
function groupNeeds(graph: Graph): Map<string, Set<string>> {
  const needs = new Map<string, Set<string>>()
  for (const [from, tos] of Object.entries(graph)) {
    const own = needs.get(groupOf(from)) ?? needs.set(groupOf(from), new Set()).get(groupOf(from))!
    for (const to of tos) if (groupOf(to) !== groupOf(from)) own.add(groupOf(to))
  }
  return needs
}

/** One cycle of groups, each importing the next, the first repeated at the end; null when there is none. */
export function aCycle(graph: Graph): string[] | null {
  const needs = groupNeeds(graph)
  const done = new Set<string>()
  const visit = (group: string, path: string[]): string[] | null => {
    const at = path.indexOf(group)
    if (at !== -1) return [...path.slice(at), group]
    if (done.has(group)) return null
    for (const next of [...(needs.get(group) ?? [])].sort()) {
      const cycle = visit(next, [...path, group])
      if (cycle) return cycle
    }
    done.add(group)
    return null
  }
  for (const group of [...needs.keys()].sort()) {
    const cycle = visit(group, [])
    if (cycle) return cycle
  }
  return null
}

/**
 * The groups by layer, bottom first: a group sits one above the highest group it imports.
 * `cyclic`: the groups on a cycle of groups, or above one (no layer).
 */
export function layersOf(graph: Graph): { layers: string[][]; cyclic: string[] } {
  const needs = groupNeeds(graph)
  const placed = new Set<string>()
  const layers: string[][] = []
  for (;;) {
    const layer = [...needs].filter(([group, wants]) => !placed.has(group) && [...wants].every((w) => placed.has(w) || !needs.has(w)))
    if (layer.length === 0) break
    layers.push(layer.map(([group]) => group).sort())
    for (const [group] of layer) placed.add(group)
  }
  return { layers, cyclic: [...needs.keys()].filter((group) => !placed.has(group)).sort() }
}

/**
 * A seam: the files of `inside` (a top folder) reach the rest only through the folder `door`, and the
 * rest reaches `inside` only through the files `entries`. The imports that cross it any other way.
 */
export type Seam = { inside: string; door: string; entries: readonly string[] }

export function seamCrossings(graph: Graph, { inside, door, entries }: Seam): Edge[] {
  return Object.entries(graph).flatMap(([from, tos]) =>
    tos
      .filter((to) => {
        const [a, b] = [groupOf(from), groupOf(to)]
        if (a === b) return false
        return a === inside ? b !== door : b === inside && !entries.includes(to)
      })
      .map((to) => ({ from, to })),
  )
}
