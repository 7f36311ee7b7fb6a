import { describe, expect, it } from 'vitest'
import type { RelayResult } from '../lib/messages.ts'
import { createResource } from './resource.ts'

/** Retries that wait for nobody: each test answers every read itself. */
const NO_TIMERS = { set: () => null, clear: () => {} }

/** Reads answered by hand, in the order a test chooses. */
function heldReads() {
  const pending: ((result: RelayResult<string>) => void)[] = []
  const fetch = () => new Promise<RelayResult<string>>((resolve) => pending.push(resolve))
  return {
    fetch,
    answer: (index: number, data: string) => pending[index]!({ ok: true, data, freshness: null, receivedAt: 0 }),
    fail: (index: number) =>
      pending[index]!({
        ok: false,
        error: { kind: 'unreachable', reason: { code: 'cannot-reach-relay', relay: 'https://relay.example' } },
      }),
  }
}

describe('createResource when reads overlap', () => {
  it('should show the answer of a refresh that a later refresh overtook, while that one is still reading', async () => {
    const reads = heldReads()
    const resource = createResource(reads.fetch, Date.now, NO_TIMERS)
    const first = resource.load(true)
    const second = resource.load(true)
    reads.answer(0, 'approved')
    await first
    // Each Refresh used to drop the read before it: clicks faster than the vendor kept every answer away.
    expect(resource.data.value).toBe('approved')
    expect(resource.loading.value).toBe(true)
    reads.answer(1, 'approved, later')
    await second
    expect(resource.data.value).toBe('approved, later')
    expect(resource.loading.value).toBe(false)
  })

  it('should drop an answer older than the one shown', async () => {
    const reads = heldReads()
    const resource = createResource(reads.fetch, Date.now, NO_TIMERS)
    const [first, second] = [resource.load(true), resource.load(true)]
    reads.answer(1, 'newer')
    await second
    reads.answer(0, 'older')
    await first
    expect(resource.data.value).toBe('newer')
  })

  it('should show the failure of the latest read only', async () => {
    const reads = heldReads()
    const resource = createResource(reads.fetch, Date.now, NO_TIMERS)
    const [first, second] = [resource.load(true), resource.load(true)]
    reads.fail(0)
    await first
    expect(resource.error.value).toBeNull()
    expect(resource.loading.value).toBe(true)
    reads.fail(1)
    await second
    expect(resource.error.value?.failure.kind).toBe('unreachable')
    expect(resource.loading.value).toBe(false)
  })
})
