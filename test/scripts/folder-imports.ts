/**
 * Part of `npm run check:structure`: worker/src's folders import each other one way only (the
 * layering in docs/architecture.md). The import graph (madge, as in import-cycles.ts, type-only
 * imports included) is grouped by top folder (folder-graph.ts); every pair of groups that import
 * each other is printed with one import each way, and any such pair fails the check.
 */
import madge from 'madge'
import { fileURLToPath } from 'node:url'
import { twoWayPairs } from './folder-graph.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dir = 'worker/src'

const graph = await madge(`${root}${dir}`, {
  fileExtensions: ['ts'],
  tsConfig: `${root}worker/tsconfig.json`,
  detectiveOptions: { ts: { skipTypeImports: false } },
})
const pairs = twoWayPairs(graph.obj())
console.log(`two-way folder pairs in ${dir}: ${pairs.length}`)
for (const { folders, forward, backward } of pairs) {
  console.error(`  ${folders.join(' <-> ')}: ${forward.from} -> ${forward.to}; ${backward.from} -> ${backward.to}`)
}
process.exit(pairs.length > 0 ? 1 : 0)
