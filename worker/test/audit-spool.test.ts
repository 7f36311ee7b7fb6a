import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import type { AuditSpool } from '../src/audit/spool.ts'
import { SPOOL_BACKOFF, SPOOL_MAX_ROWS } from '../src/audit/spool.ts'
import type { AuditSpoolNamespace } from '../src/audit/spool-binding.ts'
import type { AuditEntry } from '../src/audit/entry.ts'
import { auditWriterFor, type AuditClock } from '../src/audit/store.ts'
import { auditWriterOptions } from '../src/middleware/audit-log.ts'
import { testRelay } from './helpers.ts'

// An audit that outlasts the outage: rows an isolate's flush could not write go to the AuditSpool
// Durable Object, whose alarm writes them with backoff once D1 is back, with no request after the
// outage. Real D1 and the real spool (workerd); the outage is a switch on the spool's injected clock,
// and time passes by running the spool's alarm at the time it set (runDurableObjectAlarm): no real waiting.

const db = (env as unknown as { AUDIT_DB: D1Database }).AUDIT_DB
const spools = (env as unknown as { AUDIT_SPOOL: DurableObjectNamespace<AuditSpool> }).AUDIT_SPOOL
const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const OUTAGE_MS = 60_000
const never = () => new Promise<never>(() => {})
/** The simulated clock starts a year ahead, so the spool's alarms never fire on their own: the test runs them. */
const FAR_AHEAD = Date.now() + 365 * 24 * 3600 * 1000

type Health = { audit: { writes: string; pending: number; spooled: number } }
const auditRows = async () =>
  (await db.prepare('SELECT request_id FROM audit').all<{ request_id: string }>()).results.map((r) => r.request_id)

/** D1 refuses every batch until the simulated clock reaches `upAt`. */
function outage(clock: { t: number }, upAt: number) {
  const calls = { failed: 0 }
  const fake = {
    prepare: (q: string) => db.prepare(q),
    batch: (s: D1PreparedStatement[]) =>
      clock.t < upAt ? (calls.failed++, Promise.reject(new Error('D1_ERROR: injected outage'))) : db.batch(s),
  }
  return { fake, calls }
}

/** runInDurableObject, typed for the spool (its test hooks, a database and a clock, are no RPC types). */
const inSpool = <R>(stub: DurableObjectStub<AuditSpool>, fn: (spool: AuditSpool, state: DurableObjectState) => R): Promise<Awaited<R>> =>
  runInDurableObject(stub, fn as never) as Promise<Awaited<R>>

function spoolFor(test: string) {
  const stub = spools.getByName(`${test}-${crypto.randomUUID()}`)
  const namespace: AuditSpoolNamespace = { getByName: () => stub as never }
  return { stub, namespace }
}

/** Runs the spool's alarm at the time it asked for, until it asks for none; returns the waits it asked for. */
async function runAlarmsUntilIdle(stub: DurableObjectStub<AuditSpool>, clock: { t: number }, limit = 50): Promise<number[]> {
  const waits: number[] = []
  for (let i = 0; i < limit; i++) {
    const at = await inSpool(stub, (_spool, state) => state.storage.getAlarm())
    if (at === null) return waits
    waits.push(at - clock.t)
    clock.t = Math.max(clock.t, at)
    expect(await runDurableObjectAlarm(stub)).toBe(true)
  }
  throw new Error(`the spool still had an alarm after ${limit} runs`)
}

const entry = (n: number): AuditEntry => ({
  at: n,
  requestId: `spool-${n}`,
  clientRequestId: null,
  agent: 'tester',
  route: '/v1/lookup',
  vendor: 'persona',
  ids: [],
  outcome: 'hit',
  status: 200,
  cacheStatus: null,
  durationMs: 1,
})

beforeEach(async () => {
  await db.batch([db.prepare('DELETE FROM audit'), db.prepare('DELETE FROM audit_id')])
})

describe('the audit outlasts a D1 outage', () => {
  it('a 60 s outage, then no traffic: every row lands exactly once and /healthz says ok again', async () => {
    const clock = { t: FAR_AHEAD }
    const { fake, calls } = outage(clock, clock.t + OUTAGE_MS)
    const { stub, namespace } = spoolFor('outage')
    await inSpool(stub, (spool) => {
      spool.database = fake as never
      spool.clock = { now: () => clock.t, sleep: never }
    })
    const relay = testRelay({ AUDIT_DB: fake, AUDIT_SPOOL: namespace })
    // The isolate's writer, as the middleware makes it (its spool included), on the test's clock: its
    // backoff passes at once and its D1 timeout never fires (the outage refuses at once).
    const writerClock: AuditClock = { now: () => clock.t, sleep: (ms) => (ms === 5000 ? never() : Promise.resolve()) }
    auditWriterFor(fake, { ...auditWriterOptions(relay.env), clock: writerClock })

    const served: string[] = []
    for (let i = 0; i < 20; i++) {
      const res = await relay.get(i % 2 ? `/v1/persona/inquiries/${INQ}` : '/v1/persona/inquiries?page%5Bsize%5D=2')
      expect(res.status).toBe(200)
      served.push(res.headers.get('request-id')!)
    }
    expect(await auditRows()).toEqual([])
    // The isolate holds nothing: its flushes gave the rows to the spool.
    const during = (await (await relay.get('/healthz')).json()) as Health
    expect(during.audit).toMatchObject({ writes: 'failing', pending: 0, spooled: 20 })
    expect(await inSpool(stub, (spool) => spool.status())).toMatchObject({ pending: 20 })

    // Nobody asks anything any more; only the spool's alarm runs, backing off while D1 is down.
    const waits = await runAlarmsUntilIdle(stub, clock)
    expect(calls.failed).toBeGreaterThan(0)
    const failedWaits = waits.slice(1)
    const { firstMs, maxMs } = SPOOL_BACKOFF
    expect(failedWaits.slice(0, 3)).toEqual([firstMs, 2 * firstMs, 4 * firstMs])
    expect(Math.max(...waits)).toBeLessThanOrEqual(maxMs)
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(OUTAGE_MS)

    // Every request's row, once: the 20 from the outage and the /healthz probe's none (not /v1).
    const rows = await auditRows()
    expect(rows.length).toBe(20)
    expect([...rows].sort()).toEqual([...served].sort())
    expect(await inSpool(stub, (spool) => spool.status())).toMatchObject({ writes: 'ok', pending: 0, dropped: 0 })
    const after = (await (await relay.get('/healthz')).json()) as Health
    expect(after.audit).toMatchObject({ writes: 'ok', pending: 0, spooled: 0 })
  })

  it('a row handed over twice is held and written once', async () => {
    const { stub } = spoolFor('twice')
    const clock = { t: FAR_AHEAD }
    await inSpool(stub, (spool) => void (spool.clock = { now: () => clock.t, sleep: never }))
    await stub.hold([entry(1), entry(2)])
    await stub.hold([entry(2), entry(3)])
    expect((await stub.status()).pending).toBe(3)
    await runAlarmsUntilIdle(stub, clock)
    expect((await auditRows()).sort()).toEqual(['spool-1', 'spool-2', 'spool-3'])
  })

  it(`holds at most ${SPOOL_MAX_ROWS} rows: beyond, the oldest go and are counted`, async () => {
    const { stub } = spoolFor('bound')
    await inSpool(stub, (spool) => void (spool.clock = { now: () => FAR_AHEAD, sleep: never }))
    const rows = Array.from({ length: SPOOL_MAX_ROWS + 5 }, (_, n) => entry(n))
    for (let i = 0; i < rows.length; i += 2000) await stub.hold(rows.slice(i, i + 2000))
    expect(await stub.status()).toMatchObject({ pending: SPOOL_MAX_ROWS, dropped: 5 })
    const oldest = await inSpool(
      stub,
      (_spool, state) =>
        state.storage.sql.exec<{ request_id: string }>('SELECT request_id FROM rows ORDER BY seq LIMIT 1').one().request_id,
    )
    expect(oldest).toBe('spool-5')
  })
})

/**
 * The spool alone through an outage of `outageMs` that starts as it is handed 20 rows: D1 refuses at once
 * (`fail`) or never answers (`hang`: each call's timeout passes on the test's clock). Returns how long
 * after D1's return the rows were written, and the longest time between two tries' starts: D1 coming
 * back just after a try waits that long for the next.
 */
async function throughOutage(outageMs: number, mode: 'fail' | 'hang'): Promise<{ landedAfter: number; longestGap: number }> {
  const clock = { t: FAR_AHEAD }
  const upAt = clock.t + outageMs
  const state = { hanging: false, landedAt: 0, tries: [] as number[] }
  const fake = {
    prepare: (q: string) => db.prepare(q),
    batch(s: D1PreparedStatement[]) {
      state.tries.push(clock.t)
      if (clock.t >= upAt) return ((state.landedAt ||= clock.t), db.batch(s))
      if (mode === 'fail') return Promise.reject(new Error('D1_ERROR: injected outage'))
      state.hanging = true
      return never()
    },
  }
  // The write's timeout passes at once, moving the clock, only for a call that hangs.
  const sleep = async (ms: number) => {
    await null
    if (!state.hanging) return never()
    state.hanging = false
    clock.t += ms
  }
  const { stub } = spoolFor(`${mode}-${outageMs}`)
  await inSpool(stub, (spool) => {
    spool.database = fake as never
    spool.clock = { now: () => clock.t, sleep }
  })
  await stub.hold(Array.from({ length: 20 }, (_, n) => entry(n)))
  await runAlarmsUntilIdle(stub, clock, 1000)
  expect((await auditRows()).length).toBe(20)
  const gaps = state.tries.slice(1).map((t, i) => t - state.tries[i]!)
  return { landedAfter: state.landedAt - upAt, longestGap: Math.max(...gaps) }
}

describe("the spool's backoff is capped: rows land within 30 s of D1's return, whatever the outage's length", () => {
  const OUTAGES = [30_000, 60_000, 10 * 60_000]
  it.each(OUTAGES)('D1 refusing for %i ms', async (outageMs) => {
    const { landedAfter, longestGap } = await throughOutage(outageMs, 'fail')
    expect(landedAfter).toBeLessThanOrEqual(30_000)
    expect(longestGap).toBeLessThanOrEqual(30_000)
  })
  it.each(OUTAGES)('D1 hanging for %i ms', async (outageMs) => {
    const { landedAfter, longestGap } = await throughOutage(outageMs, 'hang')
    expect(landedAfter).toBeLessThanOrEqual(30_000)
    expect(longestGap).toBeLessThanOrEqual(30_000)
  })
})
