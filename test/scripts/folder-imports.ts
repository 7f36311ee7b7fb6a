/**
 * Part of `npm run check:structure`: the folders of worker/src, of extension/src and of its content script
 * (extension/src/content) import each other one way (docs/architecture.md, "Folders and their direction"). Each import graph (madge, as in
 * import-cycles.ts, type-only imports included) is grouped by top folder (folder-graph.ts). It fails on
 * any two-way pair of groups (each printed with one import each way), on a vendor's code reaching the
 * core other than through the kit or the core reaching a vendor other than through the registry, and
 * on any cycle of groups. Tests beside the sources (the extension's, a worker vendor's) are left out.
 */
import { aCycle, layersOf, seamCrossings, twoWayPairs, type Seam } from './folder-graph.ts'
import { importGraph } from './import-graph.ts'

type Half = { dir: string; tsConfig: string; seam: Seam; tests?: RegExp }

const HALVES: Half[] = [
  {
    dir: 'worker/src',
    tsConfig: 'worker/tsconfig.json',
    seam: { inside: 'vendors', door: 'kit', entries: ['vendors/index.ts', 'vendors/routers.ts'] },
    tests: /\.test\.tsx?$/,
  },
  {
    dir: 'extension/src',
    tsConfig: 'extension/tsconfig.json',
    seam: {
      inside: 'vendors',
      door: 'kit',
      entries: [
        'vendors/index.ts',
        'vendors/rows.ts',
        'vendors/details.ts',
        'vendors/tones.ts',
        'vendors/vendor.ts',
        'vendors/vendor-view.ts',
      ],
    },
    tests: /\.test\.tsx?$/,
  },
  // The content script's own folders (scan below marks, marks below lookups and the card), one way too.
  {
    dir: 'extension/src/content',
    tsConfig: 'extension/tsconfig.json',
    seam: { inside: 'vendors', door: 'kit', entries: [] },
    tests: /\.test\.tsx?$/,
  },
]

/** The half's import graph: its own files (not its tests), paths relative to its folder. */
async function graphOf({ dir, tsConfig, tests }: Half): Promise<Record<string, string[]>> {
  const graph = (await importGraph(dir, tsConfig)).obj()
  const own = (path: string) => !path.startsWith('../') && !tests?.test(path)
  return Object.fromEntries(
    Object.entries(graph)
      .filter(([from]) => own(from))
      .map(([from, tos]) => [from, tos.filter(own)]),
  )
}

/** Prints the half's figures and layers; true when it holds. */
async function check(half: Half): Promise<boolean> {
  const graph = await graphOf(half)
  const pairs = twoWayPairs(graph)
  console.log(`two-way folder pairs in ${half.dir}: ${pairs.length}`)
  for (const { folders, forward, backward } of pairs) {
    console.error(`  ${folders.join(' <-> ')}: ${forward.from} -> ${forward.to}; ${backward.from} -> ${backward.to}`)
  }
  const crossings = seamCrossings(graph, half.seam)
  console.log(`imports past the kit or the vendor registry: ${crossings.length}`)
  for (const { from, to } of crossings) console.error(`  ${from} -> ${to}`)
  const { layers, cyclic } = layersOf(graph)
  console.log(`folder layers, bottom first:`)
  layers.forEach((layer, i) => console.log(`  ${i}: ${layer.join(', ')}`))
  if (cyclic.length) console.error(`  on or above a cycle of folders: ${cyclic.join(', ')}\n  a cycle: ${aCycle(graph)?.join(' -> ')}`)
  return pairs.length === 0 && crossings.length === 0 && cyclic.length === 0
}

/** Checks every half; true when all hold. */
export async function oneWayFolders(): Promise<boolean> {
  let held = true
  for (const half of HALVES) held = (await check(half)) && held
  return held
}

if (import.meta.main) process.exit((await oneWayFolders()) ? 0 : 1)
