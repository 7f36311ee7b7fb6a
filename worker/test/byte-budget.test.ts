import { describe, expect, it } from 'vitest'
import { ByteBudget } from '../src/bodies/byte-budget.ts'
import { ConnectionSlots } from '../src/gate/connection-slots.ts'

const MB = 1024 * 1024
const CHUNK = 64 * 1024

/** One body read as the gate reads it: room grown chunk by chunk, given back in a finally. */
async function read(budget: ByteBudget, bytes: number, ceiling: number, turn: () => Promise<void>): Promise<boolean> {
  const room = budget.lease(ceiling)
  try {
    for (let at = CHUNK; at < bytes + CHUNK; at += CHUNK) {
      if (!(await room.grow(Math.min(at, bytes)))) return false
      await turn()
    }
    return true
  } finally {
    room.release()
  }
}

describe('ByteBudget', () => {
  it('40 bodies of 4.8 MB growing chunk by chunk into 24 MB all finish: no deadlock, never over, room given back', async () => {
    const budget = new ByteBudget(24 * MB, 256 * 1024)
    let highest = 0
    const turn = async () => {
      highest = Math.max(highest, budget.inUse)
      await new Promise((resolve) => setImmediate(resolve))
    }
    const done = await Promise.all(Array.from({ length: 40 }, () => read(budget, Math.round(4.8 * MB), 5 * MB, turn)))
    expect(done.every(Boolean)).toBe(true)
    expect(highest).toBeLessThanOrEqual(budget.maxBytes)
    expect(budget.peak).toBeLessThanOrEqual(budget.maxBytes)
    expect(budget.inUse).toBe(0)
    expect(budget.takes).toBe(40)
    expect(budget.releases).toBe(40)
  })

  it('keeps room for one whole body: a grant that no holder could finish after waits instead', async () => {
    const budget = new ByteBudget(10 * MB, 256 * 1024)
    const a = budget.lease(5 * MB)
    const b = budget.lease(5 * MB)
    const c = budget.lease(5 * MB)
    expect(await a.grow(4.5 * MB)).toBe(true)
    expect(await b.grow(4.5 * MB)).toBe(true)
    // 1 MB free; giving c 0.75 MB would leave 0.25 MB, and neither a nor b could then reach 5 MB.
    expect(await c.grow(0.75 * MB, { waitMs: 0 })).toBe(false)
    expect(budget.inUse).toBe(9 * MB)
    expect(await a.grow(5 * MB)).toBe(true)
    a.release()
    a.release()
    expect(await c.grow(0.75 * MB, { waitMs: 0 })).toBe(true)
    b.release()
    c.release()
    expect({ inUse: budget.inUse, takes: budget.takes, releases: budget.releases }).toEqual({ inUse: 0, takes: 3, releases: 3 })
  })

  it('a body below the large size takes no room; a wait ends with its signal', async () => {
    const budget = new ByteBudget(1 * MB, 256 * 1024)
    const small = budget.lease(100_000)
    expect(await small.grow(100_000)).toBe(true)
    expect(budget.inUse).toBe(0)
    const big = budget.lease(1 * MB)
    expect(await big.grow(1 * MB)).toBe(true)
    const other = budget.lease(512 * 1024)
    const controller = new AbortController()
    const waiting = other.grow(512 * 1024, { signal: controller.signal })
    controller.abort()
    expect(await waiting).toBe(false)
    for (const lease of [small, big, other]) lease.release()
    expect({ inUse: budget.inUse, takes: budget.takes, releases: budget.releases }).toEqual({ inUse: 0, takes: 1, releases: 1 })
  })
})

describe('ConnectionSlots', () => {
  it('hands a freed slot to a waiter that is still waiting, not to one that gave up', async () => {
    const slots = new ConnectionSlots(1)
    const never = new AbortController().signal
    expect(await slots.take(never)).toBe(true)
    const gaveUp = new AbortController()
    const first = slots.take(gaveUp.signal)
    const second = slots.take(never)
    gaveUp.abort()
    expect(await first).toBe(false)
    slots.release()
    expect(await second).toBe(true)
    slots.release()
  })
})
