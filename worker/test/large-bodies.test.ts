import { runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { configFor } from '../src/config/parse.ts'
import { VENDORS } from '../src/vendors/index.ts'
import type { VendorGate } from '../src/gate/vendor-gate.ts'
import { gateName } from '../src/upstream/gate-client.ts'
import { largeBodies } from '../src/upstream/call-upstream.ts'
import { testRelay, VENDOR_GATE } from './helpers.ts'
import { largePersonaList } from './large-list.ts'

// Memory stays bounded under concurrent large answers, and no answer is refused after its vendor call
// was spent: 40 concurrent misses, each answered by the vendor with a documented-shape page just under
// the 5 MB cap, streamed without a Content-Length, are all answered; the gate holds room as the bytes
// arrive and the Worker while it parses and shapes, each within its budget, and every byte of room is
// given back (takes = releases), so the next large answer finds the room whole.

const gates = VENDOR_GATE as unknown as DurableObjectNamespace<VendorGate>

describe('concurrent large vendor answers', () => {
  it('40 concurrent large misses without a length, then one more: all 200, room given back whole', async () => {
    // The longest timeout: on a busy machine 40 large answers take long, and a 504 would then be the machine's, not the relay's.
    const relay = testRelay({ UPSTREAM_TIMEOUT_MS: '60000', PERSONA_BUDGET_PER_MINUTE: '270', AGENT_SHARE: '1' })
    await relay.fault({ fault: 'invalid', body: largePersonaList(), chunkBytes: 64 * 1024 })
    const stub = gates.get(gates.idFromName(await gateName(configFor(relay.env, VENDORS), 'persona')))
    const worker = { takes: largeBodies.takes, releases: largeBodies.releases }
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => relay.get(`/v1/persona/inquiries?page%5Bsize%5D=${i + 1}`)))
    const statuses = responses.map((r) => r.status)
    console.log(`40 large misses: ${JSON.stringify(Object.fromEntries(statuses.map((s) => [s, statuses.filter((x) => x === s).length])))}`)
    for (const res of responses.filter((r) => r.status !== 200)) console.log(`refused: ${res.status} ${await res.clone().text()}`)
    expect(statuses).toEqual(Array.from({ length: 40 }, () => 200))
    const bodies = await Promise.all(responses.map(async (r) => ((await r.json()) as { data: unknown[] }).data.length))
    expect(bodies.every((n) => n === 100)).toBe(true)
    // One more after the burst: the room is whole again.
    expect((await relay.get('/v1/persona/inquiries?page%5Bsize%5D=77')).status).toBe(200)
    expect((await relay.upstreamCalls()).persona).toBe(41)

    const gate = await runInDurableObject(stub, (g) => ({ peak: g.bodies.peak, max: g.bodies.maxBytes, inUse: g.bodies.inUse, takes: g.bodies.takes, releases: g.bodies.releases }))
    console.log(`gate room: peak ${gate.peak} of ${gate.max}, takes ${gate.takes}, releases ${gate.releases}; worker room: peak ${largeBodies.peak} of ${largeBodies.maxBytes}, takes ${largeBodies.takes - worker.takes}, releases ${largeBodies.releases - worker.releases}`)
    expect(gate.peak).toBeGreaterThan(0)
    expect(gate.peak).toBeLessThanOrEqual(gate.max)
    expect(gate.inUse).toBe(0)
    expect(gate.takes).toBe(41)
    expect(gate.releases).toBe(gate.takes)
    expect(largeBodies.peak).toBeLessThanOrEqual(largeBodies.maxBytes)
    expect(largeBodies.inUse).toBe(0)
    expect(largeBodies.takes - worker.takes).toBe(41)
    expect(largeBodies.releases - worker.releases).toBe(largeBodies.takes - worker.takes)
  })
})
