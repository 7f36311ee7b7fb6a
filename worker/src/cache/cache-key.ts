/**
 * Cache and coalescing keys: a SHA-256 of the canonical request, so no filter value, reference ID or
 * external ID ever appears in a key. The schema version is part of it: bump it whenever the shape of
 * what is cached changes, and a deploy never serves a body shaped by old code.
 */
export const CACHE_SCHEMA_VERSION = 'v3'

import { sha256Hex } from '../sha256.ts'

export type KeyedCall = { provider: string; path: string; query: string; headers?: Record<string, string> }

/** Key of one relayed vendor call: configuration namespace + provider + path + query + body-changing headers. */
export function requestKey(namespace: string, call: KeyedCall): Promise<string> {
  const headers = Object.entries(call.headers ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return sha256Hex(JSON.stringify([CACHE_SCHEMA_VERSION, namespace, call.provider, call.path, call.query, headers]))
}

/** Key of one /v1/lookup summary. */
export function lookupKey(namespace: string, id: string): Promise<string> {
  return sha256Hex(JSON.stringify([CACHE_SCHEMA_VERSION, namespace, 'lookup', id]))
}
