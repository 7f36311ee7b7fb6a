import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { largePersonaList } from '../../worker/test/large-list.ts'
import { DEMO, startStack, type Stack } from '../harness/stack.ts'

// The isolate's room for large vendor answers under wrangler dev, where a request's timers end with
// it: after 8 concurrent ~4.8 MB answers streamed without a Content-Length (more than the gate's 6
// connections and its room for 4 whole bodies), every answer was served (none refused after its
// vendor call was spent), one more large answer is served too, and /v1/status shows the room given
// back whole (held 0, takes = releases). These hold at any count; the 40-call burst's timings are
// bench:faults', and worker/test/large-bodies.test.ts makes the calls contend on any machine.
let stack: Stack
/** The gate's 6 connections (VENDOR_CONNECTIONS) and two that wait for one. */
const CALLS = 8
const auth = { authorization: `Bearer ${DEMO.agentToken}` }

beforeAll(async () => {
  // A bound, not a measure: on a busy 2-core machine large answers take long, and a 504 would be the machine's.
  stack = await startStack({ vars: { UPSTREAM_TIMEOUT_MS: '60000', AGENT_SHARE: '1' } })
})

afterAll(async () => {
  await stack?.stop()
})

type Room = { heldBytes: number; maxBytes: number; takes: number; releases: number }

describe('large vendor answers under wrangler dev', () => {
  it('8 concurrent large answers without a length, then one more: all 200, room given back whole', { timeout: 180_000 }, async () => {
    const fault = await fetch(`${stack.upstream.url}/__demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        scope: DEMO.keys.persona,
        provider: 'persona',
        fault: 'invalid',
        body: largePersonaList(),
        chunkBytes: 64 * 1024,
      }),
    })
    expect(fault.status).toBeLessThan(300)
    const list = (size: number) => fetch(`${stack.relay.url}/v1/persona/inquiries?page%5Bsize%5D=${size}`, { headers: auth })
    const burst = await Promise.all(Array.from({ length: CALLS }, (_, i) => list(i + 1)))
    const statuses = burst.map((r) => r.status)
    await Promise.all(burst.map((r) => r.arrayBuffer()))
    console.log(`burst: ${JSON.stringify(Object.fromEntries(statuses.map((s) => [s, statuses.filter((x) => x === s).length])))}`)
    const after = await list(77)
    await after.arrayBuffer()
    const room = ((await (await fetch(`${stack.relay.url}/v1/status`, { headers: auth })).json()) as { room: Room }).room
    console.log(`after the burst: one more ${after.status}; room ${JSON.stringify(room)}`)
    expect(statuses).toEqual(Array.from({ length: CALLS }, () => 200))
    expect(after.status).toBe(200)
    expect(await stack.upstream.personaCalls()).toBe(CALLS + 1)
    expect(room.heldBytes).toBe(0)
    expect(room.takes).toBe(CALLS + 1)
    expect(room.releases).toBe(room.takes)
  })
})
