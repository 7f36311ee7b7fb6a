/**
 * Part of `npm run check:structure` (and so of `npm test`): no import cycle in any package's sources,
 * type-only imports included (a cycle through types still means two modules that cannot be read
 * apart). madge follows each package's own tsconfig; packages import each other only one way
 * (extension → the worker's typed client → shared), so each package is checked alone.
 */
import madge from 'madge'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

const PACKAGES = [
  { dir: 'shared/src', tsConfig: 'shared/tsconfig.json' },
  { dir: 'extension/src', tsConfig: 'extension/tsconfig.json' },
  { dir: 'worker/src', tsConfig: 'worker/tsconfig.json' },
  { dir: 'worker/demo-upstream', tsConfig: 'worker/demo-upstream/tsconfig.json' },
  { dir: 'test', tsConfig: 'test/tsconfig.json' },
]

let failed = false
for (const { dir, tsConfig } of PACKAGES) {
  const graph = await madge(dir, {
    baseDir: root,
    fileExtensions: ['ts', 'tsx'],
    tsConfig: `${root}${tsConfig}`,
    detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
  })
  const cycles = graph.circular().map((cycle) => cycle.join(' > '))
  console.log(`import cycles in ${dir}: ${cycles.length}`)
  for (const cycle of cycles) console.error(`  cycle: ${cycle}`)
  if (cycles.length > 0) failed = true
}
process.exit(failed ? 1 : 0)
