import { env, evictDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { configFor } from '../src/config/parse.ts'
import { VENDORS } from '../src/vendors/index.ts'
import { noteUpstreamAuth, upstreamAuthSeen } from '../src/metrics/upstream-auth.ts'
import { gateName } from '../src/upstream/gate-client.ts'
import { testRelay, VENDOR_GATE } from './helpers.ts'
import { actionRelay, post } from './action-helpers.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'

/** Stands in for the Analytics Engine binding, which has no local store to read back from. */
function recordingDataset() {
  const points: AnalyticsEngineDataPoint[] = []
  return {
    points,
    binding: { writeDataPoint: (point?: AnalyticsEngineDataPoint) => void points.push(point ?? {}) } as AnalyticsEngineDataset,
  }
}

type Health = {
  providers: Record<string, { configured: boolean; upstreamAuth: { seenWithin5Minutes: boolean; lastSeenAt: string | null } }>
}

describe('request metrics (Analytics Engine)', () => {
  it('counts an agent action as a vendor call, and its refusal by its code', async () => {
    const metrics = recordingDataset()
    const relay = actionRelay({ METRICS: metrics.binding })
    const off = actionRelay({ METRICS: metrics.binding, ACTIONS: '' })
    expect((await post(relay, `/v1/persona/inquiries/${INQ}/add-tag`, { meta: { 'tag-name': 'metrics' } })).status).toBe(200)
    expect((await post(off, `/v1/persona/inquiries/${INQ}/remove-tag`, { meta: { 'tag-name': 'metrics' } })).status).toBe(403)
    await post(relay, `/v1/persona/inquiries/${INQ}/remove-tag`, { meta: { 'tag-name': 'metrics' } })
    expect(metrics.points.slice(0, 2).map((p) => [p.blobs, p.doubles?.[0], p.doubles?.[2]])).toEqual([
      [['/v1/persona/inquiries/:id/add-tag', 'persona', 'ok', '', 'POST', '200'], 200, 1],
      [['/v1/persona/inquiries/:id/remove-tag', 'persona', 'action-disabled', '', 'POST', ''], 403, 0],
    ])
    expect(JSON.stringify(metrics.points)).not.toMatch(/inq_|metrics"|act"/)
  })

  it('writes one data point per request: route pattern, vendor, outcome, cache, status, duration, vendor call', async () => {
    const metrics = recordingDataset()
    const relay = testRelay({ METRICS: metrics.binding })
    await relay.get(`/v1/persona/inquiries/${INQ}?include=sessions`)
    await relay.get(`/v1/persona/inquiries/${INQ}?include=sessions`)
    await relay.get('/v1/persona/inquiries?page%5Bsize%5D=nope')
    await relay.get('/v1/deepidv/sessions', { auth: false })
    expect(metrics.points.map((p) => [p.indexes, p.blobs, p.doubles?.[0], p.doubles?.[2]])).toEqual([
      [['/v1/persona/inquiries/:id'], ['/v1/persona/inquiries/:id', 'persona', 'ok', 'miss', 'GET', '200'], 200, 1],
      [['/v1/persona/inquiries/:id'], ['/v1/persona/inquiries/:id', 'persona', 'ok', 'hit', 'GET', ''], 200, 0],
      [['/v1/persona/inquiries'], ['/v1/persona/inquiries', 'persona', 'bad-request', '', 'GET', ''], 400, 0],
      [['/v1/deepidv/sessions'], ['/v1/deepidv/sessions', 'deepidv', 'unauthorized', '', 'GET', ''], 401, 0],
    ])
    for (const point of metrics.points) expect(point.doubles?.[1]).toBeGreaterThanOrEqual(0)
    // No personal data: no ID, no parameter, no agent, no token.
    expect(JSON.stringify(metrics.points)).not.toMatch(/inq_|include|nope|tester|test-agent-token/)
  })

  it('writes no data point for a CORS preflight', async () => {
    const metrics = recordingDataset()
    const relay = actionRelay({ METRICS: metrics.binding })
    const preflight = await relay.get(`/v1/persona/inquiries/${INQ}/add-tag`, {
      method: 'OPTIONS',
      auth: false,
      headers: {
        origin: 'chrome-extension://testextensionid',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')
    await relay.get(`/v1/persona/inquiries/${INQ}`)
    expect(metrics.points.map((p) => p.blobs?.[4])).toEqual(['GET'])
  })

  it("writes through wrangler's local no-op dataset (wrangler.toml's METRICS, as under npm run dev) and answers", async () => {
    const local = (env as unknown as { METRICS?: AnalyticsEngineDataset }).METRICS
    expect(typeof local?.writeDataPoint).toBe('function')
    const relay = testRelay({ METRICS: local })
    expect((await relay.get('/v1/persona/events?page%5Bsize%5D=1')).status).toBe(200)
  })

  it('writes nothing, and still answers, without the binding', async () => {
    const relay = testRelay({ METRICS: undefined })
    expect((await relay.get('/v1/persona/events?page%5Bsize%5D=1')).status).toBe(200)
  })
})

describe('/healthz upstreamAuth', () => {
  const health = async (relay: ReturnType<typeof testRelay>) =>
    ((await (await relay.get('/healthz', { auth: false })).json()) as Health).providers

  it('reports a vendor that refused the relay key, per vendor and per configuration', async () => {
    const metrics = recordingDataset()
    const relay = testRelay({ METRICS: metrics.binding })
    expect((await health(relay)).persona?.upstreamAuth).toEqual({ seenWithin5Minutes: false, lastSeenAt: null })
    await relay.fault({ fault: '401', times: 1 })
    expect((await relay.get('/v1/persona/events')).status).toBe(502)
    expect(metrics.points.at(-1)?.blobs?.slice(1, 3)).toEqual(['persona', 'upstream-auth'])
    const providers = await health(relay)
    expect(providers.persona?.upstreamAuth.seenWithin5Minutes).toBe(true)
    expect(Date.now() - Date.parse(providers.persona?.upstreamAuth.lastSeenAt ?? '')).toBeLessThan(60_000)
    expect(providers.deepidv?.upstreamAuth.seenWithin5Minutes).toBe(false)
    // Another configuration (other keys) has seen nothing.
    expect((await health(testRelay())).persona?.upstreamAuth.seenWithin5Minutes).toBe(false)
  })

  it('counts a refused key also when a stored copy answered (stale-if-error) and in lookups', async () => {
    const relay = testRelay()
    await relay.get('/v1/deepidv/sessions?limit=2')
    // The gate answers a forced refresh within 5 s of a call from that call (its refresh floor): a
    // fresh gate instance has no such memory, so this refresh reaches the vendor and meets the 401.
    const gates = VENDOR_GATE as unknown as DurableObjectNamespace
    await evictDurableObject(gates.get(gates.idFromName(await gateName(configFor(relay.env, VENDORS), 'deepidv'))))
    await relay.fault({ provider: 'deepidv', fault: '401', times: 1 })
    const stale = await relay.get('/v1/deepidv/sessions?limit=2', { headers: { 'cache-control': 'no-cache' } })
    expect(stale.status).toBe(200)
    expect(stale.headers.get('cache-status')).toMatch(/fwd-status=401.*stale-if-error/)
    expect((await health(relay)).deepidv?.upstreamAuth.seenWithin5Minutes).toBe(true)

    const other = testRelay()
    await other.fault({ fault: '401', times: 1 })
    const lookup = await other.get(`/v1/lookup?ids=${INQ}`)
    expect(((await lookup.json()) as { data: { error?: { code: string } }[] }).data[0]?.error?.code).toBe('upstream-auth')
    expect((await health(other)).persona?.upstreamAuth.seenWithin5Minutes).toBe(true)
  })

  it('forgets after 5 minutes (injected clock)', async () => {
    const at = Date.parse('2026-06-01T12:00:00Z')
    noteUpstreamAuth('clock-test', 'persona', at, () => undefined)
    expect(await upstreamAuthSeen('clock-test', 'persona', at + 299_000)).toEqual({
      seenWithin5Minutes: true,
      lastSeenAt: '2026-06-01T12:00:00.000Z',
    })
    expect((await upstreamAuthSeen('clock-test', 'persona', at + 301_000)).seenWithin5Minutes).toBe(false)
  })
})
