import { defineProject } from 'vitest/config'
import { WxtVitest } from 'wxt/testing/vitest-plugin'

// Node by default; component tests opt into happy-dom with `// @vitest-environment happy-dom`.
export default defineProject({
  plugins: [WxtVitest()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    // The browser's i18n over the real messages.json files (the fake browser has none).
    setupFiles: ['src/testing/i18n-fake.ts'],
    mockReset: true,
    restoreMocks: true,
  },
})
