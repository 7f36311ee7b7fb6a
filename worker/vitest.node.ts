import { fileURLToPath } from 'node:url'
import { configDefaults, defineProject } from 'vitest/config'

/**
 * Tests of pure modules: no `cloudflare:test`, no bindings, no Worker. They run in Node; a file that
 * imports anything only workerd has (helpers.ts included) belongs to the workerd project. A vendor's
 * own tests live in its folder (src/vendors/<name>/), as `npm run new:vendor` writes them: there, the
 * ones that need workerd are named `*.workerd.test.ts` (VENDOR_WORKERD_TESTS).
 */
export const NODE_TESTS = [
  'src/vendors/*/**/*.test.ts',
  'test/budget.test.ts',
  'test/byte-budget.test.ts',
  'test/changed-records.test.ts',
  'test/reply-choice.test.ts',
  'test/reply-words.test.ts',
  'test/vendor-boundary.test.ts',
]

/** A vendor's tests through the real app in workerd, beside its sources. */
export const VENDOR_WORKERD_TESTS = 'src/vendors/*/**/*.workerd.test.ts'

// A bound on a test, never a measure of it: speed is measured by the benchmarks (npm run bench),
// and a loaded 2-core machine can take several times vitest's default 5 s for a real workerd test.
export const testTimeout = 60_000

/**
 * The pure tests, rooted here so another config can take this project as it is without loading the
 * Workers pool (test/repo/new-vendor.test.ts: about a CPU-second of a run).
 */
export const nodeProject = defineProject({
  test: {
    name: 'node',
    root: fileURLToPath(new URL('.', import.meta.url)),
    environment: 'node',
    include: NODE_TESTS,
    exclude: [...configDefaults.exclude, VENDOR_WORKERD_TESTS],
    isolate: false,
    testTimeout,
  },
})
