import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { AuditWriter, insertAuditRows, purgeAuditRows, type AuditClock } from '../src/audit/store.ts'
import type { AuditEntry } from '../src/audit/entry.ts'

// The writer cannot stall: every flush is bounded (rows, batches, a timeout on each D1 call), a
// failed batch is retried and then kept, not dropped, and its failure is visible. Time is injected.

const db = (env as unknown as { AUDIT_DB: D1Database }).AUDIT_DB
const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const written = async () =>
  (await db.prepare('SELECT request_id FROM audit ORDER BY seq').all<{ request_id: string }>()).results.map((r) => r.request_id)

const entry = (n: number): AuditEntry => ({
  at: n,
  requestId: `req-${n}`,
  clientRequestId: null,
  agent: 'tester',
  route: '/v1/persona/inquiries/:id',
  vendor: 'persona',
  ids: [INQ],
  outcome: 'hit',
  status: 200,
  cacheStatus: null,
  durationMs: 1,
})

const never = () => new Promise<never>(() => {})
const TIMEOUT_MS = 5000

/**
 * A clock the test moves. A window's sleep resolves at once (moving the clock); the D1 call's timeout
 * fires at once when the test says D1 hangs (`hangs`), and never when D1 answers (D1 wins the race).
 */
function testClock(): AuditClock & { t: number; hangs: boolean } {
  const clock = {
    t: 1_000_000,
    hangs: false,
    now: () => clock.t,
    sleep: async (ms: number) => {
      if (ms >= TIMEOUT_MS && !clock.hangs) return never()
      clock.t += ms
    },
  }
  return clock
}

/** The real D1, with each batch call first passed through `fault` (return a promise to use instead). */
function faultyDb(fault: (call: number, run: () => Promise<unknown>) => Promise<unknown> | undefined) {
  let call = 0
  return {
    calls: () => call,
    prepare: (q: string) => db.prepare(q),
    batch: (s: D1PreparedStatement[]) => {
      const run = () => db.batch(s)
      return (fault(++call, run) ?? run()) as Promise<D1Result[]>
    },
  }
}

beforeEach(async () => {
  await db.batch([db.prepare('DELETE FROM audit'), db.prepare('DELETE FROM audit_id')])
})

describe('the audit writer', () => {
  it("writes rows queued by many requests in one batch, on the first request's waitUntil only", async () => {
    const batches: number[] = []
    const counting = { prepare: (q: string) => db.prepare(q), batch: (s: D1PreparedStatement[]) => (batches.push(s.length), db.batch(s)) }
    const writer = new AuditWriter(counting as never, { clock: testClock() })
    const held: Promise<unknown>[] = []
    for (let n = 0; n < 25; n++) writer.record(entry(n), (p) => held.push(p), 5)
    expect(held).toHaveLength(1)
    await Promise.all(held)
    expect(batches).toEqual([5]) // 25 rows: five multi-row INSERTs (6 rows of 16 columns) in one D1 batch
    expect(await written()).toEqual(Array.from({ length: 25 }, (_, n) => `req-${n}`))
  })

  it("under steady traffic the first request's flush ends after a bounded number of batches; later rows go out on later requests' waitUntil", async () => {
    // Windows end when the test says, one at a time, so which flush writes what is deterministic.
    const clock = testClock()
    const windows: (() => void)[] = []
    const manual: AuditClock = {
      now: clock.now,
      sleep: (ms) => (ms >= TIMEOUT_MS ? clock.sleep(ms) : new Promise((resolve) => windows.push(() => resolve()))),
    }
    const held: Promise<unknown>[] = []
    let traffic = true
    let arrived = 1
    let batches = 0
    const writer: AuditWriter = new AuditWriter(
      faultyDb((_call, run) => {
        batches++
        // A new request arrives during every write, for as long as the test lets traffic run.
        if (traffic) writer.record(entry(arrived++), (p) => held.push(p), 5)
        return run()
      }) as never,
      { clock: manual, batchesPerFlush: 3 },
    )
    writer.record(entry(0), (p) => held.push(p), 5)
    windows.shift()!()
    // Before: the first request's loop ran while rows kept arriving, i.e. forever (this await never returned).
    await held[0]
    expect(batches).toBe(3)
    traffic = false
    for (let settled = 1; settled < held.length; settled++) {
      windows.shift()?.()
      await held[settled]
    }
    expect(held.length).toBeGreaterThan(1)
    expect((await written()).length).toBe(arrived)
    expect(writer.health()).toMatchObject({ writes: 'ok', pending: 0 })
  })

  it('a hung D1 call times out, is retried, and no row is lost or doubled when the hung call lands late', async () => {
    let releaseHung!: () => void
    const hungLanded = new Promise<void>((resolve) => (releaseHung = resolve))
    const clock = testClock()
    let late: Promise<unknown> | undefined
    const writer = new AuditWriter(
      faultyDb((call, run) => {
        clock.hangs = call === 1
        return call === 1 ? (late = hungLanded.then(run)) : undefined
      }) as never,
      { clock, timeoutMs: TIMEOUT_MS },
    )
    const held: Promise<unknown>[] = []
    for (let n = 0; n < 5; n++) writer.record(entry(n), (p) => held.push(p), 5)
    await Promise.all(held) // settles: the hung call timed out, the retry wrote
    expect(await written()).toHaveLength(5)
    releaseHung()
    // The hung batch lands after the retry: INSERT OR IGNORE on the relay's request id keeps one row each.
    await late
    const rows = await written()
    expect([...rows].sort()).toEqual(['req-0', 'req-1', 'req-2', 'req-3', 'req-4'])
  })

  it('D1 hanging on every call: each flush still ends, rows are kept, the failure shows, and they are written once D1 returns', async () => {
    let down = true
    const clock = testClock()
    const writer = new AuditWriter(
      faultyDb((_call, run) => {
        clock.hangs = down
        return down ? never() : run()
      }) as never,
      { clock, timeoutMs: TIMEOUT_MS },
    )
    const held: Promise<unknown>[] = []
    for (let n = 0; n < 30; n++) {
      writer.record(entry(n), (p) => held.push(p), 5)
      clock.t += 100
      await Promise.all(held)
    }
    expect(await written()).toHaveLength(0)
    expect(writer.health()).toMatchObject({ writes: 'failing', pending: 30, dropped: 0 })
    down = false
    writer.record(entry(30), (p) => held.push(p), 5)
    await Promise.all(held)
    expect((await written()).length).toBe(31)
    expect(writer.health()).toMatchObject({ writes: 'ok', pending: 0, dropped: 0 })
  })

  it('a failed batch is retried once at once, then kept and written by its own flush after a backoff, never dropped', async () => {
    const failing = new Set([1, 2])
    const writer = new AuditWriter(
      faultyDb((call) => (failing.has(call) ? Promise.reject(new Error('D1_ERROR: injected')) : undefined)) as never,
      { clock: testClock() },
    )
    const held: Promise<unknown>[] = []
    writer.record(entry(0), (p) => held.push(p), 5)
    await Promise.all(held)
    // The third call (the flush's own retry, after its backoff) wrote it: no later request was needed.
    expect(await written()).toEqual(['req-0'])
    expect(writer.health()).toMatchObject({ writes: 'ok', pending: 0, failures: 1 })
    writer.record(entry(1), (p) => held.push(p), 5)
    await Promise.all(held)
    expect(await written()).toEqual(['req-0', 'req-1'])
    expect(writer.health()).toMatchObject({ writes: 'ok', pending: 0 })
  })

  it('a flush whose waitUntil was cut off does not stop later rows (nothing stays armed past its deadline)', async () => {
    const clock = testClock()
    let cut = true
    // The first flush's window never ends: the platform cancelled it (no finally runs).
    const writer = new AuditWriter(db as never, { clock: { now: clock.now, sleep: (ms) => (cut ? never() : clock.sleep(ms)) } })
    const held: Promise<unknown>[] = []
    writer.record(entry(0), () => {}, 5)
    cut = false
    clock.t += 60_000
    writer.record(entry(1), (p) => held.push(p), 5)
    expect(held).toHaveLength(1)
    await Promise.all(held)
    expect(await written()).toEqual(['req-0', 'req-1'])
  })

  it('the buffer is bounded: while D1 is down the oldest rows beyond the cap go, counted', async () => {
    const writer = new AuditWriter(faultyDb(() => Promise.reject(new Error('down'))) as never, { clock: testClock(), maxPending: 10 })
    const held: Promise<unknown>[] = []
    for (let n = 0; n < 15; n++) writer.record(entry(n), (p) => held.push(p), 5)
    await Promise.all(held)
    expect(writer.health()).toMatchObject({ writes: 'failing', pending: 10, dropped: 5 })
  })
})

describe('retention', () => {
  it('purges in bounded batches: no statement deletes more than the batch, and all old rows go', async () => {
    const now = Date.parse('2026-06-01T03:17:00Z')
    const day = 24 * 3600 * 1000
    const old = Array.from({ length: 25 }, (_, n) => ({ ...entry(n), at: now - 100 * day }))
    await insertAuditRows(db, [...old, { ...entry(99), at: now - day }])
    const changes: number[] = []
    const counting = {
      prepare: (q: string) => db.prepare(q),
      batch: async (s: D1PreparedStatement[]) => {
        const results = await db.batch(s)
        for (const r of results) changes.push(r.meta.changes ?? 0)
        return results
      },
    }
    const deleted = await purgeAuditRows(counting as never, now, 90, { batchRows: 10 })
    expect(deleted).toBe(25)
    expect(Math.max(...changes)).toBeLessThanOrEqual(10)
    expect(await written()).toEqual(['req-99'])
    expect((await db.prepare('SELECT COUNT(*) AS n FROM audit_id').first<{ n: number }>())!.n).toBe(1)
  })
})
