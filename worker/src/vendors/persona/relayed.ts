import type { PersonaList } from '@idv-lens/shared/api'
import type { LookupCall } from '../../kit/lookup.ts'
import { canonicalQuery } from '../../kit/query.ts'
import type { PersonaHeaders } from './queries.ts'
import { rewriteLinks } from './links.ts'
import { personaAllowed } from './allowlist.ts'

/*
 * The canonical form of a relayed Persona read: what `/v1/persona/...` asks Persona for and caches
 * (routes.ts), and what a summary (lookup.ts) reads through the very same cache entry when it asks
 * for the same record, so a detail and its history cost each record one call.
 */

/** Forward only the two headers that change Persona's body, under their canonical names. */
function forwarded(headers: PersonaHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  if (headers['key-inflection']) out['key-inflection'] = headers['key-inflection']
  if (headers['persona-version']) out['persona-version'] = headers['persona-version']
  return out
}

/** List filters that narrow a list to what belongs to one object (an inquiry's sessions, events or cases). */
const ONE_OBJECT_FILTERS = ['filter[inquiry-id]', 'filter[object-id]']

/**
 * A list narrowed to one object is part of that object's detail and kept as long as the object
 * (OBJECT_TTL_SECONDS): with the shorter list freshness, a detail opened twice within the object's
 * window fetched its sections again while its main object came from the cache.
 */
function shapeOf(query: Record<string, string>): 'list' | 'object' {
  return ONE_OBJECT_FILTERS.some((name) => query[name] !== undefined && !query[name].includes(',')) ? 'object' : 'list'
}

/** The relay's own route of a Persona resource, as Hono matches it (links of a list point there). */
export const personaRoute = (resource: string) => `/v1/persona/${resource}`

export function personaListRead<T>(resource: string, query: Record<string, string>, headers: PersonaHeaders) {
  return {
    provider: 'persona' as const,
    path: resource,
    query: canonicalQuery(query),
    headers: forwarded(headers),
    shape: shapeOf(query),
    // Only what the allowlist keeps reaches the cache or an agent (allowlist.ts).
    transform: (body: PersonaList<T>, route: string) => ({ ...personaAllowed(body), links: rewriteLinks(body.links, route, query) }),
  }
}

export function personaRetrieveRead(resource: string, id: string, query: Record<string, string>, headers: PersonaHeaders) {
  return {
    provider: 'persona' as const,
    path: `${resource}/${id}`,
    query: canonicalQuery(query),
    headers: forwarded(headers),
    shape: 'object' as const,
    transform: personaAllowed,
  }
}

type RelayedSpec = ReturnType<typeof personaListRead> | ReturnType<typeof personaRetrieveRead>

/** A summary's read of a record a detail reads too, as a lookup call through the route's cache entry. */
export function relayedCall(spec: RelayedSpec, resource: string): LookupCall {
  const { transform, shape, ...call } = spec
  return { ...call, relayed: { route: personaRoute(resource), shape, transform } }
}
