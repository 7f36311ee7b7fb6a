import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { ACTION_KINDS, VENDOR_NAMES, type AgentUsageDay, type UsageReport } from '@idv-lens/shared/api'
import { insertAuditRows } from '../src/audit/store.ts'
import type { AuditEntry } from '../src/audit/entry.ts'
import { ADMIN_TOKEN, AGENT_TOKEN, OTHER_TOKEN, problemOf, testRelay } from './helpers.ts'
import { STRIPE_FIXTURE_IDS } from '../demo-upstream/stripe-seed.ts'

const db = (env as unknown as { AUDIT_DB: D1Database }).AUDIT_DB
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }
const other = { authorization: `Bearer ${OTHER_TOKEN}` }
const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
const DAY = 24 * 3600 * 1000

const row = (i: number, over: Partial<AuditEntry>): AuditEntry => ({
  at: Date.now(),
  requestId: `seeded-${i}`,
  clientRequestId: null,
  agent: 'other',
  route: '/v1/persona/inquiries/:id/add-tag',
  vendor: 'persona',
  ids: [INQ],
  outcome: 'served',
  status: 200,
  cacheStatus: null,
  durationMs: 3,
  ...over,
})

const total = (d: AgentUsageDay) =>
  d.lookups +
  d.reads +
  d.other +
  Object.values(d.actions).reduce((a, b) => a + (b ?? 0), 0) +
  Object.values(d.refusals).reduce((a, b) => a + b, 0)

beforeEach(async () => {
  await db.batch([db.prepare('DELETE FROM audit'), db.prepare('DELETE FROM audit_id')])
})

describe('GET /v1/admin/usage', () => {
  it('refuses an agent with 403 and no counts', async () => {
    const res = await testRelay().get('/v1/admin/usage')
    expect(res.status).toBe(403)
    expect(await problemOf(res)).toMatchObject({ code: 'forbidden' })
  })

  it('counts per agent and day exactly the audit rows, by kind, and vendor calls per day', async () => {
    const relay = testRelay()
    // Real requests: lookups, reads, a refusal, two vendors in one lookup, another agent.
    await relay.get(`/v1/lookup?ids=${INQ}`)
    await relay.get(`/v1/lookup?ids=${INQ}`)
    await relay.get(`/v1/persona/inquiries/${INQ}`)
    await relay.get('/v1/persona/inquiries?page%5Bsize%5D=0')
    await relay.get('/v1/status')
    await relay.get(`/v1/lookup?ids=${INQ},${UUID}`, { headers: other })
    await relay.get(`/v1/lookup?ids=${STRIPE_FIXTURE_IDS.session}`)
    await relay.get('/v1/admin/audit?limit=1', { headers: other })
    // Writes (issue 49) and rows from 3 days ago and from before the range.
    const now = Date.now()
    await insertAuditRows(db, [
      ...ACTION_KINDS.map((kind, i) => row(i, { route: `/v1/persona/inquiries/:id/${kind}` })),
      row(10, { route: '/v1/persona/inquiries/:id/set-status', outcome: 'refused', status: 403 }),
      row(11, { at: now - 3 * DAY, route: '/v1/persona/inquiries/:id', outcome: 'miss' }),
      row(12, { at: now - 40 * DAY, route: '/v1/persona/inquiries/:id', outcome: 'miss' }),
    ])
    const res = await relay.get('/v1/admin/usage?days=30', { headers: admin })
    expect(res.status).toBe(200)
    const report = (await res.json()) as UsageReport
    const today = new Date(now).toISOString().slice(0, 10)
    expect(report.to).toBe(today)
    expect(report.from).toBe(new Date(now - 29 * DAY).toISOString().slice(0, 10))
    expect(report.retentionDays).toBe(90)
    expect(report.oldestRow).toBe(new Date(now - 40 * DAY).toISOString())

    // Every count against the audit's own rows, agent by agent and day by day (but the usage request's own, written after it answered).
    const fromMs = Date.parse(`${report.from}T00:00:00Z`)
    const audit = await db
      .prepare('SELECT agent, at / 86400000 AS day, COUNT(*) AS n FROM audit WHERE at >= ? AND route != ? GROUP BY agent, day')
      .bind(fromMs, '/v1/admin/usage')
      .all<{ agent: string | null; day: number; n: number }>()
    const counted = report.agents.flatMap((a) =>
      a.days.map((d) => ({ agent: a.agent, day: Date.parse(`${d.day}T00:00:00Z`) / DAY, n: total(d) })),
    )
    const key = (r: { agent: string | null; day: number }) => `${r.agent}|${r.day}`
    expect(Object.fromEntries(counted.map((r) => [key(r), r.n]))).toEqual(Object.fromEntries(audit.results.map((r) => [key(r), r.n])))

    const tester = report.agents.find((a) => a.agent === 'tester')!.days.find((d) => d.day === today)!
    expect(tester).toEqual({ day: today, lookups: 3, reads: 1, actions: {}, refusals: { '400': 1 }, other: 1 })
    const otherToday = report.agents.find((a) => a.agent === 'other')!.days.find((d) => d.day === today)!
    expect(otherToday).toEqual({
      day: today,
      lookups: 1,
      reads: 0,
      actions: Object.fromEntries(ACTION_KINDS.map((k) => [k, 1])),
      refusals: { '403': 2 },
      other: 0,
    })
    expect(report.agents.find((a) => a.agent === 'other')!.days.map((d) => d.day)).toEqual([
      new Date(now - 3 * DAY).toISOString().slice(0, 10),
      today,
    ])

    // Vendor calls: the audit's misses per vendor and day (a two-vendor lookup counts for each)...
    const persona = report.vendors.find((v) => v.vendor === 'persona')!
    const misses = await db
      .prepare("SELECT vendor FROM audit WHERE at >= ? AND outcome IN ('miss', 'vendor-error') AND vendor IS NOT NULL")
      .bind(fromMs)
      .all<{ vendor: string }>()
    const personaCalls = misses.results.filter((r) => r.vendor.split(',').includes('persona')).length
    // ...and the writes Persona did (one of each kind today; the refused one never reached it).
    expect(persona.days.reduce((a, d) => a + d.calls, 0)).toBe(personaCalls + ACTION_KINDS.length)
    // Per Persona's own minute, not the 61 s the gate counts (an admin read "per 61 s" as a typo).
    expect(persona.budget).toEqual({ perWindow: 270, windowSeconds: 60, perDay: null })
    const deepidv = report.vendors.find((v) => v.vendor === 'deepidv')!
    expect(deepidv.days).toEqual([{ day: today, calls: 1 }])
    expect(deepidv.budget.perDay).toBe(9500)
    // Stripe's chart too: its lookup counted like any vendor's.
    // Every vendor of the registry has its chart, Onfido's without calls here.
    expect(report.vendors.map((v) => v.vendor)).toEqual([...VENDOR_NAMES])
    expect(report.vendors.find((v) => v.vendor === 'stripe')!.days).toEqual([{ day: today, calls: 1 }])
  })

  it("counts no CORS preflight: not as an agent's read or action, not as a vendor call", async () => {
    const relay = testRelay()
    const preflight = (path: string, method: string) =>
      relay.get(path, {
        method: 'OPTIONS',
        auth: false,
        headers: {
          origin: 'chrome-extension://testextensionid',
          'access-control-request-method': method,
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      })
    for (const kind of ACTION_KINDS) expect((await preflight(`/v1/persona/inquiries/${INQ}/${kind}`, 'POST')).status).toBe(204)
    expect((await preflight(`/v1/persona/inquiries/${INQ}`, 'GET')).status).toBe(204)
    expect((await preflight(`/v1/lookup?ids=${INQ}`, 'GET')).status).toBe(204)
    await relay.get(`/v1/persona/inquiries/${INQ}`)
    // A preflight recorded before preflights had their own outcome.
    await insertAuditRows(db, [row(1, { agent: null, ids: [], outcome: 'served', status: 204 })])

    const report = (await (await relay.get('/v1/admin/usage?days=1', { headers: admin })).json()) as UsageReport
    const today = new Date().toISOString().slice(0, 10)
    expect(report.agents).toEqual([{ agent: 'tester', days: [{ day: today, lookups: 0, reads: 1, actions: {}, refusals: {}, other: 0 }] }])
    expect(report.vendors.find((v) => v.vendor === 'persona')!.days).toEqual([{ day: today, calls: 1 }])
    const rows = await db
      .prepare("SELECT outcome, vendor, agent FROM audit WHERE status = 204 AND route != '/v1/admin/usage' ORDER BY seq")
      .all()
    expect(rows.results).toEqual([
      ...Array.from({ length: ACTION_KINDS.length + 2 }, () => ({ outcome: 'preflight', vendor: null, agent: null })),
      { outcome: 'served', vendor: 'persona', agent: null },
    ])
  })

  it('lists each AI principal as its own row, marked ai, its action tools counted as writes', async () => {
    const ai = 'x'.repeat(40)
    const tokens = `tester:${AGENT_TOKEN},boss:${ADMIN_TOKEN}:admin,fin:${ai}:ai:actor,idle-bot:${ai.replace(/x/g, 'y')}:ai`
    await insertAuditRows(db, [
      row(1, { agent: 'fin', route: 'mcp/why_failed', outcome: 'miss' }),
      row(2, { agent: 'fin', route: 'mcp/send_new_link' }),
      row(3, { agent: 'tester', route: 'mcp/lookup', outcome: 'hit' }),
    ])
    const report = (await (
      await testRelay({ AGENT_TOKENS: tokens }).get('/v1/admin/usage?days=1', { headers: admin })
    ).json()) as UsageReport
    const today = new Date().toISOString().slice(0, 10)
    expect(report.agents).toEqual([
      {
        agent: 'fin',
        ai: true,
        days: [{ day: today, lookups: 0, reads: 1, actions: { 'generate-one-time-link': 1 }, refusals: {}, other: 0 }],
      },
      { agent: 'tester', days: [{ day: today, lookups: 1, reads: 0, actions: {}, refusals: {}, other: 0 }] },
      { agent: 'idle-bot', ai: true, days: [] },
    ])
    // The link Persona made by MCP is a write it did, beside the read that missed.
    expect(report.vendors.find((v) => v.vendor === 'persona')!.days).toEqual([{ day: today, calls: 2 }])
  })

  it('counts per AI client its tool calls by tool and its refusals by problem code, its token on /v1 included', async () => {
    const ai = 'x'.repeat(40)
    const tokens = `tester:${AGENT_TOKEN},boss:${ADMIN_TOKEN}:admin,fin:${ai}:ai,idle-bot:${ai.replace(/x/g, 'y')}:ai`
    const relay = testRelay({ AGENT_TOKENS: tokens })
    // Its token on /v1, through the relay: refused, and counted for it.
    expect((await relay.get(`/v1/persona/inquiries/${INQ}`, { headers: { authorization: `Bearer ${ai}` } })).status).toBe(403)
    await insertAuditRows(db, [
      row(1, { agent: 'fin', route: 'mcp/why_failed', outcome: 'miss', ai: true }),
      row(2, { agent: 'fin', route: 'mcp/why_failed', outcome: 'hit', ai: true }),
      row(3, { agent: 'fin', route: 'mcp/lookup', outcome: 'budget', status: 429, ai: true, problem: 'budget-exhausted' }),
      // An agent's own assistant on /mcp, and a row older than the range: neither is counted.
      row(4, { agent: 'tester', route: 'mcp/lookup', outcome: 'hit' }),
      row(5, { agent: 'fin', route: 'mcp/lookup', outcome: 'hit', ai: true, at: Date.now() - 3 * DAY }),
    ])
    const res = await relay.get('/v1/admin/usage?days=1', { headers: admin })
    expect(res.status).toBe(200)
    const report = (await res.json()) as UsageReport
    expect(report.aiClients).toEqual([
      { name: 'fin', calls: 3, tools: { why_failed: 2, lookup: 1 }, refusals: { forbidden: 1, 'budget-exhausted': 1 } },
      { name: 'idle-bot', calls: 0, tools: {}, refusals: {} },
    ])
    expect(JSON.stringify(report)).not.toContain(ai)
  })

  it('holds no personal data: agent names, routes counted, never an ID', async () => {
    await testRelay().get(`/v1/persona/inquiries/${INQ}`)
    const text = await (await testRelay().get('/v1/admin/usage?days=1', { headers: admin })).text()
    expect(text).not.toContain(INQ)
    expect(text).toContain('"agent":"tester"')
  })

  it.each([['days=0'], ['days=367'], ['days=x'], ['agent=tester']])('refuses %s with a 400', async (query) => {
    const res = await testRelay().get(`/v1/admin/usage?${query}`, { headers: admin })
    expect(res.status).toBe(400)
    expect((await problemOf(res)).parameter).toBe(query.split('=')[0])
  })

  it("counts an AI client's tool calls under its own name: mcp/lookup as lookups, other tools as reads", async () => {
    await insertAuditRows(db, [
      row(0, { agent: 'fin', route: 'mcp/lookup', outcome: 'miss', mcp: { onBehalfOf: 'alex', ticket: 'ZD-1', vendorCalls: 1 } }),
      row(1, { agent: 'fin', route: 'mcp/history', outcome: 'hit', mcp: { onBehalfOf: null, ticket: null, vendorCalls: 0 } }),
      row(2, {
        agent: 'fin',
        route: 'mcp/recent',
        outcome: 'budget',
        status: 429,
        mcp: { onBehalfOf: null, ticket: null, vendorCalls: 0 },
      }),
    ])
    const res = await testRelay().get('/v1/admin/usage', { headers: admin })
    const report = (await res.json()) as UsageReport
    const fin = report.agents.find((a) => a.agent === 'fin')!
    expect(fin.days).toHaveLength(1)
    expect(fin.days[0]).toMatchObject({ lookups: 1, reads: 1, other: 0, refusals: { '429': 1 } })
  })
})
