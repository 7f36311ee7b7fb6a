import { evictDurableObject, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it, vi } from 'vitest'
import type { BudgetLimits } from '../src/gate/budget.ts'
import type { GateCall, GateResult, GateTarget } from '../src/gate/protocol.ts'
import type { GateClock, VendorGate } from '../src/gate/vendor-gate.ts'
import { EVENTUALLY, IN_FLIGHT_MS, problemOf, testRelay, VENDOR_GATE } from './helpers.ts'

const gates = VENDOR_GATE as unknown as DurableObjectNamespace<VendorGate>

/** Time the test moves by hand; a gate that sleeps moves it forward by as much. */
class TestClock implements GateClock {
  t = Date.UTC(2026, 10, 23, 12, 0, 0)
  now = () => this.t
  sleep = async (ms: number) => {
    this.t += ms
  }
}

const PERSONA_LIMITS: BudgetLimits = { windowMs: 60_000, perWindow: 10, perDay: null, agentShare: 1 }

/** A gate of its own with its own vendor keys (so the demo upstream counts this test's calls only). */
async function testGate(provider: 'persona' | 'deepidv' = 'persona', limits: BudgetLimits = PERSONA_LIMITS) {
  const relay = testRelay()
  const clock = new TestClock()
  const stub = gates.get(gates.idFromName(crypto.randomUUID()))
  await runInDurableObject(stub, (gate) => {
    gate.clock = clock
  })
  const target: GateTarget = {
    base: (provider === 'persona' ? relay.env.PERSONA_API_BASE : relay.env.DEEPIDV_API_BASE) as string,
    apiKey: provider === 'persona' ? relay.keys.persona : relay.keys.deepidv,
    // The vendor's real answer must never time out on a busy machine; joining is judged on the injected clock.
    timeoutMs: 10_000,
    limits,
  }
  let n = 0
  const call = (over: Partial<GateCall> = {}): Promise<GateResult> =>
    stub.call(
      {
        provider,
        path: provider === 'persona' ? 'inquiries' : 'sessions',
        query: provider === 'persona' ? `page%5Bsize%5D=${(n++ % 100) + 1}` : `limit=${(n++ % 500) + 1}`,
        headers: {},
        priority: 'interactive',
        agent: 'alice',
        key: crypto.randomUUID(),
        refresh: false,
        ...over,
      },
      target,
    ) as Promise<GateResult>
  const vendorCalls = async () => (await relay.upstreamCalls())[provider]
  return { relay, clock, stub, target, call, vendorCalls }
}

describe('vendor gate', () => {
  it('coalesces identical calls from many callers into ONE vendor call', async () => {
    const { relay, call, vendorCalls } = await testGate()
    await relay.fault({ fault: 'latency', latencyMs: IN_FLIGHT_MS })
    const same = { key: 'same-request', query: 'page%5Bsize%5D=7' }
    const results = await Promise.all(Array.from({ length: 25 }, () => call(same)))
    expect(results.every((r) => r.kind === 'response' && r.status === 200)).toBe(true)
    expect(results.filter((r) => r.kind === 'response' && r.shared)).toHaveLength(24)
    expect(await vendorCalls()).toBe(1)
  })

  it('forgets a finished call at once: its failure is never handed to the next caller', async () => {
    const { relay, call, vendorCalls } = await testGate()
    await relay.fault({ fault: '500', times: 1 })
    expect(await call({ key: 'k' })).toMatchObject({ kind: 'response', status: 500 })
    expect(await call({ key: 'k' })).toMatchObject({ kind: 'response', status: 200, shared: false })
    expect(await vendorCalls()).toBe(2)
  })

  it('never joins a load older than the timeout', async () => {
    const { relay, clock, call, vendorCalls } = await testGate()
    await relay.fault({ fault: 'latency', latencyMs: IN_FLIGHT_MS, times: 1 })
    const first = call({ key: 'k' })
    // Once the first call has reached the vendor, pretend it has been running past the 10 s timeout.
    await vi.waitFor(async () => expect(await vendorCalls()).toBe(1), EVENTUALLY)
    clock.t += 11_000
    const second = await call({ key: 'k' })
    expect(second).toMatchObject({ kind: 'response', status: 200, shared: false })
    await first
    expect(await vendorCalls()).toBe(2)
  })

  it('lets a forced refresh of one key reach the vendor at most once per 5 s', async () => {
    const { clock, call, vendorCalls } = await testGate()
    const key = { key: 'refresh-me', query: 'page%5Bsize%5D=3', refresh: true }
    expect(await call(key)).toMatchObject({ kind: 'response', shared: false })
    clock.t += 4000
    expect(await call(key)).toMatchObject({ kind: 'response', status: 200, shared: true })
    expect(await vendorCalls()).toBe(1)
    clock.t += 1500
    expect(await call(key)).toMatchObject({ kind: 'response', shared: false })
    expect(await vendorCalls()).toBe(2)
  })

  it('shares no copy, and joins no call, begun before a webhook said its record changed', async () => {
    const { relay, stub, clock, call, vendorCalls } = await testGate()
    const changed = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
    const about = { key: 'about-the-inquiry', path: `inquiries/${changed}`, query: '', refresh: true }
    const listed = await call({ key: 'a-list', query: 'page%5Bsize%5D=4', list: true })
    const otherId =
      listed.kind === 'response'
        ? (JSON.parse(listed.body) as { data: { id: string }[] }).data.find((inq) => inq.id !== changed)?.id
        : undefined
    expect(otherId).toBeDefined()
    const unrelated = { key: 'another-inquiry', path: `inquiries/${otherId}`, query: '' }
    await call(about)
    await call(unrelated)
    clock.t += 1000
    expect(await call(about)).toMatchObject({ kind: 'response', status: 200, shared: true, ageMs: 1000 })
    await stub.changedRecords([changed])
    clock.t += 10
    expect(await call(about)).toMatchObject({ kind: 'response', status: 200, shared: false })
    expect(await call(unrelated)).toMatchObject({ shared: true })
    expect(await call({ ...unrelated, refresh: true })).toMatchObject({ shared: true })
    // Any change may add a record to a list, or change one it shows.
    expect(await call({ key: 'a-list', query: 'page%5Bsize%5D=4', list: true })).toMatchObject({ shared: false })
    // The copy asked after the change is shared as before.
    expect(await call(about)).toMatchObject({ shared: true })
    expect(await vendorCalls()).toBe(5)

    // A call on its way when the change is told is not joined by the next one.
    clock.t += 6000
    await relay.fault({ fault: 'latency', latencyMs: IN_FLIGHT_MS, times: 1 })
    const first = call(about)
    await vi.waitFor(async () => expect(await vendorCalls()).toBe(6), EVENTUALLY)
    await stub.changedRecords([changed])
    expect(await call(about)).toMatchObject({ kind: 'response', status: 200, shared: false })
    expect(await first).toMatchObject({ kind: 'response', status: 200, shared: false })
    expect(await vendorCalls()).toBe(7)
  })

  it("keeps the refresh floor's copies within a byte cap, dropping the oldest first", async () => {
    const { stub, clock, call, vendorCalls } = await testGate()
    const first = await call({ key: 'first', query: 'page%5Bsize%5D=20' })
    const size = first.kind === 'response' ? first.body.length : 0
    expect(size).toBeGreaterThan(1000)
    // Room for one such body: the second copy pushes the first out.
    await runInDurableObject(stub, (gate) => {
      gate.recentMaxBytes = Math.ceil(size * 1.5)
    })
    await call({ key: 'second', query: 'page%5Bsize%5D=21' })
    clock.t += 1000
    expect(await call({ key: 'second', query: 'page%5Bsize%5D=21', refresh: true })).toMatchObject({ shared: true })
    expect(await call({ key: 'first', query: 'page%5Bsize%5D=20', refresh: true })).toMatchObject({ kind: 'response', shared: false })
    expect(await vendorCalls()).toBe(3)
  })

  it("resyncs from Persona's RateLimit headers and holds every call after a 429 until its reset", async () => {
    const { relay, clock, stub, target, call, vendorCalls } = await testGate()
    await call()
    // The demo upstream counts 300 per minute per key; it said 299 remain.
    expect((await stub.status(target, 'persona')).budget.vendor).toMatchObject({ remaining: 299 })
    await relay.fault({ fault: '429', retryAfterSeconds: 42, times: 1 })
    expect(await call()).toMatchObject({ kind: 'response', status: 429, retryAfterSeconds: 42 })
    const held = await call()
    expect(held).toMatchObject({ kind: 'denied', reason: 'vendor-hold', retryAfterSeconds: 42 })
    expect(await vendorCalls()).toBe(2)
    clock.t += 42_000
    expect(await call()).toMatchObject({ kind: 'response', status: 200 })
    expect(await vendorCalls()).toBe(3)
    const status = await stub.status(target, 'persona')
    expect(status).toMatchObject({ vendor429s: 1, shed: { 'vendor-hold': 1 }, calls: 3 })
  })

  it("holds for Persona's window at most, and for its own 30 s when the vendor's wait is beyond reason", async () => {
    const { relay, clock, call } = await testGate()
    await relay.fault({ fault: '429', retryAfterSeconds: 600, times: 1 })
    expect(await call()).toMatchObject({ kind: 'response', status: 429, retryAfterSeconds: 60 })
    expect(await call()).toMatchObject({ kind: 'denied', retryAfterSeconds: 60 })
    clock.t += 60_000
    // A day is past any hold a header may set (vendor-headers.test.ts): as if the vendor said nothing.
    await relay.fault({ fault: '429', retryAfterSeconds: 86_400, times: 1 })
    expect(await call()).toMatchObject({ kind: 'response', status: 429, retryAfterSeconds: 30 })
    expect(await call()).toMatchObject({ kind: 'denied', retryAfterSeconds: 30 })
  })

  it('lets an interactive call wait up to 2 s for budget, and sheds background work first', async () => {
    const { clock, call, vendorCalls } = await testGate()
    for (let i = 0; i < 8; i++) await call()
    // 8 of 10 used: background may not take the last 20%; an agent waiting may.
    expect(await call({ priority: 'background' })).toMatchObject({ kind: 'denied', reason: 'background-reserve' })
    await call()
    await call()
    // Full: 58 s until a slot frees, far more than 2 s: denied at once, Retry-After says when.
    clock.t += 2000
    expect(await call()).toMatchObject({ kind: 'denied', reason: 'window', retryAfterSeconds: 58, limit: 10, remaining: 0 })
    // 1.5 s before a slot frees the interactive call waits for it (the injected clock moves) and goes through.
    clock.t += 56_500
    const before = clock.t
    expect(await call()).toMatchObject({ kind: 'response', status: 200 })
    expect(clock.t - before).toBe(1500)
    expect(await vendorCalls()).toBe(11)
  })

  it("keeps one agent's misses to AGENT_SHARE of the budget while the others use it", async () => {
    const { call, vendorCalls } = await testGate('persona', { ...PERSONA_LIMITS, perWindow: 12, agentShare: 0.25 })
    for (const other of ['bob', 'carol', 'dave']) expect(await call({ agent: other })).toMatchObject({ kind: 'response' })
    for (let i = 0; i < 3; i++) expect(await call({ agent: 'alice' })).toMatchObject({ kind: 'response' })
    expect(await call({ agent: 'alice' })).toMatchObject({ kind: 'denied', reason: 'agent-share', limit: 3, remaining: 0 })
    expect(await call({ agent: 'bob' })).toMatchObject({ kind: 'response' })
    expect(await vendorCalls()).toBe(7)
  })

  it('lends an agent alone the budget nobody else uses, all but one share kept for whoever comes next', async () => {
    const { call, clock, vendorCalls } = await testGate('persona', { ...PERSONA_LIMITS, perWindow: 12, agentShare: 0.25 })
    const results: GateResult[] = []
    for (let i = 0; i < 12; i++) {
      clock.t += 100
      results.push(await call({ agent: 'alice' }))
    }
    // Not refused at her share (3) while 9 sit unused: 9 of 12, the last 3 kept free.
    expect(results.filter((r) => r.kind === 'response')).toHaveLength(9)
    expect(results[9]).toMatchObject({ kind: 'denied', reason: 'agent-share' })
    // bob arrives: his whole share at once.
    for (let i = 0; i < 3; i++) expect(await call({ agent: 'bob' })).toMatchObject({ kind: 'response' })
    expect(await vendorCalls()).toBe(12)
  })

  it('keeps the deepidv day counter across an eviction', async () => {
    const { stub, call, clock, target, vendorCalls } = await testGate('deepidv', {
      windowMs: 1000,
      perWindow: 22,
      perDay: 3,
      agentShare: 1,
    })
    for (let i = 0; i < 3; i++) expect(await call()).toMatchObject({ kind: 'response', status: 200 })
    await evictDurableObject(stub)
    // A new instance: memory is gone (the injected clock too), the SQLite day counter is not.
    await runInDurableObject(stub, (gate) => {
      gate.clock = clock
    })
    clock.t += 5000
    expect(await call()).toMatchObject({ kind: 'denied', reason: 'day' })
    expect((await stub.status(target, 'deepidv')).budget.day).toEqual({ limit: 3, used: 3, remaining: 0 })
    expect(await vendorCalls()).toBe(3)
  })

  it("keeps a vendor's 429 hold across an eviction", async () => {
    const { relay, stub, call, clock, vendorCalls } = await testGate()
    await relay.fault({ fault: '429', retryAfterSeconds: 600, times: 1 })
    await call()
    await evictDurableObject(stub)
    await runInDurableObject(stub, (gate) => {
      gate.clock = clock
    })
    expect(await call()).toMatchObject({ kind: 'denied', reason: 'vendor-hold' })
    expect(await vendorCalls()).toBe(1)
  })
})

/** A clock whose sleeps last until the test releases them: a waiting call stays in flight meanwhile. */
class HeldClock extends TestClock {
  private waiting: (() => void)[] = []
  get sleeping() {
    return this.waiting.length
  }
  override sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      this.waiting.push(() => {
        this.t += ms
        resolve()
      })
    })
  release() {
    for (const wake of this.waiting.splice(0)) wake()
  }
}

describe('vendor gate: fair to the last call (issue 18)', () => {
  it('keeps the rolling window across an eviction: 10 calls on a budget of 5 within seconds, 5 reach the vendor', async () => {
    const { stub, call, clock, vendorCalls } = await testGate('persona', { ...PERSONA_LIMITS, perWindow: 5 })
    const results: GateResult[] = []
    for (let i = 0; i < 5; i++) results.push(await call({ agent: `agent${i}` }))
    // A deploy in the middle of the window: memory (and the injected clock) is gone.
    await evictDurableObject(stub)
    await runInDurableObject(stub, (gate) => {
      gate.clock = clock
    })
    clock.t += 3000
    for (let i = 0; i < 5; i++) results.push(await call({ agent: `agent${i + 5}` }))
    expect(results.filter((r) => r.kind === 'response')).toHaveLength(5)
    expect(results.slice(5).every((r) => r.kind === 'denied' && r.reason === 'window')).toBe(true)
    // Vendor calls over budget = 0.
    expect(await vendorCalls()).toBe(5)
  })

  it("keeps one agent's share of the window across an eviction", async () => {
    const { stub, call, clock, vendorCalls } = await testGate('persona', { ...PERSONA_LIMITS, perWindow: 12, agentShare: 0.25 })
    // The others' calls in the window are restored too: the budget is still contended after the restart.
    for (const other of ['bob', 'carol', 'dave']) expect(await call({ agent: other })).toMatchObject({ kind: 'response' })
    for (let i = 0; i < 3; i++) expect(await call({ agent: 'alice' })).toMatchObject({ kind: 'response' })
    await evictDurableObject(stub)
    await runInDurableObject(stub, (gate) => {
      gate.clock = clock
    })
    clock.t += 1000
    expect(await call({ agent: 'alice' })).toMatchObject({ kind: 'denied', reason: 'agent-share' })
    expect(await vendorCalls()).toBe(6)
  })

  it("keeps one agent to AGENT_SHARE of the deepidv day, and the others' calls go on", async () => {
    // A day of 8 with a share of 0.25: 2 calls per agent per day, whatever the window allows.
    const { stub, call, clock, vendorCalls } = await testGate('deepidv', { windowMs: 1000, perWindow: 22, perDay: 8, agentShare: 0.25 })
    const results: GateResult[] = []
    for (let i = 0; i < 6; i++) {
      // Well apart, so the window's own share (22 × 0.25 = 5 a second) never refuses.
      clock.t += 2000
      results.push(await call({ agent: 'alice' }))
    }
    expect(results.filter((r) => r.kind === 'response')).toHaveLength(2)
    expect(results[2]).toMatchObject({ kind: 'denied', reason: 'agent-day-share', limit: 2, remaining: 0 })
    await evictDurableObject(stub)
    await runInDurableObject(stub, (gate) => {
      gate.clock = clock
    })
    clock.t += 2000
    expect(await call({ agent: 'alice' })).toMatchObject({ kind: 'denied', reason: 'agent-day-share' })
    expect(await call({ agent: 'bob' })).toMatchObject({ kind: 'response', status: 200 })
    expect(await vendorCalls()).toBe(3)
  })

  it("retries a coalesced answer refused for one agent's share under each joiner's own identity", async () => {
    const clock = new HeldClock()
    const { stub, target, call, vendorCalls } = await testGate('persona', { ...PERSONA_LIMITS, perWindow: 4, agentShare: 0.5 })
    await runInDurableObject(stub, (gate) => {
      gate.clock = clock
    })
    const t0 = clock.t
    // carol takes 2 at t0, alice her whole share (2) a second later: the window is full.
    for (let i = 0; i < 2; i++) await call({ agent: 'carol' })
    clock.t = t0 + 1000
    for (let i = 0; i < 2; i++) await call({ agent: 'alice' })
    // 1.5 s before carol's calls leave the window alice asks for K and waits for the slot...
    clock.t = t0 + 58_500
    const alice = call({ agent: 'alice', key: 'K' })
    await vi.waitFor(() => expect(clock.sleeping).toBe(1), EVENTUALLY)
    // ...bob, who has used nothing, asks for the same K and joins her call.
    const bob = call({ agent: 'bob', key: 'K' })
    await vi.waitFor(async () => expect((await stub.status(target, 'persona')).shared).toBe(1), EVENTUALLY)
    // Woken inside the object: its promises belong to it.
    await runInDurableObject(stub, () => clock.release())
    // A slot is free, but alice is over her share: her refusal is hers alone.
    expect(await alice).toMatchObject({ kind: 'denied', reason: 'agent-share' })
    expect(await bob).toMatchObject({ kind: 'response', status: 200 })
    expect(await vendorCalls()).toBe(5)
  })
})

describe('vendor gate: one per vendor environment, not per key', () => {
  it('a rotated key (or a second relay) on the same environment shares the budget', async () => {
    const first = testRelay({ PERSONA_BUDGET_PER_MINUTE: '2', AGENT_SHARE: '1' })
    for (const size of [1, 2]) expect((await first.get(`/v1/persona/inquiries?page%5Bsize%5D=${size}`)).status).toBe(200)
    // The key is rotated (a new one on the same Persona environment): the budget spent stays spent.
    const rotated = testRelay({ PERSONA_BUDGET_PER_MINUTE: '2', AGENT_SHARE: '1', PERSONA_ENVIRONMENT: first.env.PERSONA_ENVIRONMENT })
    const refused = await rotated.get('/v1/persona/inquiries?page%5Bsize%5D=3')
    expect(refused.status).toBe(429)
    expect(await problemOf(refused)).toMatchObject({ code: 'budget-exhausted' })
    expect((await rotated.upstreamCalls()).persona).toBe(0)
    // Another environment is another budget.
    expect(
      (await testRelay({ PERSONA_BUDGET_PER_MINUTE: '2', AGENT_SHARE: '1' }).get('/v1/persona/inquiries?page%5Bsize%5D=3')).status,
    ).toBe(200)
  })
})
