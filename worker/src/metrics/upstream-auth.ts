/**
 * When a vendor last refused the relay's key (`upstream-auth`), for /healthz: an uptime monitor that
 * polls it can alert on a revoked key within minutes, without a token and without any vendor call.
 * Kept in the isolate and in the data center's Cache API (other isolates there see it too); the
 * Analytics Engine data points (request-metrics.ts) have the global picture.
 */
import type { VendorName } from '@idv-lens/shared/api'

export const UPSTREAM_AUTH_WINDOW_SECONDS = 300

const seen = new Map<string, number>()

// A URL in a namespace of our own: Cache API keys are URLs; this host is never fetched.
const cacheUrl = (namespace: string, provider: VendorName) => `https://upstream-auth.idv-lens.internal/${namespace}/${provider}`

const cache = (): Cache | undefined => (typeof caches === 'undefined' ? undefined : (caches as unknown as { default?: Cache }).default)

export function noteUpstreamAuth(namespace: string, provider: VendorName, at: number, waitUntil: (p: Promise<unknown>) => void): void {
  seen.set(`${namespace}/${provider}`, at)
  const store = cache()
  if (!store) return
  const body = JSON.stringify({ at })
  waitUntil(
    store
      .put(
        cacheUrl(namespace, provider),
        new Response(body, { headers: { 'cache-control': `max-age=${UPSTREAM_AUTH_WINDOW_SECONDS}`, 'content-type': 'application/json' } }),
      )
      .catch(() => undefined),
  )
}

export type UpstreamAuthSeen = {
  /** A vendor refused the relay's key within the last 5 minutes. */
  seenWithin5Minutes: boolean
  /** When that last happened, as far as this data center knows. */
  lastSeenAt: string | null
}

export async function upstreamAuthSeen(namespace: string, provider: VendorName, now: number): Promise<UpstreamAuthSeen> {
  let at = seen.get(`${namespace}/${provider}`) ?? null
  if (at === null) {
    const stored = await cache()
      ?.match(cacheUrl(namespace, provider))
      .catch(() => undefined)
    if (stored) at = ((await stored.json()) as { at: number }).at
  }
  return {
    seenWithin5Minutes: at !== null && now - at <= UPSTREAM_AUTH_WINDOW_SECONDS * 1000,
    lastSeenAt: at === null ? null : new Date(at).toISOString(),
  }
}
