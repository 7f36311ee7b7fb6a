import { runInDurableObject } from 'cloudflare:test'
import { describe, expect, it, vi } from 'vitest'
import { configFor } from '../src/config/parse.ts'
import { VENDORS } from '../src/vendors/index.ts'
import type { VendorGate } from '../src/gate/vendor-gate.ts'
import type { RoomLease } from '../src/bodies/byte-budget.ts'
import { gateName } from '../src/upstream/gate-client.ts'
import { largeBodies } from '../src/upstream/call-upstream.ts'
import { EVENTUALLY, testRelay, VENDOR_GATE } from './helpers.ts'
import { largePersonaList } from './large-list.ts'

// Memory stays bounded under concurrent large answers, and no answer is refused after its vendor call
// was spent: more concurrent misses than the gate has connections (6) and room for whole bodies (4),
// each a documented-shape page just under the 5 MB cap streamed without a Content-Length. The test
// holds the gate's room until every connected call waits for it (a condition, not a clock), so the
// calls contend on any machine; all are answered, and every byte of room is given back (takes =
// releases). The 40-call burst's timings are bench:faults' ("40 concurrent large bodies").

const gates = VENDOR_GATE as unknown as DurableObjectNamespace<VendorGate>
/** The gate's connections (VENDOR_CONNECTIONS) and two more, which wait for one. */
const CONNECTIONS = 6
const CALLS = CONNECTIONS + 2

describe('concurrent large vendor answers', () => {
  it('8 concurrent large misses without a length wait for room, then one more: all 200, room given back whole', async () => {
    // A bound, not a measure: the calls wait for the test's release, and a 504 would be the machine's.
    const relay = testRelay({ UPSTREAM_TIMEOUT_MS: '60000', PERSONA_BUDGET_PER_MINUTE: '270', AGENT_SHARE: '1' })
    await relay.fault({ fault: 'invalid', body: largePersonaList(), chunkBytes: 64 * 1024 })
    const stub = gates.get(gates.idFromName(await gateName(configFor(relay.env, VENDORS), 'persona')))
    const worker = { takes: largeBodies.takes, releases: largeBodies.releases }
    let held: RoomLease | undefined
    await runInDurableObject(stub, async (g) => {
      held = g.bodies.lease(g.bodies.maxBytes)
      expect(await held.grow(g.bodies.maxBytes)).toBe(true)
    })
    const pending = Array.from({ length: CALLS }, (_, i) => relay.get(`/v1/persona/inquiries?page%5Bsize%5D=${i + 1}`))
    // Every connection is open and its body stopped at its first large chunk; the other two wait for a connection.
    await vi.waitFor(async () => {
      expect(await runInDurableObject(stub, (g) => g.bodies.waiters)).toBe(CONNECTIONS)
      expect((await relay.upstreamCalls()).persona).toBe(CONNECTIONS)
    }, EVENTUALLY)
    // From here the peak is the calls' own.
    await runInDurableObject(stub, (g) => {
      held?.release()
      g.bodies.peak = g.bodies.inUse
    })
    const responses = await Promise.all(pending)
    const statuses = responses.map((r) => r.status)
    for (const res of responses.filter((r) => r.status !== 200)) console.log(`refused: ${res.status} ${await res.clone().text()}`)
    expect(statuses).toEqual(Array.from({ length: CALLS }, () => 200))
    const bodies = await Promise.all(responses.map(async (r) => ((await r.json()) as { data: unknown[] }).data.length))
    expect(bodies.every((n) => n === 100)).toBe(true)
    // One more after the burst: the room is whole again.
    expect((await relay.get('/v1/persona/inquiries?page%5Bsize%5D=77')).status).toBe(200)
    expect((await relay.upstreamCalls()).persona).toBe(CALLS + 1)

    const gate = await runInDurableObject(stub, (g) => ({
      peak: g.bodies.peak,
      max: g.bodies.maxBytes,
      inUse: g.bodies.inUse,
      takes: g.bodies.takes,
      releases: g.bodies.releases,
    }))
    console.log(
      `gate room: peak ${gate.peak} of ${gate.max}, takes ${gate.takes}, releases ${gate.releases}; worker room: peak ${largeBodies.peak} of ${largeBodies.maxBytes}, takes ${largeBodies.takes - worker.takes}, releases ${largeBodies.releases - worker.releases}`,
    )
    expect(gate.peak).toBeGreaterThan(0)
    expect(gate.peak).toBeLessThanOrEqual(gate.max)
    expect(gate.inUse).toBe(0)
    // The test's own lease, each call's and the one more.
    expect(gate.takes).toBe(CALLS + 2)
    expect(gate.releases).toBe(gate.takes)
    expect(largeBodies.peak).toBeLessThanOrEqual(largeBodies.maxBytes)
    expect(largeBodies.inUse).toBe(0)
    expect(largeBodies.takes - worker.takes).toBe(CALLS + 1)
    expect(largeBodies.releases - worker.releases).toBe(largeBodies.takes - worker.takes)
  })
})
