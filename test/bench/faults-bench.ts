/**
 * Fault benchmark: the relay inside workerd (worker/bench/faults.bench.test.ts) with each fault
 * injected for real: D1 hanging or down, gate and hub evictions, Access keys unreachable, vendor
 * garbage, 429 holds, large bodies. Prints what held per fault (audit rows lost, calls over budget,
 * recovery times, memory peak) and asserts nothing. Then D1 outages of 30 s and 60 s under
 * `wrangler dev` with no request after them (test/relay/audit-outage.e2e.test.ts).
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from '../harness/stack.ts'
import { runWorkerdBench } from './workerd-bench.ts'

const peaks: number[] = []
const { status, output } = await runWorkerdBench({
  config: 'vitest.faults.config.ts',
  sampleMs: 100,
  onLine(line, memory) {
    if (line.includes('FAULTS-START ')) memory.restart()
    else if (/FAULTS \{/.test(line)) peaks.push(memory.peak())
  },
})

/** The relay's test of real D1 outages under wrangler dev, its figures as fault rows (its assertions hold or it fails). */
async function relayOutages(seconds: string): Promise<{ status: number | null; output: string; rows: Record<string, unknown>[] }> {
  const env = { ...process.env, AUDIT_OUTAGE_SECONDS: seconds, SKIP_EXTENSION_BUILD: '1' }
  const child = spawn('pnpm', ['exec', 'vitest', 'run', 'relay/audit-outage.e2e.test.ts'], { cwd: join(REPO_ROOT, 'test'), env })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
  const rows = [...output.matchAll(/AUDIT-OUTAGE (\{.*\})/g)].map((m) => {
    const r = JSON.parse(m[1]!) as { outageSeconds: number; requests: number; rows: number; landedAfterMs: number }
    const note = 'wrangler dev, no request after; recovery: rows seen in D1 after its return (polled, an upper bound)'
    return {
      scenario: `D1 down ${r.outageSeconds} s (wrangler dev)`,
      requests: r.requests,
      served: r.requests,
      rowsLost: r.requests - r.rows,
      vendorCallsOverBudget: null,
      recoveryMs: r.landedAfterMs,
      note,
    }
  })
  return { status, output, rows }
}

const relay = await relayOutages('30,60')
const rows = [...output.matchAll(/FAULTS (\{.*\})/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>).concat(relay.rows)
if (rows.length === 0) {
  console.error(output.slice(-4000))
  process.exit(1)
}
const show = (v: unknown) => (v === null || v === undefined ? '-' : String(v))
console.log('\nbench:faults (workerd, faults injected for real)\n')
console.log(
  [
    'fault'.padEnd(28),
    'served'.padEnd(9),
    'rows lost'.padEnd(10),
    'over budget'.padEnd(12),
    'wrong 429'.padEnd(10),
    'wrong ans'.padEnd(10),
    'room held'.padEnd(10),
    'recovery'.padEnd(10),
    'mem peak'.padEnd(10),
    'note',
  ].join(''),
)
for (const [i, r] of rows.entries()) {
  const mem = peaks[i] ? `${Math.round(peaks[i]! / 1024 / 1024)} MB` : '-'
  const recovery = typeof r.recoveryMs === 'number' ? `${Math.round(r.recoveryMs)} ms` : '-'
  const room = typeof r.roomHeld === 'number' ? `${(r.roomHeld / 1024 / 1024).toFixed(1)} MB` : '-'
  console.log(
    [
      show(r.scenario).padEnd(28),
      `${show(r.served)}/${show(r.requests)}`.padEnd(9),
      show(r.rowsLost).padEnd(10),
      show(r.vendorCallsOverBudget).padEnd(12),
      show(r.wrongRefusals).padEnd(10),
      show(r.wrongAnswers).padEnd(10),
      room.padEnd(10),
      recovery.padEnd(10),
      mem.padEnd(10),
      show(r.note),
    ].join(''),
  )
}
console.log(
  "\nwrong ans: answers shaped by one agent's refusal served to another; room held: bytes of room for large answers still held after the fault (Worker + gate).",
)
console.log(
  'mem peak: resident memory of all workerd processes of the run (the Worker, its Durable Objects and the test runner share them), sampled every 100 ms during the scenario.',
)
if (status !== 0 || relay.status !== 0) {
  console.error('\nthe fault run reported a failure:\n' + (status !== 0 ? output : relay.output).slice(-3000))
  process.exit(1)
}
