import { evictDurableObject, env } from 'cloudflare:test'
import { SignJWT, importJWK, type JWK } from 'jose'
import { afterEach, describe, it, vi } from 'vitest'
import { auditWriterFor, type AuditClock } from '../src/audit/store.ts'
import { configFor } from '../src/config.ts'
import { gateName } from '../src/upstream/call-upstream.ts'
import { testRelay, VENDOR_GATE } from '../test/helpers.ts'
import { liveRelay, personaEvent } from '../test/live-helpers.ts'

// bench:faults, inside workerd: each fault is injected for real (D1 hanging or failing, the vendor
// gate and the live hub evicted mid-window, the Access key endpoint unreachable, a vendor answering
// garbage) and what held is counted, not asserted: the lead runs it on the merged code and reads the
// figures. One `FAULTS {json}` line per scenario; test/bench/faults-bench.ts prints the table.

type Figures = { scenario: string; requests: number; served: number; rowsLost: number | null; vendorCallsOverBudget: number | null; note: string }
const report = (f: Figures) => console.log(`FAULTS ${JSON.stringify(f)}`)
const db = (env as unknown as { AUDIT_DB: D1Database }).AUDIT_DB
const never = () => new Promise<never>(() => {})
const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const N = 100

afterEach(() => {
  vi.restoreAllMocks()
})

async function d1Fault(mode: 'hang' | 'fail') {
  const state = { down: true }
  const fake = {
    prepare: (q: string) => db.prepare(q),
    batch: (s: D1PreparedStatement[]) => (!state.down ? db.batch(s) : mode === 'hang' ? never() : Promise.reject(new Error('D1_ERROR: injected'))),
  }
  // A hung call's 5 s timeout is served at once (nothing waits for real); while D1 answers it never fires.
  const clock: AuditClock = { now: () => Date.now(), sleep: (ms) => (ms >= 5000 && !(state.down && mode === 'hang') ? never() : Promise.resolve()) }
  auditWriterFor(fake, { clock })
  const relay = testRelay({ AUDIT_DB: fake })
  const ids: string[] = []
  let served = 0
  for (let i = 0; i < N; i++) {
    const res = await relay.get(i % 2 ? `/v1/persona/inquiries/${INQ}` : `/v1/lookup?ids=${INQ}`)
    if (res.status < 500) served++
    ids.push(res.headers.get('request-id')!)
  }
  state.down = false
  ids.push((await relay.get(`/v1/persona/inquiries/${INQ}`)).headers.get('request-id')!)
  const found = new Set((await db.prepare('SELECT request_id FROM audit').all<{ request_id: string }>()).results.map((r) => r.request_id))
  report({ scenario: `D1 ${mode}`, requests: N, served, rowsLost: ids.filter((id) => !found.has(id)).length, vendorCallsOverBudget: null, note: 'rows counted once D1 is back (one more request)' })
}

describe('bench:faults', () => {
  it('D1 hang', () => d1Fault('hang'))
  it('D1 fail', () => d1Fault('fail'))

  it('gate evicted mid-window', async () => {
    const budget = 5
    const relay = testRelay({ PERSONA_BUDGET_PER_MINUTE: String(budget), AGENT_SHARE: '1' })
    const gates = VENDOR_GATE as unknown as DurableObjectNamespace
    const stub = gates.get(gates.idFromName(await gateName(configFor(relay.env), 'persona')))
    let served = 0
    for (let size = 1; size <= 2 * budget; size++) {
      if (size === budget + 1) await evictDurableObject(stub)
      if ((await relay.get(`/v1/persona/inquiries?page%5Bsize%5D=${size}`)).status === 200) served++
    }
    const calls = (await relay.upstreamCalls()).persona
    report({ scenario: 'gate evicted mid-window', requests: 2 * budget, served, rowsLost: null, vendorCallsOverBudget: Math.max(0, calls - budget), note: `budget ${budget}/window, evicted after ${budget} calls; vendor calls ${calls}` })
  })

  it('hub evicted mid-window', async () => {
    const relay = liveRelay()
    let accepted = 0
    for (let i = 0; i < 10; i++) {
      if (i === 5) await evictDurableObject(relay.hub)
      if ((await relay.persona(personaEvent())).status < 300) accepted++
    }
    await evictDurableObject(relay.hub)
    const socket = await relay.connect()
    const frames = await socket.frameCount(accepted)
    socket.ws.close()
    report({ scenario: 'hub evicted mid-window', requests: 10, served: accepted, rowsLost: accepted - frames.length, vendorCallsOverBudget: null, note: 'rows lost = accepted events missing from the backlog after eviction' })
  })

  it('Access certs endpoint down', async () => {
    const bindings = env as unknown as { TEST_ACCESS_TEAM_DOMAIN: string; TEST_ACCESS_KEYS: string }
    const team = bindings.TEST_ACCESS_TEAM_DOMAIN
    const aud = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90'
    const key = (JSON.parse(bindings.TEST_ACCESS_KEYS) as Record<string, JWK>).k1!
    const relay = testRelay({ AUTH_MODE: 'access', ACCESS_TEAM_DOMAIN: team, ACCESS_AUD: aud, AGENT_TOKENS: '' })
    const token = async () => {
      const now = Math.floor(Date.now() / 1000)
      return new SignJWT({ email: 'agent@example.com', type: 'app' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(team).setAudience(aud).setIssuedAt(now - 5).setExpirationTime(now + 3600).sign(await importJWK(key, 'RS256'))
    }
    const path = '/v1/persona/inquiries?page%5Bsize%5D=1'
    const primed = (await relay.get(path, { headers: { 'cf-access-jwt-assertion': await token() } })).status
    // Two hours on (the keys held are an hour old and more) with the key endpoint unreachable.
    const later = Date.now() + 2 * 3600_000
    vi.spyOn(Date, 'now').mockReturnValue(later)
    const realFetch = globalThis.fetch
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = input instanceof Request ? input.url : String(input)
      return url.startsWith(team) ? Promise.reject(new TypeError('certs endpoint down (injected)')) : realFetch(input, init)
    })
    const statuses = new Map<number, number>()
    for (let i = 0; i < 20; i++) {
      const status = (await relay.get(path, { headers: { 'cf-access-jwt-assertion': await token() } })).status
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
    }
    report({ scenario: 'Access certs down', requests: 20, served: statuses.get(200) ?? 0, rowsLost: null, vendorCallsOverBudget: null, note: `primed ${primed}; answers ${JSON.stringify(Object.fromEntries(statuses))}` })
  })

  it('vendor sends garbage', async () => {
    const relay = testRelay()
    const path = '/v1/persona/inquiries?page%5Bsize%5D=2'
    await relay.fault({ fault: 'malformed', times: 5 })
    const statuses = new Map<number, number>()
    for (let i = 0; i < 5; i++) {
      const status = (await relay.get(path, { headers: { 'cache-control': 'no-cache' } })).status
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
    }
    await relay.clearFaults()
    const before = (await relay.upstreamCalls()).persona
    const after = await relay.get(path)
    const calledAgain = (await relay.upstreamCalls()).persona > before
    const over = [...statuses].filter(([s]) => s >= 500 && s !== 502 && s !== 504).reduce((n, [, c]) => n + c, 0)
    report({ scenario: 'vendor garbage', requests: 6, served: after.status === 200 ? 1 : 0, rowsLost: null, vendorCallsOverBudget: null, note: `garbage answered ${JSON.stringify(Object.fromEntries(statuses))} (5xx other than 502/504: ${over}); once the vendor is sound again the next request got ${after.status}${calledAgain ? '' : ' without a vendor call (an answer held from the garbage)'}` })
  })
})
