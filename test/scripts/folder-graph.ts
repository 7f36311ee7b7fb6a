/**
 * An import graph grouped by top folder, and the folder pairs that import each other both ways
 * (test/scripts/folder-imports.ts). A file directly in the root is a group of its own, named by its
 * file (`app.ts`, `env.ts`): the root holds both the top (the app) and small leaves (errors, env), and
 * one `(root)` group would make every folder that reads a leaf look two-way with the app.
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
