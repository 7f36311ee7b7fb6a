import { describe, expect, it, vi } from 'vitest'
import type { Send } from '../../lib/messages.ts'
import { createListStore } from '../../stores/list-store.ts'
import { listSource } from '../../stores/list-sources.ts'
import { stripePage, stripePageQuery, stripeSessions } from './stripe-source.ts'
import type { StripeList, StripeVerificationSession } from '@idv-lens/shared/api'

const stripeSource = listSource(stripeSessions)

const session = (n: number, status = 'verified'): StripeVerificationSession => ({
  id: `vs_${String(n).padStart(24, '0')}`,
  object: 'identity.verification_session',
  created: 1_750_000_000 - n,
  status,
})
const list = (data: StripeVerificationSession[], has_more: boolean): StripeList<StripeVerificationSession> => ({
  object: 'list',
  url: '/v1/stripe/identity/verification_sessions',
  has_more,
  data,
})

/** A Stripe-like account of `count` sessions, newest first, paged as Stripe pages: after `starting_after`, up to `limit`. */
function account(count: number) {
  const all = Array.from({ length: count }, (_, i) => session(i + 1, i % 3 === 0 ? 'requires_input' : 'verified'))
  const queries: Record<string, string>[] = []
  const send = vi.fn(async (type: string, req: { list?: string; query: Record<string, string>; background?: boolean }) => {
    if (type !== 'listRecords' || req.list !== 'stripe') throw new Error(`unexpected ${type}`)
    queries.push(req.query)
    const matching = req.query.status ? all.filter((s) => s.status === req.query.status) : all
    const start = req.query.starting_after ? matching.findIndex((s) => s.id === req.query.starting_after) + 1 : 0
    const limit = Number(req.query.limit)
    return { ok: true, data: list(matching.slice(start, start + limit), start + limit < matching.length), freshness: null, receivedAt: 0 }
  })
  return { all, queries, send: send as unknown as Send, mock: send }
}

describe('the Stripe list source', () => {
  it("should ask for a page by Stripe's limit, and the next one after the last item's ID", () => {
    expect(stripePageQuery(25, null)).toEqual({ limit: '25' })
    expect(stripePageQuery(25, 'vs_last')).toEqual({ limit: '25', starting_after: 'vs_last' })
  })

  it('should have a next page only while Stripe says has_more, and start it after the last item', () => {
    const page = [session(1), session(2)]
    expect(stripePage(list(page, true))).toEqual({ items: page, cursor: session(2).id })
    expect(stripePage(list(page, false)).cursor).toBeNull()
    // has_more with an empty page (a session deleted meanwhile): nothing to start after, so no next page.
    expect(stripePage(list([], true)).cursor).toBeNull()
  })

  it('should page through every session once, in order, with no duplicate', async () => {
    const { all, queries, send } = account(39)
    const store = createListStore(stripeSource, { send, pageSize: 25 })
    await store.load()
    expect(store.items.value).toHaveLength(25)
    expect(store.hasMore.value).toBe(true)
    await store.loadMore()
    expect(store.hasMore.value).toBe(false)
    const ids = store.items.value.map((s) => s.id)
    expect(ids).toEqual(all.map((s) => s.id))
    expect(new Set(ids).size).toBe(39)
    expect(queries).toEqual([{ limit: '25' }, { limit: '25', starting_after: all[24]!.id }])
  })

  it('should keep the status filter on the next page', async () => {
    const { all, queries, send } = account(60)
    const store = createListStore(stripeSource, { send, pageSize: 10 })
    store.setFilters({ status: 'requires_input', client_reference_id: ' ' })
    await vi.waitFor(() => expect(store.status.value).toBe('ready'))
    await store.loadMore()
    expect(store.items.value.map((s) => s.status)).toEqual(Array(20).fill('requires_input'))
    expect(store.items.value.map((s) => s.id)).toEqual(all.filter((s) => s.status === 'requires_input').map((s) => s.id))
    // The blank reference is no filter; the status goes with every page.
    expect(queries[1]).toEqual({ status: 'requires_input', limit: '10', starting_after: store.items.value[9]!.id })
  })

  it('should mark a poll as background work, and hand a failure on as it came', async () => {
    const { send, mock } = account(3)
    await stripeSource.fetchPage(send, { limit: '10' }, true, true)
    expect(mock).toHaveBeenCalledWith('listRecords', { list: 'stripe', query: { limit: '10' }, refresh: true, background: true })
    const failure = { ok: false as const, error: { kind: 'upstream' as const, reason: { code: 'relay-problem' as const } } }
    const failing = vi.fn(async () => failure) as unknown as Send
    expect(await stripeSource.fetchPage(failing, {}, false)).toBe(failure)
  })
})
