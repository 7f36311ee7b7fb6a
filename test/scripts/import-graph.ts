/**
 * One madge graph per folder for the run of the structure checks (import-checks.ts): the cycle check
 * and the folder check read the same folders, and parsing them is most of either's cost. Type-only
 * imports included (a cycle through types still means two modules that cannot be read apart).
 */
import madge from 'madge'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

const graphs = new Map<string, ReturnType<typeof madge>>()

/** The import graph of `dir` (from the repo root) under the package's `tsConfig`; paths relative to `dir`. */
export function importGraph(dir: string, tsConfig: string): ReturnType<typeof madge> {
  let graph = graphs.get(dir)
  if (!graph) {
    graph = madge(`${root}${dir}`, {
      fileExtensions: ['ts', 'tsx'],
      tsConfig: `${root}${tsConfig}`,
      detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
    })
    graphs.set(dir, graph)
  }
  return graph
}
