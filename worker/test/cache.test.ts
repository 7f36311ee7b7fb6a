import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseCacheStatus } from '@idv-lens/shared/api'
import { aboutTheCaller } from '../src/cache/coalescer.ts'
import { RelayCache, type BatchSource } from '../src/cache/relay-cache.ts'
import { ApiError } from '../src/errors.ts'
import { EVENTUALLY, IN_FLIGHT_MS, testRelay } from './helpers.ts'

const LIST = '/v1/persona/inquiry-sessions?page%5Bsize%5D=10'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('relay cache', () => {
  it('answers a repeated list from the cache: one upstream call, Cache-Status hit', async () => {
    const relay = testRelay()
    const first = await relay.get(LIST)
    expect(first.headers.get('cache-status')).toMatch(/^idv-lens; fwd=uri-miss; fwd-status=200; stored/)
    const second = await relay.get(LIST)
    expect(second.headers.get('cache-status')).toMatch(/^idv-lens; hit; ttl=\d+/)
    expect(await second.text()).toBe(await first.text())
    expect(second.headers.get('cache-control')).toBe('private, no-store')
    expect((await relay.upstreamCalls()).persona).toBe(1)
  })

  it('normalizes the query: parameter order does not make a new entry', async () => {
    const relay = testRelay()
    await relay.get('/v1/persona/events?page%5Bsize%5D=3&filter%5Bname%5D=inquiry.approved')
    const again = await relay.get('/v1/persona/events?filter%5Bname%5D=inquiry.approved&page%5Bsize%5D=3')
    expect(again.headers.get('cache-status')).toMatch(/; hit;/)
    expect((await relay.upstreamCalls()).persona).toBe(1)
  })

  it('keys on Key-Inflection and Persona-Version: they change the body', async () => {
    const relay = testRelay()
    await relay.get(LIST)
    const camel = await relay.get(LIST, { headers: { 'key-inflection': 'camel' } })
    expect(camel.headers.get('cache-status')).toMatch(/fwd=uri-miss/)
    const older = await relay.get(LIST, { headers: { 'persona-version': '2023-01-05' } })
    expect(older.headers.get('cache-status')).toMatch(/fwd=uri-miss/)
    expect((await relay.upstreamCalls()).persona).toBe(3)
  })

  it('refetches when the client sends Cache-Control: no-cache (once the vendor copy is 5 s old)', async () => {
    const relay = testRelay()
    await relay.get(LIST)
    // Within 5 s of the last vendor call a forced refresh gets that fresh copy (the gate's refresh floor).
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 6000)
    const refreshed = await relay.get(LIST, { headers: { 'cache-control': 'no-cache' } })
    expect(refreshed.headers.get('cache-status')).toMatch(/^idv-lens; fwd=request; fwd-status=200/)
    expect((await relay.upstreamCalls()).persona).toBe(2)
  })

  it('serves a stale copy while revalidating in the background', async () => {
    const relay = testRelay({ LIST_TTL_SECONDS: '20' })
    await relay.get(LIST)
    const now = Date.now()
    vi.spyOn(Date, 'now').mockReturnValue(now + 25_000) // past the 20 s ttl, inside the revalidation window
    const stale = await relay.get(LIST)
    const freshness = parseCacheStatus(stale.headers.get('cache-status'))
    expect(freshness).toMatchObject({ hit: true, stale: true, staleIfError: false })
    expect(Number(stale.headers.get('age'))).toBeGreaterThanOrEqual(25)
    // The background revalidation ran (helpers wait for waitUntil) and stored a fresh copy.
    expect((await relay.upstreamCalls()).persona).toBe(2)
    const after = await relay.get(LIST)
    expect(after.headers.get('cache-status')).toMatch(/^idv-lens; hit; ttl=20/)
    expect((await relay.upstreamCalls()).persona).toBe(2)
  })

  it('refetches in the foreground once a copy is older than the revalidation window', async () => {
    const relay = testRelay({ LIST_TTL_SECONDS: '20' })
    await relay.get(LIST)
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 45_000)
    const res = await relay.get(LIST)
    expect(res.headers.get('cache-status')).toMatch(/^idv-lens; fwd=stale; fwd-status=200/)
    expect((await relay.upstreamCalls()).persona).toBe(2)
  })

  it('serves the stored copy, and says so, when the vendor fails (even on a forced refresh)', async () => {
    const relay = testRelay()
    const original = await (await relay.get(LIST)).text()
    await relay.fault({ fault: '500' })
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 6000)
    const res = await relay.get(LIST, { headers: { 'cache-control': 'no-cache' } })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(original)
    expect(res.headers.get('cache-status')).toMatch(/fwd=stale; fwd-status=500; ttl=-?\d+; detail=stale-if-error/)
    expect(parseCacheStatus(res.headers.get('cache-status'))).toMatchObject({ staleIfError: true, forwardStatus: 500 })
  })

  it('does not serve a copy older than 10 minutes when the vendor fails', async () => {
    const relay = testRelay()
    await relay.get(LIST)
    await relay.fault({ fault: '503' })
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 11 * 60_000)
    const res = await relay.get(LIST)
    expect(res.status).toBe(502)
  })

  it('coalesces 20 concurrent identical misses into ONE upstream call', async () => {
    const relay = testRelay({ UPSTREAM_TIMEOUT_MS: '10000' })
    await relay.fault({ fault: 'latency', latencyMs: IN_FLIGHT_MS })
    const responses = await Promise.all(Array.from({ length: 20 }, () => relay.get('/v1/persona/events?page%5Bsize%5D=20')))
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200))
    const bodies = new Set(await Promise.all(responses.map((r) => r.text())))
    expect(bodies.size).toBe(1)
    expect(responses.filter((r) => r.headers.get('cache-status')?.includes('collapsed'))).toHaveLength(19)
    expect((await relay.upstreamCalls()).persona).toBe(1)
  })
})

describe('RelayCache and a forced refresh', () => {
  const policy = { ttl: 30, staleWhileRevalidate: 30 }
  const options = (refresh: boolean) => ({ refresh, waitUntil: () => {} })

  it('never joins a load in flight (it may have left before a change); a later request joins the refresh instead', async () => {
    const cache = new RelayCache(() => null)
    const lands: ((loaded: { body: string }) => void)[] = []
    const load = vi.fn(() => new Promise<{ body: string }>((resolve) => lands.push(resolve)))
    const before = cache.get('k', policy, load, options(false))
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1), EVENTUALLY)
    const refresh = cache.get('k', policy, load, options(true))
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(2), EVENTUALLY)
    const after = cache.get('k', policy, load, options(false))
    await vi.waitFor(() => expect(cache.joins).toBe(1), EVENTUALLY)
    lands[1]!({ body: 'after the change' })
    lands[0]!({ body: 'before the change' })
    expect((await refresh).body).toBe('after the change')
    expect((await after).body).toBe('after the change')
    expect((await before).body).toBe('before the change')
    expect(load).toHaveBeenCalledTimes(2)
    // The older load, landed last, does not replace the newer copy.
    expect((await cache.read('k'))?.body).toBe('after the change')
  })

  it("stores the gate's kept copy as made when it was, so an action since then outdates it", async () => {
    const cache = new RelayCache(() => null)
    cache.forgetMentioning(['inq_Changed000000000000000001'])
    const old = await cache.get('k', policy, async () => ({ body: '{"id":"inq_Changed000000000000000001"}', ageMs: 3000 }), options(false))
    expect(old.ageSeconds).toBeGreaterThanOrEqual(3)
    expect(await cache.read('k')).toBeUndefined()
  })
})

describe('RelayCache coalescing across the Cache API read', () => {
  it('makes no second upstream call for a request whose Cache API read ends after the first load landed', async () => {
    // A Cache API whose misses the test releases one by one (under load, its answers arrive late).
    const pending: ((res: Response | undefined) => void)[] = []
    const store = { match: () => new Promise<Response | undefined>((resolve) => pending.push(resolve)), put: async () => {} }
    const cache = new RelayCache(() => store as unknown as Cache)
    let land!: (loaded: { body: string }) => void
    const load = vi.fn(() => new Promise<{ body: string }>((resolve) => (land = resolve)))
    const options = { refresh: false, waitUntil: () => {} }
    const policy = { ttl: 30, staleWhileRevalidate: 30 }

    const first = cache.get('k', policy, load, options)
    await vi.waitFor(() => expect(pending).toHaveLength(1), EVENTUALLY)
    pending[0]!(undefined)
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1), EVENTUALLY)
    // A second request starts its own Cache API read while the first one's load is still running...
    const second = cache.get('k', policy, load, options)
    await vi.waitFor(() => expect(pending).toHaveLength(2), EVENTUALLY)
    land({ body: '{"data":[]}' })
    expect((await first).outcome.kind).toBe('forward')
    // ...and that read only misses after the load landed and left the coalescing map.
    pending[1]!(undefined)
    const late = await second
    expect(load).toHaveBeenCalledTimes(1)
    expect(late.outcome.kind).toBe('hit')
    expect(late.body).toBe('{"data":[]}')
  })

  it("gives each request that joined a failed load its own error: one request's Cache-Status never becomes another's", async () => {
    const store = { match: async () => undefined, put: async () => {} }
    const cache = new RelayCache(() => store as unknown as Cache)
    let fail!: (err: unknown) => void
    const load = vi.fn(() => new Promise<{ body: string }>((_, reject) => (fail = reject)))
    const options = { refresh: false, waitUntil: () => {} }
    const policy = { ttl: 30, staleWhileRevalidate: 30 }

    const first = cache.get('k', policy, load, options).catch((err: unknown) => err)
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1), EVENTUALLY)
    const joined = cache.get('k', policy, load, options).catch((err: unknown) => err)
    // The second request has read the (empty) store and joined the load still running.
    await vi.waitFor(() => expect(cache.joins).toBe(1), EVENTUALLY)
    fail(new ApiError('upstream-unavailable', 'Persona is unavailable.', {}, { upstreamStatus: 503 }))
    const [started, joiner] = (await Promise.all([first, joined])) as ApiError[]

    expect(load).toHaveBeenCalledTimes(1)
    expect(started).not.toBe(joiner)
    expect(started?.cache).toMatchObject({ kind: 'forward', collapsed: false, forwardStatus: 503 })
    expect(joiner?.cache).toMatchObject({ kind: 'forward', collapsed: true, forwardStatus: 503 })
    expect([started?.code, started?.message, joiner?.code, joiner?.message]).toEqual([
      'upstream-unavailable',
      'Persona is unavailable.',
      'upstream-unavailable',
      'Persona is unavailable.',
    ])
  })
})

describe('RelayCache batch reads (one walk per lookup)', () => {
  type Value = { id: string; ok: boolean; by: string }
  const policy = { ttl: 30, staleWhileRevalidate: 30 }
  const options = { refresh: false, waitUntil: () => {} }
  const emptyStore = () => ({ match: async () => undefined, put: async () => {} }) as unknown as Cache

  /** A source whose loads the test lets land; values are kept unless failed, as a lookup keeps found entries. */
  function source(by: string) {
    const loads: { items: string[]; land: (failed?: Set<string>, refused?: Set<string>) => void }[] = []
    const src: BatchSource<string, Value> = {
      keys: new Map(['a', 'b', 'c'].map((id) => [id, `key-${id}`])),
      parse: (body) => JSON.parse(body) as Value,
      load: (items) =>
        new Promise((resolve) =>
          loads.push({
            items,
            // `refused`: a refusal about this source's caller (its share), never handed to a joiner.
            land: (failed = new Set(), refused = new Set()) =>
              resolve(
                new Map(
                  items.map((id) => {
                    const value: Value = { id, ok: !failed.has(id) && !refused.has(id), by }
                    if (refused.has(id)) return [id, { value: aboutTheCaller(value) }] as const
                    return [id, value.ok ? { value, keep: { body: JSON.stringify(value) } } : { value }] as const
                  }),
                ),
              ),
          }),
        ),
      lost: (id) => ({ id, ok: false, by: 'lost' }),
      failure: (value) => (value.ok ? null : 'upstream-unavailable'),
    }
    return { src, loads }
  }

  it('loads only the items no stored copy answered, in one load, and keeps what the loader says to keep', async () => {
    const cache = new RelayCache(emptyStore)
    const { src, loads } = source('one')
    const first = cache.getBatch(['a', 'b'], src, policy, options)
    await vi.waitFor(() => expect(loads).toHaveLength(1), EVENTUALLY)
    loads[0]!.land(new Set(['b']))
    expect((await first).outcome).toMatchObject({ kind: 'batch', ids: 2, fresh: 0, forwarded: 2 })

    const second = cache.getBatch(['a', 'b', 'c'], src, policy, options)
    await vi.waitFor(() => expect(loads).toHaveLength(2), EVENTUALLY)
    // `a` was kept; `b` failed and was not.
    expect(loads[1]!.items).toEqual(['b', 'c'])
    loads[1]!.land()
    const { values, outcome } = await second
    expect(outcome).toMatchObject({ fresh: 1, forwarded: 2, staleIfError: 0 })
    expect([...values.values()].map((v) => v.ok)).toEqual([true, true, true])
  })

  it('joins items another batch is loading, and loads one itself when the shared value is a refusal about that batch', async () => {
    const cache = new RelayCache(emptyStore)
    const leader = source('leader')
    const joiner = source('joiner')
    const led = cache.getBatch(['a', 'b'], leader.src, policy, options)
    await vi.waitFor(() => expect(leader.loads).toHaveLength(1), EVENTUALLY)
    const joined = cache.getBatch(['b', 'c'], joiner.src, policy, options)
    // Only `c` is the joiner's to load: `b` is in flight for the leader.
    await vi.waitFor(() => expect(joiner.loads).toHaveLength(1), EVENTUALLY)
    expect(joiner.loads[0]!.items).toEqual(['c'])
    expect(cache.joins).toBe(1)
    joiner.loads[0]!.land()

    // The leader's `b` is a refusal about the leader (its share): the joiner asks for `b` under its own name.
    leader.loads[0]!.land(new Set(), new Set(['b']))
    await vi.waitFor(() => expect(joiner.loads).toHaveLength(2), EVENTUALLY)
    expect(joiner.loads[1]!.items).toEqual(['b'])
    joiner.loads[1]!.land()
    expect([...(await joined).values.values()].map((v) => `${v.id}:${v.by}`)).toEqual(['b:joiner', 'c:joiner'])
    expect(cache.reruns).toBe(1)
    expect((await led).values.get('b')).toMatchObject({ ok: false, by: 'leader' })
  })

  it('holds an undecided brief summary up to a minute while the source says it is unchanged, never one a refusal shaped', async () => {
    const cache = new RelayCache(emptyStore)
    const start = Date.now()
    const now = vi.spyOn(Date, 'now').mockReturnValue(start)
    const changed = new Set<string>()
    const asked: string[][] = []
    const loads: string[][] = []
    const src: BatchSource<string, Value> = {
      keys: new Map(['a', 'b'].map((id) => [id, `key-${id}`])),
      parse: (body) => JSON.parse(body) as Value,
      load: async (items) => {
        loads.push(items)
        // `b` is a refusal about this caller: answered, never kept.
        return new Map(
          items.map(
            (id) =>
              [
                id,
                id === 'b'
                  ? { value: aboutTheCaller({ id, ok: false, by: 'refused' }) }
                  : {
                      value: { id, ok: true, by: 'load' },
                      keep: { body: JSON.stringify({ id, ok: true, by: 'load' }), brief: true, undecided: true },
                    },
              ] as const,
          ),
        )
      },
      lost: (id) => ({ id, ok: false, by: 'lost' }),
      failure: (value) => (value.ok ? null : 'rate-limited'),
      unchanged: async (held) => {
        asked.push(held.map(({ item }) => item))
        return new Set(held.flatMap(({ item }) => (changed.has(item) ? [] : [item])))
      },
    }
    await cache.getBatch(['a', 'b'], src, policy, options)
    now.mockReturnValue(start + 45_000)
    expect((await cache.getBatch(['a', 'b'], src, policy, options)).outcome).toMatchObject({ fresh: 1, forwarded: 1 })
    expect(asked).toEqual([['a']])
    expect(loads).toEqual([['a', 'b'], ['b']])
    changed.add('a')
    now.mockReturnValue(start + 50_000)
    await cache.getBatch(['a'], src, policy, options)
    expect(loads).toEqual([['a', 'b'], ['b'], ['a']])
    changed.clear()
    now.mockReturnValue(start + 50_000 + 61_000)
    await cache.getBatch(['a'], src, policy, options)
    expect(loads).toHaveLength(4)
  })

  it('answers a failed load with a found copy up to 10 minutes past its freshness (stale-if-error)', async () => {
    const cache = new RelayCache(emptyStore)
    const { src, loads } = source('one')
    cache.memory.set('key-a', { body: JSON.stringify({ id: 'a', ok: true, by: 'earlier' }), storedAt: Date.now() - 100_000 })
    const batch = cache.getBatch(['a'], src, policy, options)
    await vi.waitFor(() => expect(loads).toHaveLength(1), EVENTUALLY)
    loads[0]!.land(new Set(['a']))
    const { values, outcome } = await batch
    expect(outcome).toMatchObject({ staleIfError: 1, forwarded: 0 })
    expect(values.get('a')).toMatchObject({ ok: true, by: 'earlier' })
  })
})
