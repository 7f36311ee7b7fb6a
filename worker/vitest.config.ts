import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { fileURLToPath } from 'node:url'
import { configDefaults, defineConfig, defineProject } from 'vitest/config'

// The audit database's schema, applied inside workerd by test/apply-migrations.ts.
const migrations = await readD1Migrations(new URL('./migrations', import.meta.url).pathname)

/**
 * Tests of pure modules: no `cloudflare:test`, no bindings, no Worker. They run in Node; a file that
 * imports anything only workerd has (helpers.ts included) belongs to the workerd project. A vendor's
 * own tests live in its folder (src/vendors/<name>/), as `npm run new:vendor` writes them: there, the
 * ones that need workerd are named `*.workerd.test.ts` (VENDOR_WORKERD_TESTS).
 */
const NODE_TESTS = [
  'src/vendors/*/**/*.test.ts',
  'test/budget.test.ts',
  'test/byte-budget.test.ts',
  'test/changed-records.test.ts',
  'test/reply-choice.test.ts',
  'test/reply-words.test.ts',
  'test/vendor-boundary.test.ts',
]

/** A vendor's tests through the real app in workerd, beside its sources. */
const VENDOR_WORKERD_TESTS = 'src/vendors/*/**/*.workerd.test.ts'

// A bound on a test, never a measure of it: speed is measured by the benchmarks (npm run bench),
// and a loaded 2-core machine can take several times vitest's default 5 s for a real workerd test.
const testTimeout = 60_000

/**
 * The relay's tests run inside workerd (the Workers runtime) and talk HTTP to the demo upstream,
 * which test/global-setup.ts starts in Node on 127.0.0.1.
 */
export const workerdProject = defineProject({
  plugins: [
    cloudflareTest((ctx) => ({
      wrangler: { configPath: '../wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_UPSTREAM_URL: ctx.inject('upstreamUrl'),
          TEST_MIGRATIONS: migrations,
          TEST_ACCESS_TEAM_DOMAIN: ctx.inject('accessTeamDomain'),
          TEST_ACCESS_KEYS: ctx.inject('accessPrivateKeys'),
        },
      },
    })),
  ],
  test: {
    name: 'workerd',
    globalSetup: ['./test/global-setup.ts'],
    setupFiles: ['./test/apply-migrations.ts'],
    include: ['test/**/*.test.ts', VENDOR_WORKERD_TESTS],
    exclude: [...configDefaults.exclude, ...NODE_TESTS.filter((pattern) => pattern.startsWith('test/'))],
    // One workerd for every file instead of one started per file. Files already keep apart without
    // it: each relay has its own vendor keys, gate and hub, and a file that counts audit rows
    // clears the tables first.
    isolate: false,
    testTimeout,
  },
})

/** The pure tests, rooted here so another config can take this project as it is (test/repo/new-vendor.test.ts). */
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

export default defineConfig({
  test: {
    projects: [workerdProject, nodeProject, './demo-upstream/vitest.config.ts'],
  },
})
