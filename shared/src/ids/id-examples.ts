import { KIND_EXAMPLES } from '../vendors/registry.ts'

/**
 * Real-looking IDs of each kind that MUST match it and no other, from each vendor's folder
 * (vendors/<name>/vendor.ts): `patterns.test.ts` runs the cross-matrix (every kind accepts its own
 * examples and rejects everyone else's). Kept apart from ID_PATTERNS, which the content script
 * bundles: test data has no place in every page's script. A UUID has every UUID kind's shape:
 * patterns.test.ts lets UUID kinds accept each other's examples.
 */
export const ID_EXAMPLES = KIND_EXAMPLES
