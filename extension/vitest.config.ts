import { defineProject } from 'vitest/config'
import { WxtVitest } from 'wxt/testing/vitest-plugin'

// Node by default; component tests opt into happy-dom with `// @vitest-environment happy-dom`.
export default defineProject({
  plugins: [WxtVitest()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'store/**/*.test.ts'],
    // The built manifest and icons (Chrome/Edge, Firefox, development), for the store checks.
    // The browser's i18n over the real messages.json files (the fake browser has none), and
    // vi.waitFor with a bound that a busy machine cannot reach (patient-wait-for.ts).
    setupFiles: ['test-support/i18n-fake.ts', 'test-support/patient-wait-for.ts'],
    globalSetup: ['./test-support/built-extensions.ts'],
    mockReset: true,
    restoreMocks: true,
    // A bound for a hung test, not a speed check: the whole-source i18n scan can outlast vitest's 5 s
    // default on a busy 2-core machine.
    testTimeout: 60_000,
  },
})
