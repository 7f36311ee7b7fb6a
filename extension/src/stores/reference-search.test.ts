import { describe, expect, it, vi } from 'vitest'
import { messageName } from '../../test-support/message-names.ts'
import type { RelayResult, Send } from '../lib/messages.ts'
import { createReferenceSearch } from './reference-search.ts'
import { virtualTimers } from '../../test-support/virtual-timers.ts'

const ok = <T>(data: T): RelayResult<T> => ({ ok: true, data, freshness: null, receivedAt: 0 })
const inquiry = (id: string, createdAt: string, status = 'approved') => ({ type: 'inquiry', id, attributes: { status, 'reference-id': 'user-35859', 'created-at': createdAt } })
const session = (id: string, createdAt: string, status = 'VERIFIED') => ({ id, status, created_at: createdAt, external_id: 'user-35859' })
const INQ_OLD = 'inq_aaaaaaaaaaaaaaaaaaaaaaaa'
const INQ_NEW = 'inq_bbbbbbbbbbbbbbbbbbbbbbbb'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'

/** A relay answering Persona's and deepidv's list calls with the given items; records each query. */
function relay(inquiries: unknown[], sessions: unknown[]) {
  const calls: [string, Record<string, string>][] = []
  const send = vi.fn(async (message: string, req: { list?: string; query?: Record<string, string> }) => {
    const type = messageName(message, req)
    calls.push([type, req.query ?? {}])
    if (type === 'list:inquiries') return ok({ data: inquiries, links: { prev: null, next: null } })
    if (type === 'list:deepidv') return ok({ sessions, next_token: null })
    throw new Error(`unexpected ${type}`)
  }) as unknown as Send
  return { send, calls }
}

describe('createReferenceSearch', () => {
  it('should search Persona by filter[reference-id] and deepidv by external_id at once, newest first, and open nothing when several match', async () => {
    const { send, calls } = relay([inquiry(INQ_OLD, '2023-01-01T00:00:00Z')], [session(UUID, '2024-06-01T00:00:00Z')])
    const open = vi.fn(() => true)
    const search = createReferenceSearch(send, open)
    await search.submit('  user-35859 ')
    expect(calls).toEqual([
      ['list:inquiries', { 'filter[reference-id]': 'user-35859', 'page[size]': '10' }],
      ['list:deepidv', { by_organization: 'true', external_id: 'user-35859', limit: '10' }],
    ])
    const state = search.state.value
    expect(state.status === 'done' && state.matches.map((m) => m.id)).toEqual([UUID, INQ_OLD])
    expect(open).not.toHaveBeenCalled()
  })

  it('should open the detail when exactly one record matches', async () => {
    const open = vi.fn(() => true)
    const search = createReferenceSearch(relay([inquiry(INQ_NEW, '2026-01-01T00:00:00Z')], []).send, open)
    await search.submit('user-35859')
    expect(open).toHaveBeenCalledWith(INQ_NEW)
  })

  it('should say when nothing matches', async () => {
    const search = createReferenceSearch(relay([], []).send, vi.fn(() => true))
    await search.submit('nobody-here')
    expect(search.state.value).toEqual({ status: 'done', reference: 'nobody-here', matches: [], failures: [] })
  })

  it('should open an ID or a dashboard link at once, without searching', async () => {
    const { send, calls } = relay([], [])
    const open = vi.fn(() => true)
    const search = createReferenceSearch(send, open)
    await search.submit(INQ_NEW)
    await search.submit(`https://app.withpersona.com/dashboard/inquiries/${INQ_OLD}`)
    expect(open.mock.calls).toEqual([[INQ_NEW], [INQ_OLD]])
    expect(calls).toEqual([])
  })

  it('should refuse an email address (neither vendor searches by email) and empty text, without calling the relay', async () => {
    const { send, calls } = relay([], [])
    const search = createReferenceSearch(send, vi.fn(() => true))
    await search.submit('customer@example.com')
    expect(search.refusal.value).toBe('email')
    await search.submit('   ')
    expect(search.refusal.value).toBe('empty')
    expect(calls).toEqual([])
  })

  it("should drop the last query's answer and refusal with the next query", async () => {
    const search = createReferenceSearch(relay([], []).send, vi.fn(() => true))
    await search.submit('nobody-here')
    expect(search.state.value.status).toBe('done')
    await search.submit('customer@example.com')
    expect(search.state.value).toEqual({ status: 'idle' })
    expect(search.refusal.value).toBe('email')
    await search.submit('user-35859')
    expect(search.refusal.value).toBeNull()
    expect(search.state.value.status).toBe('done')
  })

  it('should keep one vendor\'s matches when the other\'s search fails, and open none', async () => {
    const send = vi.fn(async (type: string, req: unknown) =>
      messageName(type, req) === 'list:inquiries' ? ok({ data: [inquiry(INQ_NEW, '2026-01-01T00:00:00Z')], links: { prev: null, next: null } }) : { ok: false, error: { kind: 'upstream', reason: { code: 'relay-problem' } } },
    ) as unknown as Send
    const open = vi.fn(() => true)
    const search = createReferenceSearch(send, open)
    await search.submit('user-35859')
    const state = search.state.value
    expect(state.status === 'done' && [state.matches.length, state.failures.length]).toEqual([1, 1])
    expect(open).not.toHaveBeenCalled()
  })

  describe('after a relay failure', () => {
    const down = { ok: false as const, error: { kind: 'unreachable' as const, reason: { code: 'cannot-reach' as const, relay: 'https://relay.example' } } }
    /** A relay that answers each call type from its own queue (the last answer repeats), recording calls. */
    function scripted(answers: Record<'list:inquiries' | 'list:deepidv', unknown[]>) {
      const calls: { type: string; background?: boolean }[] = []
      const send = vi.fn(async (message: string, req: { list?: string; background?: boolean }) => {
        const type = messageName(message, req) as keyof typeof answers
        calls.push({ type, background: req.background })
        const queue = answers[type]
        return queue.length > 1 ? queue.shift() : queue[0]
      }) as unknown as Send
      return { send, calls }
    }
    const inquiries = (...items: unknown[]) => ok({ data: items, links: { prev: null, next: null } })
    const sessions = (...items: unknown[]) => ok({ sessions: items, next_token: null })

    it('should search again by itself with backoff while the relay is down, as background work, and show the matches once it answers', async () => {
      const { send, calls } = scripted({
        'list:inquiries': [down, down, inquiries(inquiry(INQ_OLD, '2023-01-01T00:00:00Z'))],
        'list:deepidv': [down, down, sessions(session(UUID, '2024-06-01T00:00:00Z'))],
      })
      const clock = virtualTimers()
      const search = createReferenceSearch(send, vi.fn(() => true), { timers: clock.timers })
      await search.submit('user-35859')
      const first = search.state.value
      expect(first.status === 'done' && first.failures.length).toBe(2)
      expect(clock.pending()).toEqual([1_000])
      clock.advance(1_000)
      await vi.waitFor(() => expect(clock.pending(), 'the next try, after the first failed again').toEqual([2_000]))
      clock.advance(2_000)
      await vi.waitFor(() => expect(search.state.value.status === 'done' && search.state.value.failures).toEqual([]))
      const state = search.state.value
      expect(state.status === 'done' && [state.matches.map((m) => m.id), state.failures]).toEqual([[UUID, INQ_OLD], []])
      expect(clock.pending(), 'nothing more scheduled once both answered').toEqual([])
      // Nobody clicked for the tries after the first.
      expect(calls.map((c) => c.background ?? false)).toEqual([false, false, true, true, true, true])
    })

    it('should ask again only the vendor whose search failed, keep the other\'s matches, and open the one match when it is the only one', async () => {
      const { send, calls } = scripted({
        'list:inquiries': [inquiries(inquiry(INQ_NEW, '2026-01-01T00:00:00Z'))],
        'list:deepidv': [down, sessions()],
      })
      const clock = virtualTimers()
      const open = vi.fn(() => true)
      const search = createReferenceSearch(send, open, { timers: clock.timers })
      await search.submit('user-35859')
      expect(open).not.toHaveBeenCalled()
      clock.advance(clock.pending()[0]!)
      await vi.waitFor(() => expect(open).toHaveBeenCalledWith(INQ_NEW))
      expect(calls.map((c) => c.type)).toEqual(['list:inquiries', 'list:deepidv', 'list:deepidv'])
    })

    it('should not ask again a vendor that refused for a reason the agent must fix while it asks the other again', async () => {
      const refused = { ok: false as const, error: { kind: 'unauthorized' as const, reason: { code: 'token-refused' as const, status: 401 } } }
      const { send, calls } = scripted({ 'list:inquiries': [refused], 'list:deepidv': [down, sessions()] })
      const clock = virtualTimers()
      const search = createReferenceSearch(send, vi.fn(() => true), { timers: clock.timers })
      await search.submit('user-35859')
      clock.advance(clock.pending()[0]!)
      await vi.waitFor(() => expect(calls.length).toBe(3))
      await vi.waitFor(() => expect(search.state.value.status === 'done' && search.state.value.failures.map((f) => f.kind)).toEqual(['unauthorized']))
      expect(calls.map((c) => c.type)).toEqual(['list:inquiries', 'list:deepidv', 'list:deepidv'])
      expect(clock.pending()).toEqual([])
    })

    it('should not search again by itself when the token is refused, nor after the agent cleared the search', async () => {
      const refused = { ok: false as const, error: { kind: 'unauthorized' as const, reason: { code: 'token-refused' as const, status: 401 } } }
      const clock = virtualTimers()
      const search = createReferenceSearch(scripted({ 'list:inquiries': [refused], 'list:deepidv': [refused] }).send, vi.fn(() => true), { timers: clock.timers })
      await search.submit('user-35859')
      expect(clock.pending()).toEqual([])

      const other = createReferenceSearch(scripted({ 'list:inquiries': [down], 'list:deepidv': [down] }).send, vi.fn(() => true), { timers: clock.timers })
      await other.submit('user-35859')
      expect(clock.pending()).toEqual([1_000])
      other.clear()
      expect(clock.pending()).toEqual([])
    })
  })
})
