/**
 * Part of `npm run check:structure` (and so of `npm test`): no import cycle in any package's sources,
 * type-only imports included. madge follows each package's own tsconfig; packages import each other
 * only one way (extension → the worker's typed client → shared), so each package is checked alone.
 */
import { importGraph } from './import-graph.ts'

const PACKAGES = [
  { dir: 'shared/src', tsConfig: 'shared/tsconfig.json' },
  { dir: 'extension/src', tsConfig: 'extension/tsconfig.json' },
  { dir: 'worker/src', tsConfig: 'worker/tsconfig.json' },
  { dir: 'worker/demo-upstream', tsConfig: 'worker/demo-upstream/tsconfig.json' },
  { dir: 'test', tsConfig: 'test/tsconfig.json' },
]

/** Prints each package's cycles; true when there are none. */
export async function noImportCycles(): Promise<boolean> {
  let held = true
  for (const { dir, tsConfig } of PACKAGES) {
    const cycles = (await importGraph(dir, tsConfig)).circular().map((cycle) => cycle.join(' > '))
    console.log(`import cycles in ${dir}: ${cycles.length}`)
    for (const cycle of cycles) console.error(`  cycle: ${dir}/${cycle}`)
    if (cycles.length > 0) held = false
  }
  return held
}

if (import.meta.main) process.exit((await noImportCycles()) ? 0 : 1)
