/**
 * How long an e2e test waits for what the extension shows or stores: a bound, never a measure (speed
 * is the benchmarks' business). Alone, each such wait ends within a few seconds; two suites at once
 * on a 2-core machine stretched some past 20 s, the bound the files each set before.
 */
export const WAIT = { timeout: 60_000, interval: 100 }
