/**
 * Export benchmark: 1,000,000 audit rows generated into D1 inside workerd (worker/bench/export.bench.test.ts,
 * its own vitest config), then exported through the relay as CSV and as NDJSON, read to the end. Prints
 * rows per second and workerd's resident memory: before the export, and its peak while it ran. A
 * streamed export holds one page of rows at a time, so the peak stays near the baseline however many
 * rows go out. Asserts nothing; exits non-zero only when the run itself broke. EXPORT_BENCH_ROWS=n for fewer rows.
 */
import { runWorkerdBench } from './workerd-bench.ts'

const figures: { line: Record<string, unknown>; baseline: number; peak: number }[] = []
let baseline = 0
const { status, output } = await runWorkerdBench({
  config: 'vitest.export.config.ts',
  env: { EXPORT_BENCH_ROWS: process.env.EXPORT_BENCH_ROWS ?? '1000000' },
  sampleMs: 50,
  onLine(line, memory) {
    if (line.includes('EXPORT-START ')) baseline = memory.restart()
    const figure = /EXPORT (\{.*\})/.exec(line)
    if (figure) figures.push({ line: JSON.parse(figure[1]!) as Record<string, unknown>, baseline, peak: memory.peak() })
  },
})

const seeded = /EXPORT-SEEDED (\{.*\})/.exec(output)
if (figures.length < 2 || !seeded) {
  console.error(output.slice(-4000))
  process.exit(1)
}
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`
console.log(`\nbench:export (workerd, D1, ${JSON.parse(seeded[1]!).rows} rows generated in ${JSON.parse(seeded[1]!).seconds} s)\n`)
console.log(
  [
    'format'.padEnd(8),
    'rows'.padEnd(10),
    'size'.padEnd(9),
    'seconds'.padEnd(9),
    'rows/s'.padEnd(9),
    'mem before'.padEnd(12),
    'mem peak'.padEnd(10),
    'peak - before',
  ].join(''),
)
for (const { line, baseline: before, peak: top } of figures) {
  console.log(
    [
      String(line.format).padEnd(8),
      String(line.rows).padEnd(10),
      mb(Number(line.bytes)).padEnd(9),
      String(line.seconds).padEnd(9),
      String(line.rowsPerSecond).padEnd(9),
      mb(before).padEnd(12),
      mb(top).padEnd(10),
      mb(top - before),
    ].join(''),
  )
}
process.exit(status === 0 ? 0 : 1)
