import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import type { AuditClock } from '../src/audit/store.ts'
import { auditWriterFor } from '../src/audit/store.ts'
import { testRelay } from './helpers.ts'

// The audit store failing (D1 refusing or hanging) never fails a lookup or a list, shows in /healthz
// and the metrics, and loses no row once D1 is back. The writer's clock is injected: a hung call's
// timeout fires at once (no real waiting), and never while D1 answers.

const db = (env as unknown as { AUDIT_DB: D1Database }).AUDIT_DB
const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
const never = () => new Promise<never>(() => {})

type Mode = 'up' | 'hang' | 'fail'

/** The real D1 behind a switch; the writer for it is made here, on the test's clock. */
function switchableDb() {
  const state = { mode: 'up' as Mode }
  const fake = {
    prepare: (q: string) => db.prepare(q),
    batch: (s: D1PreparedStatement[]) =>
      state.mode === 'hang' ? never() : state.mode === 'fail' ? Promise.reject(new Error('D1_ERROR: injected outage')) : db.batch(s),
  }
  const clock: AuditClock = {
    now: () => Date.now(),
    // Only the 5 s timeout is special; the window and the retries' backoff pass at once.
    sleep: (ms) => (ms === 5000 && state.mode !== 'hang' ? never() : Promise.resolve()),
  }
  const points: AnalyticsEngineDataPoint[] = []
  const metrics = { writeDataPoint: (p?: AnalyticsEngineDataPoint) => void points.push(p ?? {}) } as AnalyticsEngineDataset
  auditWriterFor(fake, {
    clock,
    timeoutMs: 5000,
    onFailure: (rows) =>
      metrics.writeDataPoint({ indexes: ['(audit)'], blobs: ['(audit)', '', 'audit-write-failed'], doubles: [0, 0, 0, rows] }),
  })
  return { state, fake, points }
}

const rowIds = async () => (await db.prepare('SELECT request_id FROM audit').all<{ request_id: string }>()).results.map((r) => r.request_id)

beforeEach(async () => {
  await db.batch([db.prepare('DELETE FROM audit'), db.prepare('DELETE FROM audit_id')])
})

describe('the audit store failing', () => {
  it.each(['hang', 'fail'] as const)(
    'D1 %s: lookups and lists are served, /healthz says failing, and no row is lost once D1 is back',
    async (mode) => {
      const { state, fake, points } = switchableDb()
      const relay = testRelay({ AUDIT_DB: fake })
      state.mode = mode
      const paths = [
        `/v1/persona/inquiries/${INQ}`,
        `/v1/lookup?ids=${INQ},${UUID}`,
        '/v1/persona/inquiries?page%5Bsize%5D=3',
        '/v1/deepidv/sessions?limit=3',
        '/v1/persona/inquiries/%zz',
      ]
      const served: string[] = []
      for (const path of paths) {
        const res = await relay.get(path)
        expect(res.status).toBeLessThan(500)
        served.push(res.headers.get('request-id')!)
      }
      expect(await rowIds()).toEqual([])
      // The counts come with an agent token only (see health-auth.test.ts).
      const health = (await (await relay.get('/healthz')).json()) as { audit: { writes: string; pending: number; dropped: number } }
      expect(health.audit).toMatchObject({ writes: 'failing', pending: paths.length, dropped: 0 })
      expect(points.length).toBeGreaterThan(0)
      expect(points[0]!.blobs).toContain('audit-write-failed')

      state.mode = 'up'
      const after = await relay.get(`/v1/persona/inquiries/${INQ}`)
      served.push(after.headers.get('request-id')!)
      expect([...(await rowIds())].sort()).toEqual([...served].sort())
      const healed = (await (await relay.get('/healthz')).json()) as { audit: { writes: string; pending: number } }
      expect(healed.audit).toMatchObject({ writes: 'ok', pending: 0 })
    },
  )

  it('a D1 binding whose prepare throws does not fail a lookup either', async () => {
    const broken = {
      prepare: () => {
        throw new Error('D1 binding gone')
      },
      batch: () => never(),
    }
    const relay = testRelay({ AUDIT_DB: broken })
    expect((await relay.get(`/v1/persona/inquiries/${INQ}`)).status).toBe(200)
  })
})
