import { configDefaults, defineConfig } from 'vitest/config'
import { workerdProject } from './vitest.config.ts'

// bench:export: the export of 1,000,000 generated rows (worker/bench/export.bench.test.ts), in workerd like the tests, but not part of them.
export default defineConfig({
  ...workerdProject,
  define: { __EXPORT_BENCH_ROWS__: JSON.stringify(process.env.EXPORT_BENCH_ROWS ?? '1000000') },
  test: {
    ...workerdProject.test,
    include: ['bench/export.bench.test.ts'],
    exclude: configDefaults.exclude,
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
  },
})
