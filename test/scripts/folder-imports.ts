/**
 * Part of `npm run check:structure`: worker/src's folders import each other one way
 * (docs/architecture.md, "Folders and their direction"). The import graph (madge, as in
 * import-cycles.ts, type-only imports included) is grouped by top folder (folder-graph.ts). It fails on
 * any two-way pair of groups (each printed with one import each way), on a vendor's code reaching the
 * core other than through the kit or the core reaching a vendor other than through the registry, and
 * on any cycle of groups: the core gets the vendors through its configuration, never from the registry.
 */
import madge from 'madge'
import { fileURLToPath } from 'node:url'
import { aCycle, layersOf, seamCrossings, twoWayPairs, type Seam } from './folder-graph.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dir = 'worker/src'
const VENDOR_SEAM: Seam = { inside: 'vendors', door: 'kit', entries: ['vendors/index.ts', 'vendors/routers.ts'] }

const graph = (
  await madge(`${root}${dir}`, {
    fileExtensions: ['ts'],
    tsConfig: `${root}worker/tsconfig.json`,
    detectiveOptions: { ts: { skipTypeImports: false } },
  })
).obj()

const pairs = twoWayPairs(graph)
console.log(`two-way folder pairs in ${dir}: ${pairs.length}`)
for (const { folders, forward, backward } of pairs) {
  console.error(`  ${folders.join(' <-> ')}: ${forward.from} -> ${forward.to}; ${backward.from} -> ${backward.to}`)
}

const crossings = seamCrossings(graph, VENDOR_SEAM)
console.log(`imports past the kit or the vendor registry: ${crossings.length}`)
for (const { from, to } of crossings) console.error(`  ${from} -> ${to}`)

const { layers, cyclic } = layersOf(graph)
console.log(`folder layers, bottom first:`)
layers.forEach((layer, i) => console.log(`  ${i}: ${layer.join(', ')}`))
if (cyclic.length) console.error(`  on or above a cycle of folders: ${cyclic.join(', ')}\n  a cycle: ${aCycle(graph)?.join(' -> ')}`)

process.exit(pairs.length > 0 || crossings.length > 0 || cyclic.length > 0 ? 1 : 0)
