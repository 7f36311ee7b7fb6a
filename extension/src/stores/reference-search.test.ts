import { describe, expect, it, vi } from 'vitest'
import type { LookupFound } from '@idv-lens/shared/api'
import type { RelayResult, Send } from '../lib/messages.ts'
import { createReferenceSearch } from './reference-search.ts'
import { virtualTimers } from '../../test-support/virtual-timers.ts'

const ok = <T>(data: T): RelayResult<T> => ({ ok: true, data, freshness: null, receivedAt: 0 })
const INQ_OLD = 'inq_aaaaaaaaaaaaaaaaaaaaaaaa'
const INQ_NEW = 'inq_bbbbbbbbbbbbbbbbbbbbbbbb'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
const VS = 'vs_cccccccccccccccccccccccc'

const found = (id: string, provider: string, createdAt: string, status = 'approved') =>
  ({ found: true, id, provider, kind: 'inquiry', status, createdAt, reason: null }) as unknown as LookupFound
const history = (data: LookupFound[], complete = true) => ok({ referenceId: 'user-35859', data, complete, vendors: [] })
const down = {
  ok: false as const,
  error: { kind: 'unreachable' as const, reason: { code: 'cannot-reach' as const, relay: 'https://relay.example' } },
}
const refused = { ok: false as const, error: { kind: 'unauthorized' as const, reason: { code: 'token-refused' as const, status: 401 } } }

/** A relay answering the history route from a queue (the last answer repeats), recording each call. */
function relay(...answers: unknown[]) {
  const calls: [string, unknown][] = []
  const send = vi.fn(async (message: string, req: unknown) => {
    calls.push([message, req])
    return answers.length > 1 ? answers.shift() : answers[0]
  }) as unknown as Send
  return { send, calls }
}

describe('createReferenceSearch', () => {
  it("should ask every vendor in one history call and group the records by vendor, each vendor's newest first", async () => {
    const { send, calls } = relay(
      history([
        found(INQ_NEW, 'persona', '2026-01-01T00:00:00Z'),
        found(VS, 'stripe', '2025-06-01T00:00:00Z'),
        found(UUID, 'deepidv', '2024-06-01T00:00:00Z'),
        found(INQ_OLD, 'persona', '2023-01-01T00:00:00Z'),
      ]),
    )
    const open = vi.fn(() => true)
    const search = createReferenceSearch(send, open)
    await search.submit('  user-35859 ')
    expect(calls).toEqual([['readHistory', { referenceId: 'user-35859' }]])
    const state = search.state.value
    expect(state.status === 'done' && state.groups.map((g) => [g.provider, g.entries.map((e) => e.id)])).toEqual([
      ['persona', [INQ_NEW, INQ_OLD]],
      ['stripe', [VS]],
      ['deepidv', [UUID]],
    ])
    expect(open).not.toHaveBeenCalled()
  })

  it('should open the detail when exactly one record matches', async () => {
    const open = vi.fn(() => true)
    const search = createReferenceSearch(relay(history([found(INQ_NEW, 'persona', '2026-01-01T00:00:00Z')])).send, open)
    await search.submit('user-35859')
    expect(open).toHaveBeenCalledWith(INQ_NEW)
  })

  it('should say when nothing matches', async () => {
    const search = createReferenceSearch(
      relay(history([])).send,
      vi.fn(() => true),
    )
    await search.submit('nobody-here')
    expect(search.state.value).toEqual({
      status: 'done',
      reference: 'nobody-here',
      byEmail: false,
      groups: [],
      count: 0,
      complete: true,
      failures: [],
      vendors: [],
    })
  })

  it('should open an ID or a dashboard link at once, without searching', async () => {
    const { send, calls } = relay(history([]))
    const open = vi.fn(() => true)
    const search = createReferenceSearch(send, open)
    await search.submit(INQ_NEW)
    await search.submit(`https://app.withpersona.com/dashboard/inquiries/${INQ_OLD}`)
    expect(open.mock.calls).toEqual([[INQ_NEW], [INQ_OLD]])
    expect(calls).toEqual([])
  })

  it('should search an email address by email and keep the lines naming the vendors not searched, but refuse empty text', async () => {
    const notSearched = { provider: 'onfido', outcome: 'not-searched', found: 0, complete: false, why: 'no-email-filter' }
    const { send, calls } = relay(ok({ referenceId: '', data: [], complete: false, vendors: [notSearched] }))
    const search = createReferenceSearch(
      send,
      vi.fn(() => true),
    )
    await search.submit('customer@example.com')
    expect(calls).toEqual([['readHistory', { email: 'customer@example.com' }]])
    expect(search.state.value).toMatchObject({ status: 'done', byEmail: true, count: 0, vendors: [notSearched] })
    expect(search.refusal.value).toBeNull()
    await search.submit('   ')
    expect(search.refusal.value).toBe('empty')
    expect(calls).toHaveLength(1)
  })

  it("should drop the last query's answer and refusal with the next query", async () => {
    const search = createReferenceSearch(
      relay(history([])).send,
      vi.fn(() => true),
    )
    await search.submit('nobody-here')
    expect(search.state.value.status).toBe('done')
    await search.submit('  ')
    expect(search.state.value).toEqual({ status: 'idle' })
    expect(search.refusal.value).toBe('empty')
    await search.submit('user-35859')
    expect(search.refusal.value).toBeNull()
    expect(search.state.value.status).toBe('done')
  })

  it('should not open the one record of an answer a vendor left incomplete', async () => {
    const open = vi.fn(() => true)
    const search = createReferenceSearch(relay(history([found(INQ_NEW, 'persona', '2026-01-01T00:00:00Z')], false)).send, open)
    await search.submit('user-35859')
    expect(search.state.value).toMatchObject({ status: 'done', count: 1, complete: false })
    expect(open).not.toHaveBeenCalled()
  })

  it('should search again by itself with backoff while the relay is down, and show the records once it answers', async () => {
    const { send, calls } = relay(
      down,
      down,
      history([found(UUID, 'deepidv', '2024-06-01T00:00:00Z'), found(VS, 'stripe', '2025-06-01T00:00:00Z')]),
    )
    const clock = virtualTimers()
    const search = createReferenceSearch(
      send,
      vi.fn(() => true),
      { timers: clock.timers },
    )
    await search.submit('user-35859')
    expect(search.state.value.status === 'done' && search.state.value.failures.length).toBe(1)
    expect(clock.pending()).toEqual([1_000])
    clock.advance(1_000)
    await vi.waitFor(() => expect(clock.pending(), 'the next try, after the first failed again').toEqual([2_000]))
    clock.advance(2_000)
    await vi.waitFor(() => expect(search.state.value.status === 'done' && search.state.value.failures).toEqual([]))
    const state = search.state.value
    expect(state.status === 'done' && state.groups.map((g) => g.provider)).toEqual(['stripe', 'deepidv'])
    expect(clock.pending(), 'nothing more scheduled once it answered').toEqual([])
    expect(calls).toHaveLength(3)
  })

  it('should not search again by itself when the token is refused, nor after the agent cleared the search', async () => {
    const clock = virtualTimers()
    const search = createReferenceSearch(
      relay(refused).send,
      vi.fn(() => true),
      { timers: clock.timers },
    )
    await search.submit('user-35859')
    expect(clock.pending()).toEqual([])

    const other = createReferenceSearch(
      relay(down).send,
      vi.fn(() => true),
      { timers: clock.timers },
    )
    await other.submit('user-35859')
    expect(clock.pending()).toEqual([1_000])
    other.clear()
    expect(clock.pending()).toEqual([])
  })
})
