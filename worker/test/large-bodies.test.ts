import { runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { configFor } from '../src/config.ts'
import type { VendorGate } from '../src/gate/vendor-gate.ts'
import { gateName } from '../src/gate/gate-client.ts'
import { largeBodies } from '../src/upstream/call-upstream.ts'
import { testRelay, VENDOR_GATE } from './helpers.ts'
import { largePersonaList } from './large-list.ts'

// Memory stays bounded under concurrent large answers: 40 concurrent misses, each answered by the
// vendor with a documented-shape page just under the 5 MB cap, are answered or refused cleanly (200, or
// a typed 503 `governor-unavailable` with Retry-After, never a 500 or a 504), and the large bodies the
// gate reads and the Worker parses at once stay within their budgets.

const gates = VENDOR_GATE as unknown as DurableObjectNamespace<VendorGate>

describe('concurrent large vendor answers', () => {
  it('40 concurrent large misses: each answered or refused with a typed problem, within the memory budgets', async () => {
    // The longest timeout: on a busy machine 40 large answers take long, and a 504 would then be the machine's, not the relay's.
    const relay = testRelay({ UPSTREAM_TIMEOUT_MS: '60000', PERSONA_BUDGET_PER_MINUTE: '270', AGENT_SHARE: '1' })
    await relay.fault({ fault: 'invalid', body: largePersonaList() })
    const stub = gates.get(gates.idFromName(await gateName(configFor(relay.env), 'persona')))
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => relay.get(`/v1/persona/inquiries?page%5Bsize%5D=${i + 1}`)))
    const statuses = responses.map((r) => r.status)
    console.log(`40 large misses: ${JSON.stringify(Object.fromEntries(statuses.map((s) => [s, statuses.filter((x) => x === s).length])))}`)
    expect(statuses.every((s) => s === 200 || s === 429 || s === 502 || s === 503)).toBe(true)
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0)
    for (const res of responses.filter((r) => r.status !== 200)) {
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      const problem = (await res.json()) as { code: string; retryAfter?: number }
      expect(['governor-unavailable', 'budget-exhausted', 'rate-limited', 'upstream-invalid']).toContain(problem.code)
    }
    const gatePeak = await runInDurableObject(stub, (gate) => ({ peak: gate.bodies.peak, max: gate.bodies.maxBytes, inUse: gate.bodies.inUse }))
    expect(gatePeak.peak).toBeGreaterThan(0)
    expect(gatePeak.peak).toBeLessThanOrEqual(gatePeak.max)
    expect(gatePeak.inUse).toBe(0)
    expect(largeBodies.peak).toBeLessThanOrEqual(largeBodies.maxBytes)
  })
})
