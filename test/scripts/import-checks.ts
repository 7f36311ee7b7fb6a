/**
 * `npm run check:structure`'s import checks in one process, so that they parse each folder once
 * (import-graph.ts): no import cycle (import-cycles.ts), folders one way (folder-imports.ts).
 */
import { oneWayFolders } from './folder-imports.ts'
import { noImportCycles } from './import-cycles.ts'

const acyclic = await noImportCycles()
const oneWay = await oneWayFolders()
process.exit(acyclic && oneWay ? 0 : 1)
