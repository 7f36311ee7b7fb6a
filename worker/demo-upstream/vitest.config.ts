import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The demo upstream is plain Node code (no workerd), so its tests run in Node's own environment.
// `root` is this folder so the config works from any working directory; the cache stays in the
// worker's node_modules instead of creating one here.
export default defineConfig({
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/demo-upstream', import.meta.url)),
  test: {
    name: 'demo-upstream',
    root: fileURLToPath(new URL('.', import.meta.url)),
    environment: 'node',
    // Each fake's tests: beside app.ts, or in the fake's own folder (a new vendor's).
    include: ['*.test.ts', '*/*.test.ts'],
    // One Node process for every file: each test builds its own upstream, and modules cache only derived data.
    isolate: false,
    // A bound on a hung test, not a speed check: generating the dataset and starting serve.ts as a
    // process can outlast vitest's 5 s default on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
