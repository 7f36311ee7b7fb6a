import { defineConfig } from 'vitest/config'

/** What reads the repo and its config and starts nothing: `npm test` runs it with the structure checks. */
const REPO_CHECKS = ['repo/**/*.test.ts', 'relay/deploy-config.test.ts']

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'repo', include: REPO_CHECKS, testTimeout: 180_000 } },
      {
        // Cross-package tests in Node: the relay under wrangler dev, and real Chromium with the built
        // extension. Three files at a time: each mostly waits on its browser and relay (the stage used
        // 410 s of CPU in 448 s alone at two), and every test's waits are bounded polls, never a measure
        // of speed.
        test: {
          name: 'stack',
          include: ['relay/**/*.test.ts', 'e2e/**/*.test.ts'],
          exclude: REPO_CHECKS,
          globalSetup: ['./harness/compile-cache.ts', './harness/build-extension.ts', './harness/audit-template.ts', './harness/relay-bundle.ts', './harness/shared-stack.ts'],
          fileParallelism: true,
          maxWorkers: 3,
          // A bound, never a measure (speed is the benchmarks' business): an e2e test chains several
          // waits of up to 20 s each (hostile-pages' page-script test has nine), which a loaded machine
          // can add past 60 s.
          testTimeout: 180_000,
          // Starting a stack (demo upstream, audit migrations, wrangler dev: up to 90 s for "Ready"
          // alone) can take minutes on a loaded machine. The harness's own bounds must fire first: they
          // stop what they started and say what the process printed, where a hook timeout would leave
          // wrangler running.
          hookTimeout: 300_000,
        },
      },
    ],
  },
})
