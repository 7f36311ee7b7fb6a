/**
 * Mixed load: `BENCH_CONNECTIONS` (200) connections for `BENCH_SECONDS` (30) s, split evenly over
 * `/healthz`, a cached list, `/v1/lookup` and `/v1/history` at once, against the real Worker under
 * `wrangler dev` in front of the demo upstream, both on 127.0.0.1. Prints latency, answers by status
 * and the relay's memory; then reads the audit back (D1) and exits 1 when its rows of this run are not
 * one per `/v1` request answered: that is a correctness check. Timings are printed, never asserted.
 */
import { randomUUID } from 'node:crypto'
import { startStack, type Stack } from '../harness/stack.ts'
import { AGENT_AUTH, CACHED_LIST_PATH, demoTargets, type DemoTargets } from './demo-targets.ts'
import { combined, load, type LoadResult } from './load.ts'
import { watchRssMb } from './process-cpu.ts'

const OPTIONS = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 200),
  seconds: Number(process.env.BENCH_SECONDS ?? 30),
  /** Requests per route before the load: isolate start, first cache fills (not counted, no Request-Id). */
  warmup: 20,
  /** How long the audit writer may take to drain its pending rows after the load. */
  settleMs: 60_000,
  pollMs: 500,
}

/** Every request of this run carries `Request-Id: <RUN>-<route>`: the relay keeps it in the audit row (client_request_id). */
const RUN = `mixed-load-${randomUUID().slice(0, 8)}`

type Route = { name: string; path: string; agent: boolean }
type RouteResult = Route & { connections: number; result: LoadResult }

function routesTo({ lookupIds, referenceId }: DemoTargets): Route[] {
  if (!referenceId) throw new Error('The demo upstream has no story (its anchor is before 2024-02-28): no reference ID for /v1/history.')
  return [
    { name: 'healthz', path: '/healthz', agent: false },
    { name: 'list', path: CACHED_LIST_PATH, agent: true },
    { name: 'lookup', path: `/v1/lookup?ids=${lookupIds.join(',')}`, agent: true },
    { name: 'history', path: `/v1/history?reference-id=${encodeURIComponent(referenceId)}`, agent: true },
  ]
}

const headersFor = (route: Route, requestId?: string) => ({
  ...(route.agent ? AGENT_AUTH : {}),
  ...(requestId ? { 'request-id': requestId } : {}),
})

/** The connections shared out over the routes, the first ones taking what does not divide evenly. */
const connectionsOf = (index: number, routes: number) =>
  Math.floor(OPTIONS.connections / routes) + (index < OPTIONS.connections % routes ? 1 : 0)

async function mixedLoad(relayUrl: string, routes: Route[]): Promise<RouteResult[]> {
  const run = async (route: Route, i: number) => {
    const connections = connectionsOf(i, routes.length)
    const result = await load(`${relayUrl}${route.path}`, {
      seconds: OPTIONS.seconds,
      concurrency: connections,
      headers: headersFor(route, `${RUN}-${route.name}`),
    })
    return { ...route, connections, result }
  }
  return Promise.all(routes.map(run))
}

type AuditHealth = { audit: { pending?: number } }

/** Polls /healthz (as an agent, which shows the writer's pending rows) until nothing is pending, within `settleMs`. */
async function auditDrained(relayUrl: string): Promise<{ pending: number; seconds: number }> {
  const startedAt = performance.now()
  for (;;) {
    const health = (await (await fetch(`${relayUrl}/healthz`, { headers: AGENT_AUTH })).json()) as AuditHealth
    const pending = health.audit.pending ?? NaN
    const seconds = (performance.now() - startedAt) / 1000
    if (pending === 0 || seconds * 1000 >= OPTIONS.settleMs) return { pending, seconds }
    await new Promise((resolve) => setTimeout(resolve, OPTIONS.pollMs))
  }
}

/** This run's audit rows per route name, read from the relay's D1. */
async function auditRowsOf(stack: Stack): Promise<Record<string, number>> {
  const rows = await stack.relay.queryAudit<{ client_request_id: string; n: number }>(
    `SELECT client_request_id, count(*) AS n FROM audit WHERE client_request_id LIKE '${RUN}-%' GROUP BY client_request_id`,
  )
  return Object.fromEntries(rows.map((row) => [row.client_request_id.slice(RUN.length + 1), row.n]))
}

const count = (r: LoadResult, test: (status: number) => boolean) =>
  Object.entries(r.statuses).reduce((n, [status, k]) => (test(Number(status)) ? n + k : n), 0)
const answered = (r: LoadResult) => count(r, (status) => status !== 0)

function statusLine(r: LoadResult): string {
  const byStatus = Object.entries(r.statuses)
    .map(([status, n]) => `${status === '0' ? 'no answer' : status} ×${n}`)
    .join(', ')
  const errors = `non-2xx ${r.errors}, ≥500 ${count(r, (status) => status >= 500)}, 429 ${count(r, (status) => status === 429)}`
  return `${errors}   [${byStatus}]`
}

const routeLine = (name: string, r: LoadResult) =>
  `  ${name.padEnd(8)} ${String(r.requests).padStart(7)} requests ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(1).padStart(7)} ms   p99 ${r.p99.toFixed(1).padStart(7)} ms   ${statusLine(r)}`

function printLoad(results: RouteResult[], all: LoadResult): void {
  console.log(
    `\nMixed load (wrangler dev + demo upstream on 127.0.0.1): ${OPTIONS.connections} connections for ${OPTIONS.seconds} s, ${results.map((r) => `${r.name} ${r.connections}`).join(', ')}`,
  )
  for (const { name, result } of results) console.log(routeLine(name, result))
  console.log(routeLine('overall', all))
  console.log('  (429: the team\'s vendor budget refused the call; "no answer": a network failure or none within 30 s)')
}

/** Prints the audit's rows of this run against the `/v1` requests answered; false when any route differs. */
function printAudit(results: RouteResult[], rows: Record<string, number>, drained: { pending: number; seconds: number }): boolean {
  const audited = results.filter((r) => r.path.startsWith('/v1/'))
  const lines = audited.map((r) => ({
    name: r.name,
    rows: rows[r.name] ?? 0,
    requests: answered(r.result),
    unanswered: r.result.statuses[0] ?? 0,
  }))
  const total = lines.reduce((sum, l) => ({ rows: sum.rows + l.rows, requests: sum.requests + l.requests }), { rows: 0, requests: 0 })
  console.log(
    `  audit    ${drained.pending} rows pending after ${drained.seconds.toFixed(1)} s of settle; rows of this run (client Request-Id ${RUN}-*) vs /v1 requests answered:`,
  )
  for (const l of lines)
    console.log(
      `    ${l.name.padEnd(8)} ${l.rows} rows, ${l.requests} requests${l.rows === l.requests ? '' : `  MISMATCH (${l.rows - l.requests}; ${l.unanswered} got no answer)`}`,
    )
  const equal = lines.every((l) => l.rows === l.requests)
  console.log(`    total    ${total.rows} rows, ${total.requests} requests: ${equal ? 'equal' : 'NOT EQUAL'}`)
  return equal
}

const stack = await startStack()
try {
  const relayUrl = stack.relay.url
  const routes = routesTo(await demoTargets(stack.upstream.url))
  for (const route of routes)
    await load(`${relayUrl}${route.path}`, { requests: OPTIONS.warmup, concurrency: 4, headers: headersFor(route) })
  const memory = watchRssMb(stack.relay.process.child.pid!, 'workerd')
  const personaCallsBefore = await stack.upstream.personaCalls()
  const results = await mixedLoad(relayUrl, routes)
  const personaCalls = (await stack.upstream.personaCalls()) - personaCallsBefore
  const drained = await auditDrained(relayUrl)
  const { before, peak, after } = memory.stop()
  printLoad(results, combined(results.map((r) => r.result)))
  console.log(`  vendor   ${personaCalls} Persona calls during the load (cache refreshes)`)
  console.log(
    `  memory   relay workerd ${before.toFixed(0)} MB before the load (warmed), ${peak.toFixed(0)} MB peak, ${after.toFixed(0)} MB after (once the audit drained; resident, every workerd of the relay)`,
  )
  if (!printAudit(results, await auditRowsOf(stack), drained)) process.exitCode = 1
} finally {
  await stack.stop()
}
