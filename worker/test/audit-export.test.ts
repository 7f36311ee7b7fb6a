import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { AUDIT_EXPORT_COLUMNS, type AuditExportRow } from '@idv-lens/shared/api'
import { insertAuditRows } from '../src/audit/store.ts'
import { assertedText, MAX_ASSERTED, type AuditEntry } from '../src/audit/entry.ts'
import { auditExportStream, EXPORT_PAGE_ROWS } from '../src/audit/export.ts'
import { csvCell } from '../src/audit/csv.ts'
import { ADMIN_TOKEN, problemOf, testRelay } from './helpers.ts'

const db = (env as unknown as { AUDIT_DB: D1Database }).AUDIT_DB
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }
const BASE = Date.parse('2026-03-01T00:00:00Z')

const entry = (i: number, at: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  at,
  requestId: `r-${i}`,
  clientRequestId: null,
  agent: `agent-${i % 5}`,
  route: '/v1/persona/inquiries/:id',
  vendor: 'persona',
  ids: ['inq_zEx4jL84ShbUyuwX6AzPSqt6'],
  outcome: 'miss',
  status: 200,
  cacheStatus: null,
  durationMs: i % 50,
  ...over,
})

/** Inserts in chunks as the writer does (one D1 batch each). */
async function seed(entries: AuditEntry[]) {
  for (let i = 0; i < entries.length; i += 900) await insertAuditRows(db, entries.slice(i, i + 900))
}

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let cell = ''
  let record: string[] = []
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++
      else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') record.push(cell), (cell = '')
    else if (ch === '\r' && text[i + 1] === '\n') record.push(cell), records.push(record), (record = []), (cell = ''), i++
    else cell += ch
  }
  expect(cell, 'the last record ends in CRLF').toBe('')
  return records
}

/** A D1 that counts the export's page queries (and nothing else changes). */
function countingDb() {
  const counts = { pages: 0 }
  const wrapped = {
    prepare: (sql: string) => {
      if (sql.includes('ORDER BY at, seq')) counts.pages++
      return db.prepare(sql)
    },
    batch: (s: D1PreparedStatement[]) => db.batch(s),
  }
  return { counts, db: wrapped }
}

beforeEach(async () => {
  await db.batch([db.prepare('DELETE FROM audit'), db.prepare('DELETE FROM audit_id')])
})

describe('GET /v1/admin/audit/export', () => {
  it('refuses an agent with 403 and no rows, before any query, and audits the attempt', async () => {
    await seed([entry(1, BASE), entry(2, BASE + 1)])
    const { counts, db: counting } = countingDb()
    const relay = testRelay({ AUDIT_DB: counting })
    for (const format of ['ndjson', 'csv']) {
      const res = await relay.get(`/v1/admin/audit/export?format=${format}`)
      expect(res.status).toBe(403)
      const problem = await problemOf(res)
      expect(problem.code).toBe('forbidden')
      expect(JSON.stringify(problem)).not.toContain('r-1')
    }
    expect(counts.pages).toBe(0)
    const refused = await db
      .prepare("SELECT agent, status FROM audit WHERE route = '/v1/admin/audit/export'")
      .all<{ agent: string; status: number }>()
    expect(refused.results).toEqual([
      { agent: 'tester', status: 403 },
      { agent: 'tester', status: 403 },
    ])
  })

  it('streams every row of the range exactly once, oldest first, across pages with ties at page edges', async () => {
    // 2,600 rows, seven to a millisecond, written out of time order (as isolates' batches land), and rows on both sides of the range.
    const n = 2600
    const inRange = Array.from({ length: n }, (_, i) => entry(i, BASE + 1000 + Math.floor(i / 7)))
    const shuffled = [...inRange].sort(
      (a, b) =>
        ((a.requestId.length * 31 + a.requestId.charCodeAt(a.requestId.length - 1)) % 11) -
        ((b.requestId.length * 31 + b.requestId.charCodeAt(b.requestId.length - 1)) % 11),
    )
    await seed([entry(-1, BASE + 999), ...shuffled, entry(-2, BASE + 1001 + n)])
    const expected = (
      await db
        .prepare('SELECT request_id FROM audit WHERE at BETWEEN ? AND ? ORDER BY at, seq')
        .bind(BASE + 1000, BASE + 1000 + n)
        .all<{ request_id: string }>()
    ).results.map((r) => r.request_id)
    expect(expected).toHaveLength(n)
    const relay = testRelay()
    const since = new Date(BASE + 1000).toISOString()
    const until = new Date(BASE + 1000 + n).toISOString()
    const res = await relay.get(`/v1/admin/audit/export?since=${since}&until=${until}&format=ndjson`, { headers: admin })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/x-ndjson')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="idv-lens-audit-2026-03-01-2026-03-01.ndjson"`)
    const lines = (await res.text()).split('\n')
    expect(lines.pop()).toBe('')
    const rows = lines.map((l) => JSON.parse(l) as AuditExportRow)
    expect(rows.map((r) => r.requestId)).toEqual(expected)
    expect(new Set(rows.map((r) => r.requestId)).size).toBe(n)
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.time >= rows[i - 1]!.time).toBe(true)
    expect(Object.keys(rows[0]!).sort()).toEqual([...AUDIT_EXPORT_COLUMNS].sort())
    expect(rows[0]).toMatchObject({
      route: '/v1/persona/inquiries/:id',
      vendor: 'persona',
      ids: ['inq_zEx4jL84ShbUyuwX6AzPSqt6'],
      outcome: 'miss',
      status: 200,
    })

    const csv = await relay.get(`/v1/admin/audit/export?since=${since}&until=${until}&format=csv`, { headers: admin })
    const [header, ...records] = parseCsv(await csv.text())
    expect(header).toEqual([...AUDIT_EXPORT_COLUMNS])
    expect(records.map((r) => r[1])).toEqual(expected)
  })

  it("keeps every column, the client Request-Id and an AI client's tool call included, and says how far back rows go", async () => {
    await seed([
      entry(1, BASE, { clientRequestId: 'ticket-42', cacheStatus: 'idv-lens; hit', vendor: null, ids: [] }),
      entry(2, BASE + 1, {
        agent: 'fin',
        route: 'mcp/why_failed',
        ai: true,
        mcp: { onBehalfOf: 'alex', ticket: 'ZD-4711', vendorCalls: 1 },
      }),
      entry(3, BASE + 2, {
        agent: 'fin',
        route: '/v1/lookup',
        vendor: null,
        ids: [],
        outcome: 'refused',
        status: 403,
        ai: true,
        problem: 'forbidden',
      }),
    ])
    const res = await testRelay({ AUDIT_RETENTION_DAYS: '45' }).get(`/v1/admin/audit/export?until=${new Date(BASE + 2).toISOString()}`, {
      headers: admin,
    })
    expect(res.headers.get('audit-retention-days')).toBe('45')
    expect(res.headers.get('audit-oldest-row')).toBe(new Date(BASE).toISOString())
    const rows = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditExportRow)
    const plain = { aiClient: null, onBehalfOf: null, ticket: null, problem: null, vendorCalls: null, escalatedTo: null }
    expect(rows).toEqual([
      {
        time: new Date(BASE).toISOString(),
        requestId: 'r-1',
        clientRequestId: 'ticket-42',
        agent: 'agent-1',
        route: '/v1/persona/inquiries/:id',
        vendor: null,
        ids: [],
        outcome: 'miss',
        status: 200,
        cacheStatus: 'idv-lens; hit',
        durationMs: 1,
        ...plain,
      },
      expect.objectContaining({
        agent: 'fin',
        aiClient: 'fin',
        route: 'mcp/why_failed',
        onBehalfOf: 'alex',
        ticket: 'ZD-4711',
        vendorCalls: 1,
        problem: null,
      }),
      expect.objectContaining({ ...plain, agent: 'fin', aiClient: 'fin', route: '/v1/lookup', status: 403, problem: 'forbidden' }),
    ])
    // Every key in the column order.
    expect(Object.keys(rows[0]!)).toEqual([...AUDIT_EXPORT_COLUMNS])
  })

  it('neutralises formula-like on_behalf_of and ticket in CSV, and keeps them bounded and on one line', async () => {
    const formula = '=HYPERLINK("http://x","y")'
    const long = `@${'x'.repeat(300)}`
    await seed([
      entry(1, BASE, {
        agent: 'fin',
        route: 'mcp/lookup',
        ai: true,
        mcp: { onBehalfOf: assertedText(long), ticket: assertedText(`${formula}\r\n-1`), vendorCalls: 0 },
      }),
    ])
    const res = await testRelay().get(`/v1/admin/audit/export?format=csv&until=${new Date(BASE).toISOString()}`, { headers: admin })
    const [header, record] = parseCsv(await res.text())
    const cell = (column: string) => record![header!.indexOf(column)]
    expect(cell('aiClient')).toBe('fin')
    expect(cell('onBehalfOf')).toBe(`'@${'x'.repeat(MAX_ASSERTED - 1)}`)
    expect(cell('ticket')).toBe(`'${formula}  -1`)
    expect(assertedText('\u2028\t ')).toBeNull()
  })

  it('neutralises formula-like CSV cells and quotes as RFC 4180 has it', async () => {
    const nasty = ['=HYPERLINK("http://x","y")', '+1+1', '-2', '@SUM(A1)', '\tcmd', '\rcmd', 'a,b', 'say "hi"', 'two\nlines', 'plain']
    await seed(nasty.map((value, i) => entry(i, BASE + i, { agent: value, clientRequestId: value, route: value })))
    // An open range would take in the export's own row too (see the last test): this one ends before it.
    const res = await testRelay().get(`/v1/admin/audit/export?format=csv&until=${new Date(BASE + 100).toISOString()}`, { headers: admin })
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const text = await res.text()
    const [, ...records] = parseCsv(text)
    const agentColumn = AUDIT_EXPORT_COLUMNS.indexOf('agent')
    const routeColumn = AUDIT_EXPORT_COLUMNS.indexOf('route')
    expect(records.map((r) => r[agentColumn])).toEqual([
      `'=HYPERLINK("http://x","y")`,
      "'+1+1",
      "'-2",
      "'@SUM(A1)",
      "'\tcmd",
      "'\rcmd",
      'a,b',
      'say "hi"',
      'two\nlines',
      'plain',
    ])
    expect(records.map((r) => r[routeColumn])).toEqual(records.map((r) => r[agentColumn]))
    // No line of the file starts a cell with a formula character outside quotes.
    for (const record of records) for (const cell of record) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`)
    expect(text).toContain('"a,b"')
    expect(csvCell(-3)).toBe('-3')
    expect(csvCell(null)).toBe('')
  })

  it('reads D1 only as the reader pulls, a page at a time, and stops when the reader cancels', async () => {
    await seed(Array.from({ length: 3 * EXPORT_PAGE_ROWS + 10 }, (_, i) => entry(i, BASE + i)))
    const { counts, db: counting } = countingDb()
    const reader = auditExportStream(counting, { format: 'ndjson', range: {} }).getReader()
    expect(counts.pages).toBe(0)
    const first = await reader.read()
    expect(new TextDecoder().decode(first.value).split('\n').length - 1).toBe(EXPORT_PAGE_ROWS)
    expect(counts.pages).toBe(1)
    await reader.read()
    expect(counts.pages).toBe(2)
    await reader.cancel()
    expect(await reader.read()).toEqual({ done: true, value: undefined })
    expect(counts.pages).toBe(2)

    // Through the route: the response's body is the same lazy stream.
    const relay = testRelay({ AUDIT_DB: counting })
    const res = await relay.get('/v1/admin/audit/export?format=csv', { headers: admin })
    const body = res.body!.getReader()
    await body.read()
    await body.read()
    const after = counts.pages
    await body.cancel()
    expect(after).toBeLessThanOrEqual(3)
    expect(counts.pages).toBe(after)
  })

  it('pages by an index range scan: no sort of the range, however deep', async () => {
    const plan = await db
      .prepare('EXPLAIN QUERY PLAN SELECT seq FROM audit WHERE at >= ? AND at <= ? AND (at, seq) > (?, ?) ORDER BY at, seq LIMIT 1000')
      .bind(0, 1, 0, 0)
      .all<{ detail: string }>()
    const details = plan.results.map((r) => r.detail).join(' | ')
    expect(details).toMatch(/USING (COVERING )?INDEX audit_at/)
    expect(details).not.toMatch(/TEMP B-TREE/)
  })

  describe('a date-only until names its whole UTC day; a timestamp stays as given', () => {
    const DAY = '2026-03-01'
    const at = (iso: string) => Date.parse(iso)
    const edges = [
      '2026-02-28T23:59:59.999Z',
      '2026-03-01T00:00:00.000Z',
      '2026-03-01T12:00:00.000Z',
      '2026-03-01T23:59:59.999Z',
      '2026-03-02T00:00:00.000Z',
    ]
    beforeEach(async () => {
      await seed(edges.map((iso, i) => entry(i, at(iso), { agent: 'edges' })))
    })
    const exported = async (query: string) => {
      const res = await testRelay().get(`/v1/admin/audit/export?format=ndjson&${query}`, { headers: admin })
      expect(res.status).toBe(200)
      return (await res.text())
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as AuditExportRow)
        .filter((row) => row.agent === 'edges')
        .map((row) => row.time)
    }
    const listed = async (query: string) => {
      const res = await testRelay().get(`/v1/admin/audit?agent=edges&${query}`, { headers: admin })
      expect(res.status).toBe(200)
      return ((await res.json()) as { data: { time: string }[] }).data.map((row) => row.time).reverse()
    }

    it.each([
      [`since=${DAY}&until=${DAY}`, edges.slice(1, 4)],
      [`until=${DAY}`, edges.slice(0, 4)],
      [`since=${DAY}&until=${DAY}T12:00:00Z`, edges.slice(1, 3)],
      [`since=2026-03-01T12:00:00Z&until=${DAY}`, edges.slice(2, 4)],
    ])('%s: the export and the audit view hold the same rows', async (query, expected) => {
      expect(await exported(query)).toEqual(expected)
      expect(await listed(query)).toEqual(expected)
    })
  })

  it.each([
    ['format=xlsx', 'format'],
    ['since=yesterday', 'since'],
    ['since=2026-03-02&until=2026-03-01', 'until'],
    ['limit=5', 'limit'],
  ])('refuses %s with a 400 naming it', async (query, parameter) => {
    const res = await testRelay().get(`/v1/admin/audit/export?${query}`, { headers: admin })
    expect(res.status).toBe(400)
    expect((await problemOf(res)).parameter).toBe(parameter)
  })

  it('is audited itself: a row for the admin who exported', async () => {
    await seed([entry(1, BASE)])
    const res = await testRelay().get('/v1/admin/audit/export?format=csv&since=2026-03-01', { headers: admin })
    await res.text()
    const rows = await db.prepare("SELECT agent, outcome, status FROM audit WHERE route = '/v1/admin/audit/export'").all()
    expect(rows.results).toEqual([{ agent: 'boss', outcome: 'served', status: 200 }])
  })
})
