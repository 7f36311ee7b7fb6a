import { describe, expect, it, vi } from 'vitest'
import type { LookupEntry, LookupResponse } from '@idv-lens/shared/api'
import type { IdKind } from '@idv-lens/shared/ids'
import type { LookupIdsResult, RelayResult } from '../../lib/messages.ts'
import { createLookupQueue } from './lookup-queue.ts'

const inq = (n: number) => `inq_${String(n).padStart(24, 'A')}`
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'

const found = (id: string, kind: IdKind = 'persona-inquiry'): LookupEntry => ({
  found: true,
  id,
  kind,
  provider: kind === 'deepidv-session' ? 'deepidv' : 'persona',
  type: 'inquiry',
  status: 'approved',
  createdAt: null,
  updatedAt: null,
  dashboardUrl: '',
  reason: null,
  case: null,
  details: {
    kind: 'persona-inquiry',
    referenceId: null,
    completedAt: null,
    latestSessionId: null,
    threatLevel: null,
    countryCode: null,
    countryName: null,
  },
})
const ok = (entries: LookupEntry[]): RelayResult<LookupResponse> => ({ ok: true, data: { data: entries }, freshness: null, receivedAt: 0 })

/** A queue whose relay calls wait until the test answers them, on a clock the test moves. */
function setup(options: { maxInFlight?: number; maxStates?: number } = {}) {
  let time = 0
  const timers: { at: number; run: () => void }[] = []
  const calls: { ids: string[]; background: boolean; refresh: boolean; answer: (r: LookupIdsResult) => void }[] = []
  const updates: string[][] = []
  const queue = createLookupQueue({
    send: (ids, options) =>
      new Promise((resolve) =>
        calls.push({ ids, background: options?.background === true, refresh: options?.refresh === true, answer: resolve }),
      ),
    onUpdate: (keys) => updates.push(keys),
    now: () => time,
    setTimer: (run, ms) => timers.push({ at: time + ms, run }),
    maxInFlight: options.maxInFlight,
    maxStates: options.maxStates,
  })
  const tick = async (ms: number) => {
    time += ms
    for (const t of timers.filter((t) => t.at <= time)) {
      timers.splice(timers.indexOf(t), 1)
      t.run()
    }
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  const answerAll = async () => {
    for (const call of calls.splice(0)) call.answer(ok(call.ids.map((id) => found(id))))
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  return { queue, calls, updates, tick, answerAll }
}

const items = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ id: inq(from + i), kind: 'persona-inquiry' as const }))

describe('createLookupQueue', () => {
  it("should tell each ID's cell of that ID's changes alone, and drop the cell once the ID is forgotten and unwatched", async () => {
    const { queue, tick, answerAll } = setup({ maxStates: 1 })
    const first = queue.stateOf(inq(1))
    const seen: (string | undefined)[] = []
    const stop = first.subscribe((s) => seen.push(s?.state))
    const other: unknown[] = []
    queue.stateOf(inq(2)).subscribe((s) => other.push(s))
    queue.request(items(1, 1))
    await tick(80)
    await answerAll()
    expect(seen).toEqual(['queued', 'loading', 'found'])
    expect(first.value).toEqual(queue.get(inq(1)))
    expect(other).toEqual([])
    // A second answer pushes the first out (maxStates 1): its cell says so, and goes once unwatched.
    queue.request(items(1, 3))
    await tick(80)
    await answerAll()
    expect(seen.at(-1)).toBeUndefined()
    stop()
    expect(queue.stateOf(inq(1)).value).toBeUndefined()
    // Asked again, the ID gets a fresh cell that its new listener hears from; the old listener hears nothing.
    const again: (string | undefined)[] = []
    queue.stateOf(inq(1)).subscribe((s) => again.push(s?.state))
    queue.request(items(1, 1))
    expect(again).toEqual(['queued'])
    expect(seen.at(-1)).toBeUndefined()
  })

  it('should gather IDs briefly and send them in batches of at most 100', async () => {
    const { queue, calls, tick } = setup({ maxInFlight: 5 })
    queue.request(items(150))
    queue.request(items(100, 150))
    expect(calls).toHaveLength(0)
    await tick(80)
    expect(calls.map((c) => c.ids.length)).toEqual([100, 100, 50])
  })

  it('should keep at most two calls in flight and send the rest as they finish', async () => {
    const { queue, calls, tick, answerAll } = setup()
    queue.request(items(450))
    await tick(80)
    expect(calls).toHaveLength(2)
    await answerAll()
    expect(calls).toHaveLength(2)
    await answerAll()
    expect(calls.map((c) => c.ids.length)).toEqual([50])
  })

  it('should send hovered IDs at once, ahead of the gathered ones', async () => {
    const { queue, calls } = setup({ maxInFlight: 1 })
    queue.request(items(3))
    queue.request([{ id: inq(99), kind: 'persona-inquiry' }], { urgent: true })
    expect(calls).toHaveLength(1)
    expect(calls[0]!.ids[0]).toBe(inq(99))
  })

  it('should ask for each ID once and keep the answer', async () => {
    const { queue, calls, tick, answerAll } = setup()
    queue.request(items(2))
    queue.request(items(2))
    await tick(80)
    await answerAll()
    queue.request(items(2))
    await tick(80)
    expect(calls).toHaveLength(0)
    expect(queue.get(inq(0))).toMatchObject({ state: 'found', entry: { status: 'approved' } })
  })

  it('should ask again for a stale answer while still showing it', async () => {
    const { queue, calls, tick, answerAll } = setup()
    queue.request(items(1))
    await tick(80)
    await answerAll()
    await tick(60_000)
    queue.request(items(1), { urgent: true, maxAgeMs: 30_000 })
    expect(calls).toHaveLength(1)
    expect(queue.get(inq(0))?.state).toBe('found')
  })

  it("should match the relay's lower-case UUIDs back to IDs written in upper case", async () => {
    const { queue, calls, tick } = setup()
    queue.request([{ id: UUID.toUpperCase(), kind: 'deepidv-session' }])
    await tick(80)
    expect(calls[0]!.ids).toEqual([UUID.toUpperCase()])
    calls[0]!.answer(ok([found(UUID, 'deepidv-session')]))
    await tick(0)
    expect(queue.get(UUID)?.state).toBe('found')
  })

  it('should keep per-ID failures apart from a failed call, and try a failed call again later', async () => {
    const { queue, calls, tick } = setup()
    queue.request(items(2))
    await tick(80)
    calls.shift()!.answer(
      ok([
        {
          found: false,
          id: inq(0),
          kind: 'persona-inquiry',
          provider: 'persona',
          error: { code: 'not-found', status: 404, detail: 'No such inquiry' },
        },
      ]),
    )
    await tick(0)
    expect(queue.get(inq(0))?.state).toBe('missing')
    // The relay said nothing about inq(1): that is a failure, not "not found".
    expect(queue.get(inq(1))?.state).toBe('failed')

    queue.request([{ id: inq(2), kind: 'persona-inquiry' }], { urgent: true })
    calls.shift()!.answer({ ok: false, error: { kind: 'not-configured', reason: { code: 'not-configured' } } })
    await tick(0)
    expect(queue.get(inq(2))).toMatchObject({ state: 'failed', failure: { kind: 'not-configured' } })
    queue.request([{ id: inq(2), kind: 'persona-inquiry' }], { urgent: true })
    expect(calls).toHaveLength(0)
    await tick(15_000)
    queue.request([{ id: inq(2), kind: 'persona-inquiry' }], { urgent: true })
    expect(calls).toHaveLength(1)
  })

  it('should wait for Retry-After when rate-limited, then ask again by itself', async () => {
    const { queue, calls, tick } = setup()
    queue.request(items(1), { urgent: true })
    calls.shift()!.answer({ ok: false, error: { kind: 'rate-limited', reason: { code: 'too-many-requests' }, retryAfter: 5 } })
    await tick(0)
    expect(queue.get(inq(0))).toMatchObject({ state: 'failed', failure: { kind: 'rate-limited' } })
    queue.request(items(1, 1), { urgent: true })
    expect(calls).toHaveLength(0)
    await tick(5000)
    expect(calls).toHaveLength(1)
    expect(calls[0]!.ids.sort()).toEqual([inq(0), inq(1)].sort())
  })

  it('should ask again by itself, as background work with backoff, while the relay is down, and show the answers once it is back', async () => {
    const { queue, calls, tick, answerAll } = setup()
    const down: LookupIdsResult = {
      ok: false,
      error: { kind: 'unreachable', reason: { code: 'cannot-reach', relay: 'https://relay.example' } },
    }
    queue.request(items(2), { urgent: true })
    calls.shift()!.answer(down)
    await tick(0)
    expect(queue.get(inq(0))?.state).toBe('failed')
    await tick(999)
    expect(calls, 'not before the first wait').toHaveLength(0)
    await tick(1)
    expect(calls).toHaveLength(1)
    expect(calls[0]!.background).toBe(true)
    expect(queue.get(inq(0))?.state).toBe('loading')
    calls.shift()!.answer(down)
    await tick(0)
    await tick(1_999)
    expect(calls, 'the second wait is longer').toHaveLength(0)
    await tick(1)
    expect(calls).toHaveLength(1)
    await answerAll()
    expect(queue.get(inq(0))?.state).toBe('found')
    expect(queue.get(inq(1))?.state).toBe('found')
    await tick(60_000)
    expect(calls, 'nothing more once answered').toHaveLength(0)
  })

  it('should not ask again by itself when the token is refused', async () => {
    const { queue, calls, tick } = setup()
    queue.request(items(1), { urgent: true })
    calls.shift()!.answer({ ok: false, error: { kind: 'unauthorized', reason: { code: 'token-refused', status: 401 } } })
    await tick(60_000)
    expect(calls).toHaveLength(0)
  })

  it('should turn a rejected message (extension updated) into a failure', async () => {
    const onUpdate = vi.fn()
    const queue = createLookupQueue({ send: () => Promise.reject(new Error('Extension context invalidated.')), onUpdate })
    queue.request(items(1), { urgent: true })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(queue.get(inq(0))).toMatchObject({ state: 'failed', failure: { kind: 'internal' } })
  })

  it('should ask again, as background work, for IDs the team budget could not cover, after their retryAfter', async () => {
    const { queue, calls, tick } = setup()
    const [a, b] = items(2)
    queue.request([a!, b!], { urgent: true })
    expect(calls).toHaveLength(1)
    calls.shift()!.answer(
      ok([
        found(a!.id),
        {
          found: false,
          id: b!.id,
          kind: 'persona-inquiry',
          provider: 'persona',
          error: { code: 'budget-exhausted', status: 429, detail: 'wait', retryAfter: 7 },
        },
      ]),
    )
    await tick(0)
    expect(queue.get(b!.id)).toMatchObject({ state: 'missing', entry: { error: { code: 'budget-exhausted' } } })
    // Hovering it again does not spend another call while waiting.
    queue.request([b!], { urgent: true })
    expect(calls).toHaveLength(0)
    await tick(6999)
    expect(calls).toHaveLength(0)
    await tick(1)
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ ids: [b!.id], background: true })
  })

  it("should say why IDs over the tab's lookup budget have no status, and not ask for them again until there is room", async () => {
    const { queue, calls, tick } = setup()
    const [a, b] = items(2)
    queue.request([a!, b!])
    await tick(80)
    const failure = { kind: 'over-budget' as const, reason: { code: 'over-budget' as const, count: 300, minutes: 10 }, retryAfter: 120 }
    calls.splice(0)[0]!.answer({ ...ok([found(a!.id)]), overBudget: { ids: [b!.id], failure } })
    await tick(0)
    expect(queue.get(a!.id)).toMatchObject({ state: 'found' })
    expect(queue.get(b!.id)).toMatchObject({ state: 'failed', failure })
    // A hover a minute later asks nothing; after Retry-After it asks again.
    await tick(60_000)
    queue.request([b!], { urgent: true })
    expect(calls).toHaveLength(0)
    await tick(60_000)
    queue.request([b!], { urgent: true })
    expect(calls.map((c) => c.ids)).toEqual([[b!.id]])
  })

  it('should forget only failed lookups when told to, and say which (the rest keep their answers)', async () => {
    const { queue, calls, tick } = setup()
    queue.request([{ id: inq(0), kind: 'persona-inquiry' }], { urgent: true })
    calls.shift()!.answer(ok([found(inq(0))]))
    await tick(0)
    queue.request([{ id: inq(1), kind: 'persona-inquiry' }], { urgent: true })
    calls.shift()!.answer({ ok: false, error: { kind: 'not-configured', reason: { code: 'not-configured' } } })
    await tick(0)
    expect(queue.get(inq(1))?.state).toBe('failed')

    expect([...queue.forgetFailures()]).toEqual([inq(1)])
    expect(queue.get(inq(0))?.state).toBe('found')
    expect(queue.get(inq(1))).toBeUndefined()
    expect(queue.get(inq(2))).toBeUndefined()
    expect([...queue.forgetFailures()]).toEqual([])
  })

  it('should keep at most maxStates answers, forgetting the oldest, never one still being asked', async () => {
    const { queue, tick, answerAll } = setup({ maxInFlight: 10, maxStates: 150 })
    // A page that keeps swapping IDs: 1,000 distinct ones over time.
    for (let round = 0; round < 10; round++) {
      queue.request(items(100, round * 100))
      await tick(100)
      await answerAll()
    }
    const kept = Array.from({ length: 1000 }, (_, i) => queue.get(inq(i))).filter(Boolean)
    expect(kept.length).toBeLessThanOrEqual(150)
    // The newest answers are the ones kept.
    expect(queue.get(inq(999))?.state).toBe('found')
    expect(queue.get(inq(0))).toBeUndefined()
    // IDs waiting for an answer are never forgotten, even past the bound.
    queue.request(items(200, 2000))
    await tick(100)
    expect(Array.from({ length: 200 }, (_, i) => queue.get(inq(2000 + i))?.state).every((s) => s === 'loading')).toBe(true)
  })

  it('should keep an answer, marked not current, when asking again cannot reach the relay, and ask again by itself', async () => {
    const { queue, calls, tick, answerAll } = setup()
    queue.request(items(1), { urgent: true })
    await answerAll()
    expect(queue.get(inq(0))).toMatchObject({ state: 'found', at: 0 })
    await tick(60_000)
    // The card looks again after its max age; the relay is down.
    queue.request(items(1), { urgent: true, maxAgeMs: 30_000 })
    expect(queue.get(inq(0))?.state).toBe('found')
    const unreachable = { kind: 'unreachable' as const, reason: { code: 'cannot-reach' } as never }
    calls.shift()!.answer({ ok: false, error: unreachable })
    await tick(0)
    expect(queue.get(inq(0))).toMatchObject({
      state: 'found',
      at: 0,
      entry: { status: 'approved' },
      notCurrent: { failure: unreachable, at: 60_000 },
    })
    // Not asked again on every hover meanwhile; asked again by itself once the backoff has passed.
    queue.request(items(1), { urgent: true, maxAgeMs: 30_000 })
    expect(calls).toHaveLength(0)
    await tick(60_000)
    expect(calls.map((c) => c.ids)).toEqual([[inq(0)]])
    await answerAll()
    expect(queue.get(inq(0))).toEqual({ state: 'found', at: 120_000, entry: expect.objectContaining({ id: inq(0) }) })
  })

  it("should ask again at once, past the relay's cache, for changed IDs it has answered, and for no other", async () => {
    const { queue, calls, answerAll } = setup()
    queue.request(items(2), { urgent: true })
    await answerAll()
    queue.reread([...items(1), { id: inq(7), kind: 'persona-inquiry' }])
    expect(calls.map((c) => [c.ids, c.refresh])).toEqual([[[inq(0)], true]])
    // The answer stays on screen while it is asked again.
    expect(queue.get(inq(0))?.state).toBe('found')
    expect(queue.get(inq(7))).toBeUndefined()
  })
})
