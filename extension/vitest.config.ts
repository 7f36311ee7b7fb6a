import { defineConfig } from 'vitest/config'
import { WxtVitest } from 'wxt/testing/vitest-plugin'

const INCLUDE = ['src/**/*.test.{ts,tsx}', 'store/**/*.test.ts']
// Sets the process's time zone (TZ) at run time: a zone is per process, so this file runs in a fork of its own.
const PROCESS_ZONE_TESTS = ['src/lib/format.test.ts']
// Files that need a fresh module graph each: components (a render left mounted keeps a store such as
// the clock watched), and what registers the background's listeners at import. The rest share their
// thread's modules, which takes about 40 % off the unit tests' CPU; check a change to either list
// with shuffled orders (--sequence.shuffle.files --sequence.seed=N).
const FRESH_MODULE_TESTS = [
  'src/**/*.test.tsx',
  'src/background/registration.test.ts',
  'src/background/sender-policy.test.ts',
  'src/background/page-lookups.test.ts',
  'src/background/page-scope.test.ts',
  'src/content/ui-host.test.ts',
]

// Node by default; component tests opt into happy-dom with `// @vitest-environment happy-dom`.
export default defineConfig({
  plugins: [WxtVitest()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    // The browser's i18n over the real messages.json files (the fake browser has none), and
    // vi.waitFor with a bound that a busy machine cannot reach (patient-wait-for.ts).
    setupFiles: ['test-support/i18n-fake.ts', 'test-support/patient-wait-for.ts'],
    mockReset: true,
    restoreMocks: true,
    // A bound for a hung test, not a speed check: the whole-source i18n scan can outlast vitest's 5 s
    // default on a busy 2-core machine.
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'threads',
          include: INCLUDE,
          exclude: [...PROCESS_ZONE_TESTS, ...FRESH_MODULE_TESTS],
          pool: 'threads',
          isolate: false,
          // The built manifest and icons (Chrome/Edge, Firefox, development), for the store checks.
          globalSetup: ['./test-support/built-extensions.ts'],
        },
      },
      { extends: true, test: { name: 'fresh', include: FRESH_MODULE_TESTS, pool: 'threads' } },
      { extends: true, test: { name: 'forks', include: PROCESS_ZONE_TESTS, pool: 'forks' } },
    ],
  },
})
