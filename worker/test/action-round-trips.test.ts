/**
 * One vendor-gate round trip per agent write (issue 56, item 2; a link reads its checks first): the requester match, the day's link
 * count, the Idempotency-Key and the vendor call are one RPC, and the records the answer names are marked
 * by that same call. Counted by wrapping the real gate namespace: every stub method call is one round trip.
 */
import { describe, expect, it } from 'vitest'
import type { Bindings } from '../src/bindings.ts'
import { VENDOR_GATE } from './helpers.ts'
import { actionRelay, createdInquiry, emailOf, post } from './action-helpers.ts'

type Gate = NonNullable<Bindings['VENDOR_GATE']>

/** The real gate namespace, with every RPC its stubs receive written down by name. */
function countingGate(): { gate: Gate; rpcs: string[] } {
  const rpcs: string[] = []
  const count = (stub: object) =>
    new Proxy(stub, {
      get(target, name) {
        const value = Reflect.get(target, name) as unknown
        if (typeof name !== 'string' || typeof value !== 'function' || name === 'then') return value
        return (...args: unknown[]) => {
          rpcs.push(name)
          return (target as Record<string, (...a: unknown[]) => unknown>)[name]!(...args)
        }
      },
    })
  const gate = {
    idFromName: (name: string) => VENDOR_GATE.idFromName(name),
    get: (id: never) => count(VENDOR_GATE.get(id)),
  } as unknown as Gate
  return { gate, rpcs }
}

describe('an agent action', () => {
  it('reaches the vendor gate twice: a one-time link reads its checks (a flagged one gets none), then writes once', async () => {
    const { gate, rpcs } = countingGate()
    const relay = actionRelay({ VENDOR_GATE: gate })
    const id = await createdInquiry(-11)
    expect((await post(relay, '/v1/requester-check', { id, field: 'email', value: await emailOf(id) })).status).toBe(200)
    rpcs.length = 0
    const made = await post(relay, `/v1/persona/inquiries/${id}/generate-one-time-link`, {}, { headers: { 'idempotency-key': 'count-1' } })
    expect(made.status).toBe(200)
    expect(rpcs).toEqual(['call', 'act'])
  })

  it('reaches the vendor gate once: a tag', async () => {
    const { gate, rpcs } = countingGate()
    const relay = actionRelay({ VENDOR_GATE: gate })
    const id = await createdInquiry(-11)
    const tagged = await post(relay, `/v1/persona/inquiries/${id}/add-tag`, { meta: { 'tag-name': 'round-trips' } })
    expect(tagged.status).toBe(200)
    expect(rpcs).toEqual(['act'])
  })
})
