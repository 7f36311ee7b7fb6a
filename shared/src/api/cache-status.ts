/**
 * Reads the relay's RFC 9211 `Cache-Status` header into what a UI needs to say about freshness.
 *
 * The relay writes one entry, e.g. `idv-lens; hit; ttl=12`, `idv-lens; fwd=uri-miss; stored`, or
 * `idv-lens; fwd=stale; fwd-status=502; ttl=-40; detail=stale-if-error`.
 */
export type Freshness = {
  /** Served from the relay's cache without asking the vendor. */
  hit: boolean
  /** The copy is past its freshness lifetime (served while revalidating, or because the vendor failed). */
  stale: boolean
  /** Served because the vendor failed: the data may be out of date. */
  staleIfError: boolean
  /** Seconds of freshness left; negative when stale. */
  ttl: number | null
  /** The status the vendor answered when the relay forwarded and failed. */
  forwardStatus: number | null
}

export function parseCacheStatus(header: string | null | undefined): Freshness | null {
  if (!header) return null
  const entry = header.split(',').at(-1)?.trim()
  if (!entry) return null
  const params = new Map<string, string | true>()
  for (const part of entry.split(';').slice(1)) {
    const [key, value] = part.trim().split('=') as [string, string | undefined]
    params.set(key, value === undefined ? true : value.replace(/^"|"$/g, ''))
  }
  const ttl = params.get('ttl')
  const fwdStatus = params.get('fwd-status')
  const detail = params.get('detail')
  const staleIfError = detail === 'stale-if-error'
  const ttlNumber = typeof ttl === 'string' ? Number(ttl) : null
  return {
    hit: params.has('hit') || staleIfError,
    stale: staleIfError || detail === 'stale-while-revalidate' || (ttlNumber !== null && ttlNumber < 0),
    staleIfError,
    ttl: ttlNumber,
    forwardStatus: typeof fwdStatus === 'string' ? Number(fwdStatus) : null,
  }
}
