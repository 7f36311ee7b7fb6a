/** What every part of the demo upstream shares: the dataset, per-scope state, the clock and switches. */
import type { ScopeRegistry } from './scope-state.ts'
import type { Dataset } from './seed.ts'

export interface DemoContext {
  dataset: Dataset
  scopes: ScopeRegistry
  /** Real time, for rate-limit windows and signed URLs (the dataset's anchor is separate). */
  clock: () => number
  rateLimits: boolean
}
