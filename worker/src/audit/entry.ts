import { canonicalId, classifyId, type IdKind } from '@idv-lens/shared/ids'
import { ID_PATTERNS } from '@idv-lens/shared/ids'
import { forwarded, servedStale, type CacheOutcome } from '../cache-status.ts'

/**
 * What one /v1 request leaves in the audit: who, which route, which verification IDs, how it went.
 * Built only from the matched route, verification IDs and numbers: never a name, email, reference ID,
 * IP address, other filter value, token or key (those are never read here).
 */
export type AuditEntry = {
  at: number
  /** The relay's own id (unique: a batch written twice inserts each row once). */
  requestId: string
  /** The client's `Request-Id`, when it sent an acceptable one. */
  clientRequestId: string | null
  agent: string | null
  route: string
  vendor: string | null
  ids: string[]
  outcome: AuditOutcome
  status: number
  cacheStatus: string | null
  durationMs: number
  /** A tools/call on /mcp: what the client asserted (never trusted for a role) and the vendor calls it spent. */
  mcp?: { onBehalfOf: string | null; ticket: string | null; vendorCalls: number }
  /** The caller is an AI client (an `ai` token or an OAuth client): on /mcp, or refused on /v1. */
  ai?: boolean
  /** The problem code of a failed answer (`forbidden`, `budget-exhausted`, …). */
  problem?: string | null
  /** An escalation's assignee, by the name the admin gave it in FLAGGED_ESCALATION (never its email). */
  escalatedTo?: string | null
}

/** The longest `on_behalf_of` or `ticket` the audit keeps (the tools' input schema holds them to it too). */
export const MAX_ASSERTED = 128

/**
 * An AI client's free text (`on_behalf_of`, `ticket`) as the audit keeps it: control characters (line
 * breaks, tabs, escapes) as spaces, at most MAX_ASSERTED characters; empty is null.
 */
export function assertedText(value: string | null | undefined): string | null {
  const text = (value ?? '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .slice(0, MAX_ASSERTED)
    .trim()
  return text === '' ? null : text
}

/** `served`: answered without the cache (the audit route itself); `preflight`: a CORS preflight the relay answered itself. */
export type AuditOutcome = 'hit' | 'miss' | 'stale' | 'served' | 'refused' | 'vendor-error' | 'budget' | 'error' | 'preflight'

/**
 * A CORS preflight: the relay's CORS middleware answers every OPTIONS itself, before auth or routing,
 * so it is neither an agent's read or action nor a vendor call, and is counted as neither.
 */
export const isPreflight = (method: string) => method === 'OPTIONS'

/** Query parameters whose values are verification IDs; every other value is left out. */
const ID_PARAMETERS = ['ids', 'id', 'filter[inquiry-id]', 'filter[object-id]', 'filter[id]']
const MAX_IDS = 100

const providerOf = (kind: IdKind) => ID_PATTERNS.find((p) => p.kind === kind)?.provider

function verificationIds(values: string[]): string[] {
  const out = new Set<string>()
  for (const value of values) {
    for (const part of value.split(',')) {
      const id = part.trim()
      const kind = classifyId(id)
      if (kind) out.add(canonicalId(id, kind))
      if (out.size >= MAX_IDS) return [...out]
    }
  }
  return [...out]
}

/** `/v1` and everything under it: the requests the audit answers for. */
export const isAuditedPath = (path: string) => path === '/v1' || path.startsWith('/v1/')

/** decodeURIComponent, or null for a malformed percent-encoding (never an ID, so never recorded). */
function decodedSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

/**
 * The row's vendor and IDs, given the route Hono matched (null: a path the relay does not serve may
 * hold anything, so it is recorded as `(no route)` and nothing of it is kept). IDs are read only for an
 * authenticated request: an unauthenticated caller must not be able to write IDs of its choosing into
 * the audit's ID index.
 */
export function describeRequest(
  url: URL,
  matched: { route: string | null; vendor: string | null },
  authenticated: boolean,
): { route: string; vendor: string | null; ids: string[] } {
  const { route, vendor } = matched
  if (route === null) return { route: '(no route)', vendor: null, ids: [] }
  if (!authenticated) return { route, vendor, ids: [] }
  // The path's segment where the route has `:id` (`/inquiries/:id`, `/inquiries/:id/add-tag`).
  const at = route.split('/').indexOf(':id')
  const segment = at >= 0 ? [decodedSegment(url.pathname.split('/')[at] ?? '')].filter((s) => s !== null) : []
  const params = ID_PARAMETERS.flatMap((name) => url.searchParams.getAll(name))
  const ids = verificationIds([...segment, ...params])
  const vendors = new Set(ids.map((id) => providerOf(classifyId(id) as IdKind)))
  return { route, vendor: vendor ?? (vendors.size ? [...vendors].sort().join(',') : null), ids }
}

const BUDGET_CODES = new Set(['rate-limited', 'budget-exhausted', 'governor-unavailable'])
const VENDOR_CODES = new Set(['upstream-auth', 'upstream-unavailable', 'upstream-timeout'])

export function outcomeOf(
  status: number,
  cache: CacheOutcome | undefined,
  problem: { code: string; provider?: string } | undefined,
): AuditOutcome {
  if (status < 400) {
    if (!cache) return 'served'
    if (servedStale(cache)) return 'stale'
    return forwarded(cache) ? 'miss' : 'hit'
  }
  if (problem && BUDGET_CODES.has(problem.code)) return 'budget'
  if (problem && (VENDOR_CODES.has(problem.code) || (problem.provider && (status === 400 || status === 404)))) return 'vendor-error'
  return status < 500 ? 'refused' : 'error'
}
