import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import type { LookupResponse, PersonaInquiry, PersonaList } from '@idv-lens/shared/api'
import { RelayCache } from '../src/cache/relay-cache.ts'
import { forgetNamedCache } from '../src/cache/sealed-store.ts'
import { deriveKey, sealerForSecret, sealerFrom } from '../src/cache/sealed.ts'
import { testRelay } from './helpers.ts'

afterEach(() => {
  vi.restoreAllMocks()
})

/** A Cache API stand-in that keeps what the relay stores, so the test can read the raw bytes. */
function recordingStore() {
  const entries = new Map<string, Uint8Array>()
  /** The Cache-Control each entry was stored with (its lifetime in the Cache API). */
  const lifetimes = new Map<string, string | null>()
  const store = {
    entries,
    lifetimes,
    async match(req: RequestInfo) {
      const bytes = entries.get(typeof req === 'string' ? req : req.url)
      return bytes ? new Response(bytes.slice()) : undefined
    },
    async put(req: RequestInfo, res: Response) {
      const url = typeof req === 'string' ? req : req.url
      lifetimes.set(url, res.headers.get('cache-control'))
      entries.set(url, new Uint8Array(await res.arrayBuffer()))
    },
  }
  return store
}

const BODY = '{"data":[{"id":"inq_1","attributes":{"name-first":"Ada","reference-id":"user-4711"}}]}'
const policy = { ttl: 30, staleWhileRevalidate: 30 }
const waitAll = () => {
  const pending: Promise<unknown>[] = []
  return { waitUntil: (p: Promise<unknown>) => void pending.push(p), settled: () => Promise.all(pending) }
}

async function stored(secret: string | null = 'secret-one') {
  const store = recordingStore()
  const cache = new RelayCache(() => store, sealerForSecret(secret))
  const bg = waitAll()
  await cache.get('key-a', policy, async () => ({ body: BODY }), { refresh: false, waitUntil: bg.waitUntil })
  await bg.settled()
  return { store, cache }
}

/** A second isolate: empty memory, same Cache API. */
const coldReader = (store: ReturnType<typeof recordingStore>, secret: string | null = 'secret-one', version?: number) =>
  new RelayCache(
    () => store,
    version === undefined
      ? sealerForSecret(secret)
      : sealerFrom(deriveKey(new Uint8Array(new TextEncoder().encode(secret ?? '')), version)),
  )

describe('cache entries at rest', () => {
  it('round-trips: what one isolate seals another with the same secret reads back', async () => {
    const { store } = await stored()
    expect(await coldReader(store).read('key-a')).toMatchObject({ body: BODY })
  })

  it('stores nothing readable: no body text, a fresh 12-byte IV per write', async () => {
    const { store } = await stored()
    const bytes = [...store.entries.values()][0]!
    const asText = new TextDecoder('latin1').decode(bytes)
    for (const word of ['Ada', 'user-4711', 'inq_1', 'storedAt']) expect(asText).not.toContain(word)
    const again = await stored()
    expect([...again.store.entries.values()][0]!.slice(0, 12)).not.toEqual(bytes.slice(0, 12))
  })

  it('treats a tampered entry as a miss, never an error', async () => {
    const { store } = await stored()
    const [url, bytes] = [...store.entries][0]!
    const tampered = bytes.slice()
    tampered[20] = (tampered[20] as number) ^ 0x01
    store.entries.set(url, tampered)
    expect(await coldReader(store).read('key-a')).toBeUndefined()
  })

  it('treats an entry moved under another key as a miss (the key is the additional data)', async () => {
    const { store } = await stored()
    const bytes = [...store.entries.values()][0]!
    const other = await stored()
    await other.cache.get('key-b', policy, async () => ({ body: '{"other":true}' }), { refresh: false, waitUntil: () => {} })
    const urls = [...store.entries.keys()]
    store.entries.set(urls[0]!.replace('key-a', 'key-b'), bytes)
    expect(await coldReader(store).read('key-b')).toBeUndefined()
  })

  it('misses after a key-version bump or with another secret', async () => {
    const { store } = await stored('secret-one')
    expect(await coldReader(store, 'secret-one', 1).read('key-a')).toMatchObject({ body: BODY })
    expect(await coldReader(store, 'secret-one', 2).read('key-a')).toBeUndefined()
    expect(await coldReader(store, 'secret-two').read('key-a')).toBeUndefined()
  })
})

describe('cache correctness', () => {
  it('TTL 0 stores nothing and serves no stale copy', async () => {
    const relay = testRelay({ LIST_TTL_SECONDS: '0' })
    const LIST = '/v1/persona/events?page%5Bsize%5D=4'
    expect((await relay.get(LIST)).headers.get('cache-status')).not.toMatch(/stored/)
    await relay.fault({ fault: '500' })
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 6000)
    expect((await relay.get(LIST)).status).toBe(502)
  })

  it('counts stale-if-error from the end of freshness, not from storage', async () => {
    const relay = testRelay({ OBJECT_TTL_SECONDS: '300' })
    const ONE = '/v1/persona/events/evt_o9byQRbjygu76Jbtea9wuJ1boP7a'
    await relay.get(ONE)
    await relay.fault({ fault: '503' })
    // Stored 13 min ago, but fresh until 5 min ago: still within 10 min of its freshness.
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 13 * 60_000)
    const res = await relay.get(ONE)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-status')).toMatch(/detail=stale-if-error/)
  })

  it('remembers a retrieve 404 for 30 s, with Cache-Status on the error', async () => {
    const relay = testRelay()
    const MISSING = '/v1/persona/inquiries/inq_AAAAAAAAAAAAAAAAAAAAAAAA'
    const first = await relay.get(MISSING)
    expect(first.status).toBe(404)
    expect(first.headers.get('cache-status')).toMatch(/fwd=uri-miss; fwd-status=404; stored/)
    const second = await relay.get(MISSING)
    expect(second.status).toBe(404)
    expect(second.headers.get('cache-status')).toMatch(/^idv-lens; hit/)
    expect((await relay.upstreamCalls()).persona).toBe(1)
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 31_000)
    expect((await relay.get(MISSING)).headers.get('cache-status')).toMatch(/fwd=/)
    expect((await relay.upstreamCalls()).persona).toBe(2)
  })

  it('puts Cache-Status on relayed errors', async () => {
    const relay = testRelay()
    await relay.fault({ fault: '500' })
    const res = await relay.get('/v1/persona/events?page%5Bsize%5D=2')
    expect(res.status).toBe(502)
    expect(res.headers.get('cache-status')).toMatch(/^idv-lens; fwd=uri-miss; fwd-status=500/)
  })

  it('serves lookup summaries stale while revalidating, and stale when the vendor fails', async () => {
    const relay = testRelay({ OBJECT_TTL_SECONDS: '60' })
    const EVT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'
    await relay.get(`/v1/lookup?ids=${EVT}`)
    const now = Date.now()
    vi.spyOn(Date, 'now').mockReturnValue(now + 70_000)
    const swr = await relay.get(`/v1/lookup?ids=${EVT}`)
    expect(swr.headers.get('cache-status')).toBe('idv-lens; hit; detail=stale-while-revalidate')
    expect((await relay.upstreamCalls()).persona).toBe(2)
    await relay.fault({ fault: '500' })
    vi.spyOn(Date, 'now').mockReturnValue(now + 200_000)
    const res = await relay.get(`/v1/lookup?ids=${EVT}`)
    expect(res.headers.get('cache-status')).toMatch(/fwd=stale; .*stale-if-error/)
    expect(((await res.json()) as LookupResponse).data[0]).toMatchObject({ found: true, id: EVT })
  })
})

describe('the Cache API entry', () => {
  const useStore = () => {
    const store = recordingStore()
    const open = vi.spyOn(caches, 'open').mockResolvedValue(store as unknown as Cache)
    forgetNamedCache()
    onTestFinished(forgetNamedCache)
    return { store, open }
  }

  it("lives in the relay's own named cache for TTL + stale-while-revalidate + stale-if-error (a 404 for 30 s)", async () => {
    const { store, open } = useStore()
    const relay = testRelay({ LIST_TTL_SECONDS: '20', OBJECT_TTL_SECONDS: '60' })
    await relay.get('/v1/persona/events?page%5Bsize%5D=3')
    expect(open).toHaveBeenCalledWith('idv-lens')
    expect([...store.lifetimes.values()]).toEqual(['max-age=640']) // 20 + 20 + 600
    await relay.get('/v1/persona/inquiries/inq_AAAAAAAAAAAAAAAAAAAAAAAA')
    await relay.get('/v1/lookup?ids=evt_o9byQRbjygu76Jbtea9wuJ1boP7a')
    expect([...store.lifetimes.values()]).toEqual(['max-age=640', 'max-age=30', 'max-age=720']) // 60 + 60 + 600
  })
})

describe('personal data and the cache', () => {
  it('puts no fixture personal data in any cache key or stored byte', async () => {
    const store = recordingStore()
    vi.spyOn(caches, 'open').mockResolvedValue(store as unknown as Cache)
    forgetNamedCache()
    onTestFinished(forgetNamedCache)
    const relay = testRelay()
    const list = (await (await relay.get('/v1/persona/inquiries?page%5Bsize%5D=20')).json()) as PersonaList<PersonaInquiry>
    const personal = new Set<string>()
    for (const inquiry of list.data) {
      for (const field of ['reference-id', 'name-first', 'name-last', 'email-address', 'phone-number', 'birthdate', 'address-street-1']) {
        const value = (inquiry.attributes as Record<string, unknown>)[field]
        if (typeof value === 'string' && value.length >= 4) personal.add(value)
      }
    }
    expect(personal.size).toBeGreaterThan(5)
    const ref = list.data
      .map((i) => i.attributes['reference-id'])
      .find((r): r is string => typeof r === 'string' && r.length >= 4) as string
    await relay.get(`/v1/persona/inquiries?filter%5Breference-id%5D=${encodeURIComponent(ref)}`)
    await relay.get(`/v1/persona/inquiries/${list.data[0]!.id}`)
    await relay.get(
      `/v1/lookup?ids=${list.data
        .slice(0, 5)
        .map((i) => i.id)
        .join(',')}`,
    )
    await relay.get(`/v1/deepidv/sessions?external_id=${encodeURIComponent(ref)}`)
    expect(store.entries.size).toBeGreaterThanOrEqual(8)
    const keys = [...store.entries.keys()].join('\n')
    const bytes = [...store.entries.values()].map((b) => new TextDecoder('latin1').decode(b)).join('\n')
    for (const value of [...personal, ref, ...list.data.slice(0, 5).map((i) => i.id)]) {
      expect(keys).not.toContain(value)
      expect(keys).not.toContain(encodeURIComponent(value))
      expect(bytes).not.toContain(value)
    }
    for (const url of store.entries.keys()) expect(url).toMatch(/^https:\/\/relay-cache\.idv-lens\.invalid\/[0-9a-f]{64}$/)
  })
})
