import { isProblem, parseCacheStatus, type Problem } from '@idv-lens/shared/api'
import type { RelayFailure, RelayResult } from './messages.ts'

/** The part of a fetch Response this module reads (hc's ClientResponse is one). */
export type RawResponse = Pick<Response, 'ok' | 'status' | 'headers' | 'text'> & { type?: ResponseType }

/** `Retry-After` as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined
  const trimmed = header.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000))
}

const KIND_BY_CODE: Record<Problem['code'], RelayFailure['kind']> = {
  'bad-request': 'bad-request',
  unauthorized: 'unauthorized',
  // Only admins read the audit; the side panel shows that view to admins only.
  forbidden: 'internal',
  // An agent action refused before the vendor (off, or no requester match yet): the agent can act on it.
  'action-disabled': 'bad-request',
  'requester-not-confirmed': 'bad-request',
  // A keyed retry the relay already carried out (a vendor without keys): no second write, nothing to retry.
  'already-made': 'bad-request',
  // A fraud check flagged the record: no new link, ever.
  'flagged-record': 'bad-request',
  // An escalation of a record no fraud check flagged (it changed since the view was drawn).
  'not-flagged': 'bad-request',
  // A decision the record's status rules out (already decided): nothing to retry.
  'wrong-state': 'bad-request',
  // An escalation that assigns the case, of an inquiry with none: the detail says to open one at Persona.
  'no-case': 'bad-request',
  // Webhook receivers only; the extension never posts to them.
  'bad-signature': 'internal',
  'payload-too-large': 'bad-request',
  'not-found': 'not-found',
  'method-not-allowed': 'internal',
  'rate-limited': 'rate-limited',
  // A requester check's daily bound or a record's lockout: no retry helps today; its detail says when it resets.
  'requester-check-limited': 'bad-request',
  'requester-check-locked': 'bad-request',
  // The team's vendor budget is spent: the same wait-and-retry as a vendor rate limit.
  'budget-exhausted': 'rate-limited',
  internal: 'internal',
  'upstream-auth': 'upstream',
  'upstream-unavailable': 'upstream',
  'upstream-invalid': 'upstream',
  'provider-not-configured': 'upstream',
  misconfigured: 'internal',
  // The relay cannot reach Cloudflare Access's keys for now: an outage to wait out, not a sign-in.
  'auth-unavailable': 'unreachable',
  'upstream-timeout': 'upstream',
  'governor-unavailable': 'upstream',
}

/** A non-2xx answer. Problem bodies say what happened; anything else is probably not our relay. */
export function failureFromResponse(status: number, body: unknown, retryAfterHeader: string | null, now: number): RelayFailure {
  if (isProblem(body)) {
    const kind = KIND_BY_CODE[body.code]
    const retryAfter = kind === 'rate-limited' ? (parseRetryAfter(retryAfterHeader, now) ?? body.retryAfter) : undefined
    return { kind, reason: { code: 'relay-problem' }, problem: body, ...(retryAfter !== undefined ? { retryAfter } : {}) }
  }
  if (status === 401 || status === 403) return { kind: 'unauthorized', reason: { code: 'token-refused', status } }
  if (status === 429) {
    const retryAfter = parseRetryAfter(retryAfterHeader, now)
    return { kind: 'rate-limited', reason: { code: 'too-many-requests' }, ...(retryAfter !== undefined ? { retryAfter } : {}) }
  }
  // A 404 page or a gateway's HTML error: the URL points at something that is not the relay (or it is down).
  return { kind: 'unreachable', reason: { code: 'not-a-relay', status } }
}

/** Whether the address answered as something other than an IDV Lens relay (a wrong URL), not "unreachable"; a gateway's 5xx is the relay restarting. */
export function notTheRelay(failure: RelayFailure): boolean {
  const { reason } = failure
  return reason.code === 'foreign-server' || reason.code === 'not-json' || (reason.code === 'not-a-relay' && reason.status < 500)
}

/** Turns a relay response into a RelayResult. Never throws: a body that is not JSON is a failure too. */
export async function toRelayResult<T>(res: RawResponse, now: number): Promise<RelayResult<T>> {
  let body: unknown
  try {
    body = JSON.parse(await res.text())
  } catch {
    if (res.ok) {
      return { ok: false, error: { kind: 'unreachable', reason: { code: 'not-json' } } }
    }
    body = undefined
  }
  if (!res.ok) return { ok: false, error: failureFromResponse(res.status, body, res.headers.get('retry-after'), now) }
  const age = Number(res.headers.get('age'))
  return {
    ok: true,
    data: body as T,
    freshness: parseCacheStatus(res.headers.get('cache-status')),
    receivedAt: now,
    ...(Number.isFinite(age) && age > 0 ? { age } : {}),
  }
}
