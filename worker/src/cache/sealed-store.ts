import { STALE_IF_ERROR_SECONDS } from './freshness.ts'
import type { StoredBody } from './memory-cache.ts'
import { sealerForSecret, type Sealer } from './sealed.ts'

/** An entry this large is sealed for the Cache API after the previous large one (see write). */
const LARGE_ENTRY_BYTES = 256 * 1024

/** Cache API keys must be URLs; this host never resolves, it only namespaces our entries. */
const CACHE_KEY_ORIGIN = 'https://relay-cache.idv-lens.invalid'

export type CacheStore = Pick<Cache, 'match' | 'put'>

/**
 * The relay cache's layer in the Cache API: every entry sealed (sealed.ts) under its key, read back as
 * a miss whenever it does not open. Keys are already SHA-256 hashes of the canonical request (cache-key.ts).
 */
export class SealedStore {
  private largeWrites: Promise<void> = Promise.resolve()

  /** `store` is the Cache API (tests pass one whose answers they time); `sealer` encrypts what goes into it. */
  private readonly store: () => CacheStore | null | Promise<CacheStore | null>
  private readonly sealer: Sealer

  constructor(store: () => CacheStore | null | Promise<CacheStore | null> = cacheApi, sealer: Sealer = sealerForSecret(null)) {
    this.store = store
    this.sealer = sealer
  }

  async read(key: string): Promise<StoredBody | undefined> {
    const store = await this.store()
    if (!store) return undefined
    const res = await store.match(toRequest(key))
    if (!res) return undefined
    // Tampered, swapped between keys, or sealed by another key version: a miss, never an error.
    const opened = await this.sealer.open(key, new Uint8Array(await res.arrayBuffer()))
    if (opened === null) return undefined
    try {
      const entry = JSON.parse(opened) as StoredBody
      return typeof entry.body === 'string' && typeof entry.storedAt === 'number' ? entry : undefined
    } catch {
      return undefined
    }
  }

  /** Stores `entry`; the Cache API keeps it for `keepSeconds` (freshness + revalidation) + stale-if-error. */
  write(key: string, entry: StoredBody, keepSeconds: number): Promise<void> {
    if (entry.body.length < LARGE_ENTRY_BYTES) return this.sealAndPut(key, entry, keepSeconds)
    // Sealing copies an entry twice: large ones are sealed one at a time, so a burst of large misses
    // does not hold every copy at once.
    const turn = this.largeWrites.then(() => this.sealAndPut(key, entry, keepSeconds))
    this.largeWrites = turn.catch(() => undefined)
    return turn
  }

  private async sealAndPut(key: string, entry: StoredBody, keepSeconds: number): Promise<void> {
    const store = await this.store()
    if (!store) return
    // The stored time is inside the sealed entry: nothing readable sits next to the ciphertext.
    const sealed = await this.sealer.seal(key, JSON.stringify(entry))
    const res = new Response(sealed, {
      headers: {
        'content-type': 'application/octet-stream',
        'cache-control': `max-age=${keepSeconds + (entry.notFound ? 0 : STALE_IF_ERROR_SECONDS)}`,
      },
    })
    await store.put(toRequest(key), res)
  }
}

// Opened once per isolate: an open per request would double the Cache API round trips of a miss.
let namedCache: Promise<CacheStore | null> | null = null

/** Test hook: open the named cache again on next use (tests swap `caches.open`). */
export function forgetNamedCache(): void {
  namedCache = null
}

/** The relay's own named cache, not the zone-wide `caches.default` (entries never mix with the zone's). */
function cacheApi(): Promise<CacheStore | null> {
  // Absent outside workerd; present but write-only on *.workers.dev (harmless: reads miss).
  if (typeof caches === 'undefined' || !('open' in caches)) return Promise.resolve(null)
  return (namedCache ??= (caches as unknown as { open(name: string): Promise<Cache> }).open('idv-lens').catch(() => {
    namedCache = null
    return null
  }))
}

function toRequest(key: string): Request {
  return new Request(`${CACHE_KEY_ORIGIN}/${key}`)
}
