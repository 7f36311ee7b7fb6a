import { defineConfig } from 'vitest/config'

// Cross-package tests in Node: the relay under wrangler dev, and real Chromium with the built
// extension. They start real processes, so files run one at a time on these 2-core machines.
export default defineConfig({
  test: {
    include: ['relay/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['./harness/build-extension.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
})
