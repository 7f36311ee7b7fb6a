import { defineProject } from 'vitest/config'
import { WxtVitest } from 'wxt/testing/vitest-plugin'

// Node by default; component tests opt into happy-dom with `// @vitest-environment happy-dom`.
export default defineProject({
  plugins: [WxtVitest()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'store/**/*.test.ts'],
    // The built manifest and icons (Chrome/Edge, Firefox, development), for the store checks.
    // The browser's i18n over the real messages.json files (the fake browser has none).
    setupFiles: ['src/testing/i18n-fake.ts'],
    globalSetup: ['./test-setup/built-extensions.ts'],
    mockReset: true,
    restoreMocks: true,
  },
})
