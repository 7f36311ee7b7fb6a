import { runInDurableObject } from 'cloudflare:test'
import { describe, expect, it, vi } from 'vitest'
import type { LookupResponse } from '@idv-lens/shared/api'
import { cacheFor } from '../src/cache/relay-caches.ts'
import { configFor } from '../src/config/parse.ts'
import { VENDORS } from '../src/vendors/index.ts'
import type { GateClock, VendorGate } from '../src/gate/vendor-gate.ts'
import { gateName } from '../src/upstream/gate-client.ts'
import { ADMIN_TOKEN, EVENTUALLY, OTHER_TOKEN, problemOf, testRelay, VENDOR_GATE } from './helpers.ts'

// The isolate's coalescing (relayed calls, lookup IDs) shares a load with whoever joins it, but never a
// refusal about the caller that led it: a joiner must not get the leader's `budget-exhausted`.
// Deterministic: the leader is held in the real gate (waiting for a window slot on a clock the test
// releases) while the joiner joins; when the slot frees, the leader is over its own share.

const gates = VENDOR_GATE as unknown as DurableObjectNamespace<VendorGate>
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0)
const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'

/** The gate's time, moved by hand; its sleeps wait until the test releases them. */
class HeldClock implements GateClock {
  t = T0
  private waiting: (() => void)[] = []
  now = () => this.t
  sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      this.waiting.push(() => {
        this.t += ms
        resolve()
      })
    })
  get sleeping() {
    return this.waiting.length
  }
  release() {
    for (const wake of this.waiting.splice(0)) wake()
  }
}

/**
 * A team window of 4 (Persona's 61 s) and a share of 2 per agent: boss spends 2 at T0, the tester 2
 * at T0 + 59 s; at T0 + 59.5 s the window is full and its first slot frees within the 2 s an agent
 * waits, by which time the tester's own share is still spent.
 */
async function crowdedRelay() {
  // The leader waits in the gate while the test lines up the joiner: a timeout with room for a busy machine.
  const relay = testRelay({ PERSONA_BUDGET_PER_MINUTE: '4', AGENT_SHARE: '0.5', LIST_TTL_SECONDS: '3600', UPSTREAM_TIMEOUT_MS: '30000' })
  const stub = gates.get(gates.idFromName(await gateName(configFor(relay.env, VENDORS), 'persona')))
  const clock = new HeldClock()
  await runInDurableObject(stub, (gate) => {
    gate.clock = clock
  })
  const boss = { authorization: `Bearer ${ADMIN_TOKEN}` }
  for (const size of [1, 2]) expect((await relay.get(`/v1/persona/events?page%5Bsize%5D=${size}`, { headers: boss })).status).toBe(200)
  clock.t = T0 + 59_000
  for (const size of [3, 4]) expect((await relay.get(`/v1/persona/events?page%5Bsize%5D=${size}`)).status).toBe(200)
  clock.t = T0 + 59_500
  const store = cacheFor(configFor(relay.env, VENDORS)).store
  // The gate's sleeps belong to the object: they are released from inside it.
  const release = () => runInDurableObject(stub, () => clock.release())
  return { relay, clock, store, release }
}

describe('coalescing shares a load, never a refusal about its leader', () => {
  it("a list: the joiner (within its share) gets its own 200, the leader its own share's 429", async () => {
    const { relay, clock, store, release } = await crowdedRelay()
    const path = '/v1/persona/events?page%5Bsize%5D=5'
    const joinsBefore = store.joins
    const leader = relay.get(path)
    await vi.waitFor(() => expect(clock.sleeping).toBe(1), EVENTUALLY)
    const joiner = relay.get(path, { headers: { authorization: `Bearer ${OTHER_TOKEN}` } })
    await vi.waitFor(() => expect(store.joins).toBe(joinsBefore + 1), EVENTUALLY)
    await release()

    const refused = await leader
    expect(refused.status).toBe(429)
    const problem = await problemOf(refused)
    expect(problem).toMatchObject({ code: 'budget-exhausted' })
    // Whose budget ran out: the agent's share, not the team's.
    expect(problem.detail).toMatch(/^Your share of the team's Persona budget/)
    const answered = await joiner
    expect(answered.status).toBe(200)
    expect(answered.headers.get('cache-status')).toMatch(/fwd-status=200/)
    expect(store.reruns).toBeGreaterThanOrEqual(1)
    // Boss 2, tester 2, the joiner 1: the window's 4 at any instant, never more.
    expect((await relay.upstreamCalls()).persona).toBe(5)
  })

  it("a lookup: the batch that joined an ID gets it found, the leader its own share's refusal for it", async () => {
    const { relay, clock, store, release } = await crowdedRelay()
    const path = `/v1/lookup?ids=${INQ}`
    const joinsBefore = store.joins
    const leader = relay.get(path)
    await vi.waitFor(() => expect(clock.sleeping).toBeGreaterThanOrEqual(1), EVENTUALLY)
    const joiner = relay.get(path, { headers: { authorization: `Bearer ${OTHER_TOKEN}` } })
    await vi.waitFor(() => expect(store.joins).toBeGreaterThan(joinsBefore), EVENTUALLY)
    await release()

    const led = (await (await leader).json()) as LookupResponse
    expect(led.data[0]).toMatchObject({ found: false, error: { code: 'budget-exhausted' } })
    const joined = await joiner
    expect(joined.status).toBe(200)
    const body = (await joined.json()) as LookupResponse
    expect(body.data[0]).toMatchObject({ id: INQ, found: true })
  })
})
