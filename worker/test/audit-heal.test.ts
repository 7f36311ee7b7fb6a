import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AuditEntry } from '../src/audit/entry.ts'
import { AuditWriter, RETRY_FIRST_MS, type AuditClock } from '../src/audit/store.ts'
import { EVENTUALLY, testRelay } from './helpers.ts'

// The audit heals itself: a failed or partial flush retries on its own, with backoff, within
// waitUntil's budget, so rows never wait for a later request, /healthz says `ok` as soon as D1 is
// back, and rows it had to leave behind are counted. Real D1 (workerd) behind a switch; the writer's
// clock is the test's.

const db = (env as unknown as { AUDIT_DB: D1Database }).AUDIT_DB
const TIMEOUT_MS = 5000
const never = () => new Promise<never>(() => {})

const entry = (n: number): AuditEntry => ({
  at: 1_700_000_000_000 + n,
  requestId: `heal-${n}`,
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
const written = async () =>
  (await db.prepare('SELECT request_id FROM audit ORDER BY request_id').all<{ request_id: string }>()).results.map((r) => r.request_id)

/** D1 up or failing; the window passes at once, the timeout never fires, backoff waits until released. */
function rig(options: { budgetMs?: number; maxBatchRows?: number; batchesPerFlush?: number } = {}) {
  const state = { up: false, calls: 0 }
  const fake = {
    prepare: (q: string) => db.prepare(q),
    batch: (s: D1PreparedStatement[]) => (state.calls++, state.up ? db.batch(s) : Promise.reject(new Error('D1_ERROR: injected outage'))),
  }
  const backoffs: { ms: number; wake: () => void }[] = []
  const clock: AuditClock & { t: number } = {
    t: 1_000_000,
    now: () => clock.t,
    sleep: (ms) => {
      if (ms === TIMEOUT_MS) return never()
      if (ms < RETRY_FIRST_MS) return Promise.resolve()
      return new Promise<void>((resolve) => backoffs.push({ ms, wake: () => ((clock.t += ms), resolve()) }))
    },
  }
  const atRisk: { rows: number; why: string }[] = []
  const writer = new AuditWriter(fake as never, {
    clock,
    timeoutMs: TIMEOUT_MS,
    onRowsAtRisk: (rows, why) => atRisk.push({ rows, why }),
    ...options,
  })
  const flushes: Promise<unknown>[] = []
  const record = (n: number) => writer.record(entry(n), (p) => flushes.push(p), 5)
  return { state, clock, backoffs, writer, flushes, record, atRisk }
}

beforeEach(async () => {
  await db.batch([db.prepare('DELETE FROM audit'), db.prepare('DELETE FROM audit_id')])
})

describe('the audit writer heals itself', () => {
  it('D1 fails, then comes back with no request after: the flush retries with backoff and writes every row', async () => {
    const { state, backoffs, writer, flushes, record } = rig()
    for (let n = 0; n < 3; n++) record(n)
    expect(flushes).toHaveLength(1)
    await vi.waitFor(() => expect(backoffs).toHaveLength(1), EVENTUALLY)
    expect(backoffs[0]!.ms).toBe(RETRY_FIRST_MS)
    expect(writer.health()).toMatchObject({ writes: 'failing', pending: 3 })
    // Still down at the first retry: the next wait doubles.
    backoffs.shift()!.wake()
    await vi.waitFor(() => expect(backoffs).toHaveLength(1), EVENTUALLY)
    expect(backoffs[0]!.ms).toBe(2 * RETRY_FIRST_MS)
    state.up = true
    backoffs.shift()!.wake()
    await Promise.all(flushes)
    expect(await written()).toEqual(['heal-0', 'heal-1', 'heal-2'])
    expect(writer.health()).toMatchObject({ writes: 'ok', pending: 0, dropped: 0 })
  })

  it('a backlog larger than one flush, and then no traffic: the same flush goes on until it is written', async () => {
    const { state, writer, flushes, record } = rig({ maxBatchRows: 2, batchesPerFlush: 1 })
    state.up = true
    for (let n = 0; n < 7; n++) record(n)
    await Promise.all(flushes)
    expect(flushes).toHaveLength(1)
    expect(await written()).toHaveLength(7)
    expect(writer.health()).toMatchObject({ writes: 'ok', pending: 0 })
  })

  it('stops within the waitUntil budget, and counts the rows it leaves behind as at risk', async () => {
    const { state, writer, flushes, record, atRisk } = rig({ budgetMs: 2 * TIMEOUT_MS + 100 })
    for (let n = 0; n < 4; n++) record(n)
    // The first backoff would run past the budget: no retry is started, the rows are counted.
    await Promise.all(flushes)
    expect(state.calls).toBe(2)
    expect(atRisk).toEqual([{ rows: 4, why: 'stranded' }])
    expect(writer.health()).toMatchObject({ writes: 'failing', pending: 4 })
  })

  it('counts rows dropped over the pending bound as at risk too', async () => {
    const atRisk: { rows: number; why: string }[] = []
    const writer = new AuditWriter({ prepare: () => never(), batch: () => never() } as never, {
      clock: { now: () => 0, sleep: () => never() },
      maxPending: 2,
      onRowsAtRisk: (rows, why) => atRisk.push({ rows, why }),
    })
    for (let n = 0; n < 5; n++) writer.record(entry(n), () => {}, 5)
    expect(atRisk).toEqual([
      { rows: 1, why: 'dropped' },
      { rows: 1, why: 'dropped' },
      { rows: 1, why: 'dropped' },
    ])
    expect(writer.health()).toMatchObject({ pending: 2, dropped: 3 })
  })
})

describe('/healthz and the audit', () => {
  it('says only ok or failing without an agent token (no counts, no times that show when agents work); the counts with one', async () => {
    const relay = testRelay()
    expect((await relay.get('/v1/persona/events?page%5Bsize%5D=1')).status).toBe(200)
    const anonymous = (await (await relay.get('/healthz', { auth: false })).json()) as { audit: Record<string, unknown> }
    expect(anonymous.audit).toEqual({ writes: 'ok' })
    const wrong = (await (await relay.get('/healthz', { headers: { authorization: 'Bearer not-a-token-of-this-relay' } })).json()) as {
      audit: Record<string, unknown>
    }
    expect(wrong.audit).toEqual({ writes: 'ok' })
    const agent = (await (await relay.get('/healthz')).json()) as { audit: Record<string, unknown> }
    expect(agent.audit).toMatchObject({ writes: 'ok', pending: expect.any(Number), dropped: 0 })
    expect(agent.audit).toHaveProperty('lastWrittenAt')
  })
})
