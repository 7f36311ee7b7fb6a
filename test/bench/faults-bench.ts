/**
 * Fault benchmark: the relay inside workerd (worker/bench/faults.bench.test.ts, its own vitest config,
 * the same demo upstream and Access key stand-in as the worker tests) with each fault injected for
 * real. Prints what held per fault: requests served, audit rows lost, vendor calls over the budget.
 * Asserts nothing (the figures are for reading); exits non-zero only when the run itself broke.
 *
 *   D1 hang / D1 fail        lookups and lists while the audit database hangs or refuses; rows lost
 *                            counted after it is back
 *   gate evicted mid-window  5 calls, the vendor gate evicted, 5 more, on a budget of 5 per window
 *   hub evicted mid-window   webhooks around an eviction of the live hub; events missing from the backlog
 *   Access certs down        Access mode, keys fetched, then 2 h later with the key endpoint unreachable
 *   vendor garbage           the vendor answers malformed JSON; the answers, and whether it was cached
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from '../harness/stack.ts'

const run = spawnSync('pnpm', ['exec', 'vitest', 'run', '--config', 'vitest.faults.config.ts'], {
  cwd: join(REPO_ROOT, 'worker'),
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
})
const output = `${run.stdout}\n${run.stderr}`
const rows = [...output.matchAll(/FAULTS (\{.*\})/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>)
if (rows.length === 0) {
  console.error(output.slice(-4000))
  process.exit(1)
}
const show = (v: unknown) => (v === null || v === undefined ? '-' : String(v))
console.log('\nbench:faults (workerd, faults injected for real)\n')
console.log(['fault'.padEnd(26), 'served'.padEnd(9), 'rows lost'.padEnd(10), 'over budget'.padEnd(12), 'note'].join(''))
for (const r of rows) {
  console.log([show(r.scenario).padEnd(26), `${show(r.served)}/${show(r.requests)}`.padEnd(9), show(r.rowsLost).padEnd(10), show(r.vendorCallsOverBudget).padEnd(12), show(r.note)].join(''))
}
if (run.status !== 0) {
  console.error('\nthe fault run reported a failure:\n' + output.slice(-3000))
  process.exit(1)
}
