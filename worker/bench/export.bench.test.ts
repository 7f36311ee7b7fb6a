import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { describe, it } from 'vitest'
import app from '../src/index.ts'
import { ADMIN_TOKEN, testRelay } from '../test/helpers.ts'

// bench:export, inside workerd: ROWS audit rows generated into D1 by one recursive INSERT, then
// exported through the relay as CSV and as NDJSON and read to the end. One `EXPORT {json}` line per
// format (rows, bytes, seconds, rows/s); test/bench/export-bench.ts samples workerd's memory between
// `EXPORT-START` and it. Figures, not assertions: but for a count that is not ROWS, which is a broken run.
declare const __EXPORT_BENCH_ROWS__: string
/** 1,000,000 unless EXPORT_BENCH_ROWS says otherwise (vitest.export.config.ts passes it in). */
const ROWS = Number(__EXPORT_BENCH_ROWS__)
const db = (env as unknown as { AUDIT_DB: D1Database }).AUDIT_DB
const BASE = Date.parse('2026-01-01T00:00:00Z')

async function generate(): Promise<void> {
  await db.batch([db.prepare('DELETE FROM audit'), db.prepare('DELETE FROM audit_id')])
  // A tenth of the rows name an ID (the trigger files it in audit_id, as real rows do); four rows a millisecond.
  await db
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO audit (at, request_id, client_request_id, agent, route, vendor, ids, outcome, status, cache_status, duration_ms)
       SELECT ? + i / 4, 'bench-' || i, CASE WHEN i % 3 = 0 THEN 'ticket-' || i END, 'agent-' || (i % 200),
         CASE WHEN i % 2 = 0 THEN '/v1/lookup' ELSE '/v1/persona/inquiries/:id' END, 'persona',
         CASE WHEN i % 10 = 0 THEN '["inq_zEx4jL84ShbUyuwX6AzPSqt6"]' ELSE '[]' END,
         CASE WHEN i % 7 = 0 THEN 'miss' ELSE 'hit' END, 200, 'idv-lens; hit', i % 90 FROM n`,
    )
    .bind(ROWS, BASE)
    .run()
}

async function exportOnce(format: 'csv' | 'ndjson'): Promise<void> {
  const relay = testRelay()
  console.log(`EXPORT-START ${JSON.stringify({ format })}`)
  const started = performance.now()
  const ctx = createExecutionContext()
  const res = await app.fetch(
    new Request(`http://relay.test/v1/admin/audit/export?format=${format}&until=2026-01-02`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    }),
    relay.env,
    ctx,
  )
  const reader = res.body!.getReader()
  let bytes = 0
  let lines = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    bytes += value.byteLength
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++
  }
  await waitOnExecutionContext(ctx)
  const seconds = (performance.now() - started) / 1000
  const rows = format === 'csv' ? lines - 1 : lines
  if (rows !== ROWS) throw new Error(`exported ${rows} rows of ${ROWS}`)
  console.log(
    `EXPORT ${JSON.stringify({ format, rows, bytes, seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(rows / seconds) })}`,
  )
}

describe('bench:export', () => {
  it('generates the rows', async () => {
    const started = performance.now()
    await generate()
    const { results } = await db.prepare('SELECT COUNT(*) AS n FROM audit').all<{ n: number }>()
    console.log(
      `EXPORT-SEEDED ${JSON.stringify({ rows: results[0]!.n, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) })}`,
    )
  })
  it('exports CSV', () => exportOnce('csv'))
  it('exports NDJSON', () => exportOnce('ndjson'))
})
