import base from './vitest.config.ts'

// bench:faults: the fault scenarios in worker/bench, in workerd like the tests, but not part of them.
export default { ...base, test: { ...base.test, include: ['bench/**/*.bench.test.ts'] } }
