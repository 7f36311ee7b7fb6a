import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { PersonaEvent } from '@idv-lens/shared/api'
import type { RelayResult, Send } from '../lib/messages.ts'
import { listSource } from './list-sources.ts'
import { vendorList } from '../vendors/index.ts'
import { cleanQuery, createListStore } from './list-store.ts'
import { clearListSnapshots, sessionSnapshot } from './list-snapshot.ts'
import { virtualTimers } from '../../test-support/virtual-timers.ts'

const eventsSource = listSource(vendorList('events')!)
const deepidvSource = listSource(vendorList('deepidv')!)

const NOW = 1_000_000
const ev = (n: number): PersonaEvent => ({
  type: 'event',
  id: `evt_${String(n).padStart(28, '0')}`,
  attributes: { name: 'inquiry.created', 'created-at': '2026-01-01T00:00:00Z' },
})
const ok = <T>(data: T, extra: object = {}): RelayResult<T> => ({ ok: true, data, freshness: null, receivedAt: NOW, ...extra })
const page = (items: PersonaEvent[], after: string | null) =>
  ok({ data: items, links: { prev: null, next: after ? `/v1/persona/events?page%5Bafter%5D=${after}&page%5Bsize%5D=2` : null } })

/** A send whose answers are queued per call; records every query. */
function fakeSend(...answers: RelayResult<unknown>[]) {
  const queries: Record<string, string>[] = []
  const send = vi.fn(async (_type: string, req: { query?: Record<string, string> }) => {
    queries.push(req.query ?? {})
    const answer = answers.shift()
    if (!answer) throw new Error('no answer queued')
    return answer
  })
  return { send: send as unknown as Send, queries }
}

describe('createListStore', () => {
  it('should page by the cursor in links.next and never show an item twice', async () => {
    const { send, queries } = fakeSend(page([ev(5), ev(4)], ev(4).id), page([ev(4), ev(3)], ev(3).id), page([ev(2)], null))
    const list = createListStore(eventsSource, { send, pageSize: 2, now: () => NOW })

    await list.load()
    await list.loadMore()
    await list.loadMore()

    expect(list.items.value.map((e) => e.id)).toEqual([5, 4, 3, 2].map((n) => ev(n).id))
    expect(queries).toEqual([
      { 'page[size]': '2' },
      { 'page[size]': '2', 'page[after]': ev(4).id },
      { 'page[size]': '2', 'page[after]': ev(3).id },
    ])
    expect(list.hasMore.value).toBe(false)
  })

  it('should page deepidv by next_token, org-wide unless told otherwise', async () => {
    const { send, queries } = fakeSend(ok({ sessions: [], next_token: 'eyJpZCI6ImFiYzEyMyJ9' }), ok({ sessions: [], next_token: null }))
    const list = createListStore(deepidvSource, { send, pageSize: 10 })
    await list.load()
    await list.loadMore()
    expect(queries).toEqual([
      { by_organization: 'true', limit: '10' },
      { by_organization: 'true', limit: '10', next_token: 'eyJpZCI6ImFiYzEyMyJ9' },
    ])
  })

  it('should keep the rows and report the failure when a refresh fails', async () => {
    const { send } = fakeSend(page([ev(1)], null), { ok: false, error: { kind: 'upstream', reason: { code: 'relay-problem' } } })
    const list = createListStore(eventsSource, { send, pageSize: 10, now: () => NOW })
    await list.load()
    await list.load(true)

    expect(list.items.value).toHaveLength(1)
    expect(list.fetched.value?.receivedAt).toBe(NOW)
    expect(list.error.value?.failure.kind).toBe('upstream')
  })

  it('should try again by itself with backoff while the relay is down, and show the rows again once it answers, as background work', async () => {
    const down = {
      ok: false as const,
      error: { kind: 'unreachable' as const, reason: { code: 'cannot-reach' as const, relay: 'https://relay.example' } },
    }
    const { send } = fakeSend(down, down, down, page([ev(2), ev(1)], null))
    const clock = virtualTimers(NOW)
    const list = createListStore(eventsSource, { send, pageSize: 2, now: clock.now, timers: clock.timers })
    await list.load()
    expect(list.error.value?.failure.kind).toBe('unreachable')
    const waits: number[] = []
    for (let i = 0; i < 3; i++) {
      waits.push(clock.pending()[0]!)
      clock.advance(waits.at(-1)!)
      await vi.waitFor(() => expect(list.status.value).toBe('ready'))
    }
    expect(waits).toEqual([1_000, 2_000, 4_000])
    expect(list.error.value).toBeNull()
    expect(list.items.value.map((e) => e.id)).toEqual([ev(2).id, ev(1).id])
    expect(clock.pending(), 'nothing more scheduled once it answered').toEqual([])
    // Nobody clicked for these tries: the relay's vendor gate may shed them first.
    expect(
      vi
        .mocked(send)
        .mock.calls.slice(1)
        .map(([, req]) => (req as { background?: boolean }).background),
    ).toEqual([true, true, true])
  })

  it('should not try again by itself when the token is refused (only the agent can fix that)', async () => {
    const { send } = fakeSend({ ok: false, error: { kind: 'unauthorized', reason: { code: 'token-refused', status: 401 } } })
    const clock = virtualTimers(NOW)
    const list = createListStore(eventsSource, { send, pageSize: 2, now: clock.now, timers: clock.timers })
    await list.load()
    expect(clock.pending()).toEqual([])
  })

  it('should know when a rate-limited list may retry', async () => {
    const { send } = fakeSend({ ok: false, error: { kind: 'rate-limited', reason: { code: 'too-many-requests' }, retryAfter: 30 } })
    const list = createListStore(eventsSource, { send, pageSize: 10, now: () => NOW })
    await list.load()
    expect(list.error.value?.retryAt).toBe(NOW + 30_000)
  })

  it('should drop the answer of a load that filters have overtaken', async () => {
    let release: (r: RelayResult<unknown>) => void = () => {}
    const slow = new Promise<RelayResult<unknown>>((resolve) => (release = resolve))
    const answers = [slow, Promise.resolve(page([ev(9)], null))]
    const send = vi.fn(() => answers.shift()) as unknown as Send
    const list = createListStore(eventsSource, { send, pageSize: 10 })

    const first = list.load()
    list.setFilters({ 'filter[name]': 'inquiry.approved', 'filter[object-id]': '  ' })
    release(page([ev(1)], null))
    await first
    await vi.waitFor(() => expect(list.items.value.map((e) => e.id)).toEqual([ev(9).id]))
    expect(list.filters.value).toEqual({ 'filter[name]': 'inquiry.approved' })
  })

  // The popup and side panel poll the list on screen every 20 s when the relay has no live events; a
  // poll that overtook the load in flight (the agent's Refresh too) would drop its answer, and a relay
  // slower than the poll period would leave the list "refreshing" for good.
  it('should let a poll wait for the load in flight, not overtake it', async () => {
    let release: (r: RelayResult<unknown>) => void = () => {}
    const slow = new Promise<RelayResult<unknown>>((resolve) => (release = resolve))
    const answers = [slow, new Promise<RelayResult<unknown>>(() => {})]
    const send = vi.fn(() => answers.shift()) as unknown as Send
    const list = createListStore(eventsSource, { send, pageSize: 10 })

    const refresh = list.load(true)
    void list.load(false, true)
    release(page([ev(1)], null))
    await refresh
    expect(list.status.value).toBe('ready')
    expect(list.items.value.map((e) => e.id)).toEqual([ev(1).id])
    expect(send).toHaveBeenCalledTimes(1)
  })

  it('should retry the page that failed', async () => {
    const { send, queries } = fakeSend(
      page([ev(2)], ev(2).id),
      { ok: false, error: { kind: 'unreachable', reason: { code: 'not-json' } } },
      page([ev(1)], null),
    )
    const list = createListStore(eventsSource, { send, pageSize: 1 })
    await list.load()
    await list.loadMore()
    await list.retry()
    expect(queries[2]).toEqual({ 'page[size]': '1', 'page[after]': ev(2).id })
    expect(list.items.value).toHaveLength(2)
    expect(list.error.value).toBeNull()
  })
})

describe('cleanQuery', () => {
  it('should trim values and drop empty ones', () => {
    expect(cleanQuery({ a: ' x ', b: '', c: '  ' })).toEqual({ a: 'x' })
  })
})

describe('createListStore when the background does not answer', () => {
  it('should report a failure instead of rejecting', async () => {
    const send = vi.fn(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.')
    }) as unknown as Send
    const list = createListStore(eventsSource, { send, pageSize: 10 })
    await expect(list.load()).resolves.toBeUndefined()
    expect(list.error.value?.failure.kind).toBe('internal')
    expect(list.status.value).toBe('ready')
  })
})

describe('createListStore with a kept first page', () => {
  beforeEach(() => fakeBrowser.reset())

  /** A send that answers only when the test says so. */
  function heldSend() {
    let answer!: (result: RelayResult<unknown>) => void
    const send = vi.fn(() => new Promise<RelayResult<unknown>>((resolve) => (answer = resolve))) as unknown as Send
    return { send, answer: (result: RelayResult<unknown>) => answer(result) }
  }

  it('should paint the last answer at once while the refresh runs, then show and keep the new one', async () => {
    const snapshot = sessionSnapshot<PersonaEvent>('events', 2)
    await snapshot.write({ items: [ev(1)], cursor: null, fetched: { freshness: null, receivedAt: NOW - 60_000 } })
    const { send, answer } = heldSend()
    const list = createListStore(eventsSource, { send, pageSize: 2, snapshot })
    const loading = list.load()
    await vi.waitFor(() => expect(list.items.value.map((e) => e.id)).toEqual([ev(1).id]))
    expect(list.status.value).toBe('loading')
    expect(list.fetched.value?.receivedAt).toBe(NOW - 60_000)

    answer(page([ev(3), ev(2)], null))
    await loading
    expect(list.items.value.map((e) => e.id)).toEqual([ev(3).id, ev(2).id])
    await vi.waitFor(async () => expect((await snapshot.read())?.items.map((e) => e.id)).toEqual([ev(3).id, ev(2).id]))
  })

  it('should never put a kept page over a newer answer', async () => {
    const snapshot = sessionSnapshot<PersonaEvent>('events', 2)
    let release!: () => void
    const slowRead = new Promise<void>((resolve) => (release = resolve))
    const kept = { items: [ev(1)], cursor: null, fetched: { freshness: null, receivedAt: 0 } }
    const { send } = fakeSend(page([ev(9)], null))
    const list = createListStore(eventsSource, {
      send,
      pageSize: 2,
      snapshot: { read: () => slowRead.then(() => kept), write: snapshot.write },
    })
    await list.load()
    release()
    await slowRead
    await Promise.resolve()
    expect(list.items.value.map((e) => e.id)).toEqual([ev(9).id])
  })

  it('should neither paint nor keep a filtered list', async () => {
    const snapshot = sessionSnapshot<PersonaEvent>('events', 2)
    await snapshot.write({ items: [ev(1)], cursor: null, fetched: { freshness: null, receivedAt: 0 } })
    const { send, answer } = heldSend()
    const list = createListStore(eventsSource, { send, pageSize: 2, snapshot })
    list.filters.value = { 'filter[name]': 'inquiry.approved' }
    const loading = list.load()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(list.items.value).toEqual([])
    answer(page([ev(5)], null))
    await loading
    expect((await snapshot.read())?.items.map((e) => e.id)).toEqual([ev(1).id])
  })

  it('should forget every kept page when asked (settings changed)', async () => {
    const snapshot = sessionSnapshot<PersonaEvent>('events', 2)
    await snapshot.write({ items: [ev(1)], cursor: null, fetched: { freshness: null, receivedAt: 0 } })
    await clearListSnapshots()
    expect(await snapshot.read()).toBeNull()
  })
})
