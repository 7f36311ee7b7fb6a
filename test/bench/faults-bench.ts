/**
 * Fault benchmark: the relay inside workerd (worker/bench/faults.bench.test.ts, its own vitest config,
 * the same demo upstream and Access key stand-in as the worker tests) with each fault injected for
 * real. Prints what held per fault: requests served, audit rows lost, vendor calls over the budget,
 * refusals about one agent handed to another, recovery times, and the memory peak of workerd (the
 * resident set of every workerd process under the run, sampled while the scenario runs).
 * Asserts nothing (the figures are for reading); exits non-zero only when the run itself broke.
 *
 *   D1 hang / D1 fail        lookups and lists while the audit database hangs or refuses; rows lost
 *                            counted after it is back
 *   gate evicted mid-window  5 calls, the vendor gate evicted, 5 more, on a budget of 5 per window
 *   hub evicted mid-window   webhooks around an eviction of the live hub; events missing from the backlog
 *   Access certs down        Access mode, keys fetched, then 2 h later with the key endpoint unreachable
 *   vendor garbage           the vendor answers malformed JSON; the answers, and whether it was cached
 *   coalesced refusal        a joiner within its share joins a leader refused for its own share
 *   vendor header            a 429 whose ratelimit-reset is a day: how long every agent is held
 *   deep body                a 2xx nested 3,000 deep on a list, a retrieve and a lookup
 *   40 large bodies          40 concurrent misses answered with 4.8 MB each
 *   D1 down, back            rows written by the flush's own retries, with no request after D1 is back
 *   empty Access key set     the hourly refresh answers {"keys":[]}
 *   ticket burst             200 ticket requests from one token; webhook acks meanwhile
 *   hub restart              a client resuming with an old epoch's `since` against a new hub
 */
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '../harness/stack.ts'

/** Resident memory (bytes) of every workerd process descending from `root`. */
function workerdRss(root: number): number {
  const parents = new Map<number, number>()
  const names = new Map<number, string>()
  const rss = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const close = stat.lastIndexOf(')')
      names.set(pid, stat.slice(stat.indexOf('(') + 1, close))
      const fields = stat.slice(close + 2).split(' ')
      parents.set(pid, Number(fields[1]))
      rss.set(pid, Number(fields[21]) * 4096)
    } catch {
      // Gone meanwhile.
    }
  }
  const under = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 32; p = parents.get(p) ?? 0, hops++) if (p === root) return true
    return false
  }
  let total = 0
  for (const [pid, name] of names) if (name.startsWith('workerd') && under(pid)) total += rss.get(pid) ?? 0
  return total
}

const child = spawn('pnpm', ['exec', 'vitest', 'run', '--config', 'vitest.faults.config.ts'], { cwd: join(REPO_ROOT, 'worker') })
let output = ''
let peak = 0
const peaks: number[] = []
let pendingLine = ''
const sampler = setInterval(() => {
  if (child.pid) peak = Math.max(peak, workerdRss(child.pid))
}, 100)
const onText = (chunk: Buffer) => {
  const text = chunk.toString('utf8')
  output += text
  pendingLine += text
  const lines = pendingLine.split('\n')
  pendingLine = lines.pop() ?? ''
  for (const line of lines) {
    if (line.includes('FAULTS-START ')) peak = child.pid ? workerdRss(child.pid) : 0
    else if (/FAULTS \{/.test(line)) peaks.push(peak)
  }
}
child.stdout.on('data', onText)
child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
clearInterval(sampler)

const rows = [...output.matchAll(/FAULTS (\{.*\})/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>)
if (rows.length === 0) {
  console.error(output.slice(-4000))
  process.exit(1)
}
const show = (v: unknown) => (v === null || v === undefined ? '-' : String(v))
console.log('\nbench:faults (workerd, faults injected for real)\n')
console.log(['fault'.padEnd(28), 'served'.padEnd(9), 'rows lost'.padEnd(10), 'over budget'.padEnd(12), 'wrong 429'.padEnd(10), 'recovery'.padEnd(10), 'mem peak'.padEnd(10), 'note'].join(''))
for (const [i, r] of rows.entries()) {
  const mem = peaks[i] ? `${Math.round(peaks[i]! / 1024 / 1024)} MB` : '-'
  const recovery = typeof r.recoveryMs === 'number' ? `${Math.round(r.recoveryMs)} ms` : '-'
  console.log(
    [
      show(r.scenario).padEnd(28),
      `${show(r.served)}/${show(r.requests)}`.padEnd(9),
      show(r.rowsLost).padEnd(10),
      show(r.vendorCallsOverBudget).padEnd(12),
      show(r.wrongRefusals).padEnd(10),
      recovery.padEnd(10),
      mem.padEnd(10),
      show(r.note),
    ].join(''),
  )
}
console.log('\nmem peak: resident memory of all workerd processes of the run (the Worker, its Durable Objects and the test runner share them), sampled every 100 ms during the scenario.')
if (status !== 0) {
  console.error('\nthe fault run reported a failure:\n' + output.slice(-3000))
  process.exit(1)
}
