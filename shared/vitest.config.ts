import { defineConfig } from 'vitest/config'

export default defineConfig({
  // testTimeout: a bound on a hung test, not a speed check (a busy 2-core CI runner with a second
  // copy of the suite is several times slower than vitest's 5 s default allows for).
  test: { environment: 'node', include: ['src/**/*.test.ts'], testTimeout: 60_000 },
})
