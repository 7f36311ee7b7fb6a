import { configDefaults, defineConfig } from 'vitest/config'
import { workerdProject } from './vitest.config.ts'

// bench:faults: the fault scenarios in worker/bench, in workerd like the tests, but not part of them.
export default defineConfig({
  ...workerdProject,
  test: { ...workerdProject.test, include: ['bench/faults.bench.test.ts'], exclude: configDefaults.exclude },
})
