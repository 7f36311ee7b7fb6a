import { runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { Budget, plausibleWait } from '../src/gate/budget.ts'
import type { VendorGate } from '../src/gate/vendor-gate.ts'
import { configFor } from '../src/config/parse.ts'
import { gateName } from '../src/upstream/gate-client.ts'
import { VENDORS } from '../src/vendors/index.ts'
import { problemOf, testRelay, VENDOR_GATE } from './helpers.ts'

// One vendor header must not lock every agent out: RateLimit-Reset and Retry-After are taken within the
// vendor's documented window (Persona 60 s; deepidv's SDK caps Retry-After at 60 s), and an implausible
// one (an epoch timestamp where seconds belong) as if absent.

const gates = VENDOR_GATE as unknown as DurableObjectNamespace<VendorGate>
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0)
const LIST = '/v1/persona/inquiries?page%5Bsize%5D=2'

async function clockedRelay(provider: 'persona' | 'deepidv' = 'persona') {
  const relay = testRelay()
  const stub = gates.get(gates.idFromName(await gateName(configFor(relay.env, VENDORS), provider)))
  const clock = { t: T0, now: () => clock.t, sleep: async (ms: number) => void (clock.t += ms) }
  await runInDurableObject(stub, (gate) => {
    gate.clock = clock
  })
  return { relay, clock }
}

describe("a vendor's rate-limit headers, within reason", () => {
  it('a RateLimit-Reset past any hold (a day; epoch timestamps are read below) on a Persona 429 holds for the default 30 s, not an hour, and calls flow again after', async () => {
    const { relay, clock } = await clockedRelay()
    // The demo upstream takes at most a day; the unit test below reads an epoch timestamp itself.
    await relay.fault({ fault: '429', retryAfterSeconds: 86_400, times: 1 })
    const limited = await relay.get(LIST)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('30')
    // Every agent is held meanwhile, for no longer than that.
    const held = await relay.get('/v1/persona/events?page%5Bsize%5D=1')
    expect(held.status).toBe(429)
    expect(Number(held.headers.get('retry-after'))).toBeLessThanOrEqual(30)
    clock.t += 31_000
    // The 429 also said `ratelimit-remaining: 0` with that reset: not a reason to refuse past the window.
    const again = await relay.get('/v1/persona/events?page%5Bsize%5D=1')
    expect(again.status).toBe(200)
    expect((await relay.upstreamCalls()).persona).toBe(2)
  })

  it('a Persona reset past its 60 s window is cut to the window', async () => {
    const { relay } = await clockedRelay()
    await relay.fault({ fault: '429', retryAfterSeconds: 900, times: 1 })
    const limited = await relay.get(LIST)
    expect(limited.status).toBe(429)
    expect(await problemOf(limited)).toMatchObject({ code: 'rate-limited', retryAfter: 60 })
  })

  it("deepidv: Retry-After past 60 s is cut to 60, an absurd one is absent (the relay's own 30 s)", async () => {
    const { relay, clock } = await clockedRelay('deepidv')
    await relay.fault({ fault: '429', provider: 'deepidv', retryAfterSeconds: 120, times: 1 })
    expect((await relay.get('/v1/deepidv/sessions?limit=1')).headers.get('retry-after')).toBe('60')
    clock.t += 61_000
    await relay.fault({ fault: '429', provider: 'deepidv', retryAfterSeconds: 86_400, times: 1 })
    expect((await relay.get('/v1/deepidv/sessions?limit=2')).headers.get('retry-after')).toBe('30')
  })

  it('reads each header within the window, and treats the implausible as absent', () => {
    const headers = (h: Record<string, string>) => new Headers(h)
    expect(VENDORS.persona.retryAfterSeconds(headers({ 'ratelimit-reset': '53' }))).toBe(53)
    expect(VENDORS.persona.retryAfterSeconds(headers({ 'ratelimit-reset': '61' }))).toBe(60)
    expect(VENDORS.persona.retryAfterSeconds(headers({ 'ratelimit-reset': '999999999' }))).toBeNull()
    expect(VENDORS.persona.retryAfterSeconds(headers({ 'ratelimit-reset': '999999999', 'retry-after': '12' }))).toBe(12)
    expect(VENDORS.deepidv.retryAfterSeconds(headers({ 'retry-after': 'Wed, 21 Oct 2099 07:28:00 GMT' }))).toBeNull()
    expect(plausibleWait(-1, 60)).toBeNull()
    expect(plausibleWait(Number.NaN, 60)).toBeNull()
    // The budget's resync ignores a reset beyond reason, and a remaining count that is not one.
    const budget = new Budget({ windowMs: 61_000, perWindow: 10, perDay: null, agentShare: 1 })
    budget.resync(T0, 0, 999_999_999)
    expect(budget.check(T0, 'interactive', 'a')).toBeNull()
    budget.resync(T0, -3, 10)
    expect(budget.check(T0, 'interactive', 'a')).toBeNull()
    budget.resync(T0, 0, 3000)
    expect(budget.check(T0, 'interactive', 'a')).toMatchObject({ reason: 'vendor-remaining', retryAfterMs: 61_000 })
  })
})
