import { defineConfig } from 'vitest/config'

/** What reads the repo and its config and starts nothing: `npm test` runs it with the structure checks. */
const REPO_CHECKS = ['repo/**/*.test.ts', 'relay/deploy-config.test.ts']

/** What every relay of a run starts from: one compile cache, the audit schema applied once, the Worker bundled once. */
const RELAY_SETUP = ['./harness/compile-cache.ts', './harness/audit-template.ts', './harness/relay-bundle.ts']

const STACK_BOUNDS = {
  // Every fetch on a fresh connection: wrangler dev closes pooled ones when it likes (harness/closing-fetch.ts).
  setupFiles: ['./harness/closing-fetch-setup.ts'],
  fileParallelism: true,
  // Each worker process runs file after file with the modules it has loaded (playwright-core, the
  // harness): nothing in them keeps a file's state, and each file stops what it started.
  isolate: false,
  // A bound, never a measure (speed is the benchmarks' business): an e2e test chains several waits of
  // up to 20 s each (hostile-pages' page-script test has nine), which a loaded machine can add past 60 s.
  testTimeout: 180_000,
  // Starting a stack (demo upstream, audit migrations, wrangler dev: up to 90 s for "Ready" alone) can
  // take minutes on a loaded machine. The harness's own bounds must fire first: they stop what they
  // started and say what the process printed, where a hook timeout would leave wrangler running.
  hookTimeout: 300_000,
}

export default defineConfig({
  test: {
    projects: [
      {
        // One process runs file after file with the modules it has loaded: the rules that read every
        // script share one parse of each (repo/script-scan.ts), and no file keeps state of its own.
        test: { name: 'repo', include: REPO_CHECKS, isolate: false, testTimeout: 180_000 },
      },
      {
        // The relay alone under wrangler dev, in front of the demo upstream: no browser, no extension build.
        test: {
          name: 'relay',
          include: ['relay/**/*.test.ts'],
          exclude: REPO_CHECKS,
          globalSetup: [...RELAY_SETUP, './harness/relay-shared-stack.ts'],
          maxWorkers: 2,
          ...STACK_BOUNDS,
        },
      },
      {
        // Real Chromium (and Firefox) with the built extension, in front of relays. Three files at a
        // time: each mostly waits on its browser and relay, and every test's waits are bounded polls,
        // never a measure of speed.
        test: {
          name: 'browser',
          include: ['e2e/**/*.test.ts'],
          globalSetup: [...RELAY_SETUP, './harness/build-extension.ts', './harness/shared-stack.ts'],
          maxWorkers: 3,
          ...STACK_BOUNDS,
        },
      },
    ],
  },
})
