/**
 * Per-scope test state: injected faults, request stats and rate-limit counters. A scope is the API key
 * a request carries, so parallel tests that use different keys never see each other's faults or counts.
 */
import { createMinuteWindowLimiter, createTokenBucketLimiter } from './rate-limit.ts'
import { PERSONA_RATE_LIMIT } from './persona-errors.ts'

export const PROVIDERS = ['persona', 'deepidv', 'stripe', 'onfido', 'sumsub'] as const
export type Provider = (typeof PROVIDERS)[number]

export const FAULT_KINDS = ['latency', '429', '500', '503', 'hang', 'malformed', '401', 'drop', 'oversize', 'invalid'] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

export interface FaultSpec {
  scope: string
  /** Only requests to this vendor; both when absent. */
  provider?: Provider
  /** Only requests of this method (a write's POST, not the read before it); any when absent. */
  method?: 'GET' | 'POST'
  /** Only requests whose path or a query value contains this: one record's ID, however asked for; any when absent. */
  contains?: string
  fault: FaultKind
  /** Delay before the fault (or, for `latency`, before the normal answer). */
  latencyMs?: number
  /** For `429` (and `503`): Persona's `ratelimit-reset`, deepidv's `retry-after`. */
  retryAfterSeconds?: number
  /** How many matching requests it affects; unlimited when absent. */
  times?: number
  /** For `invalid`: the JSON answered as a 200 instead of the real body (valid JSON, wrong shape). */
  body?: unknown
  /** For `invalid`: the status answered with that body instead of 200 (an error body of one's own). */
  status?: number
  /** For `invalid`: streams the body without a Content-Length, in chunks of this many bytes. */
  chunkBytes?: number
  /** With `chunkBytes`: the pause before each chunk after the first (a slow vendor). */
  chunkDelayMs?: number
}

export interface ActiveFault {
  id: string
  scope: string
  provider: Provider | null
  method: 'GET' | 'POST' | null
  contains: string | null
  fault: FaultKind
  latencyMs: number | null
  retryAfterSeconds: number | null
  /** For `invalid`: the JSON answered instead of the real body, and with which status. */
  body?: unknown
  status?: number
  /** For `invalid`: streamed in chunks of this size without a length, each after this pause. */
  chunkBytes?: number
  chunkDelayMs?: number
  /** Requests it will still affect; null = unlimited. */
  remaining: number | null
  applied: number
}

export interface RecordedRequest {
  provider: Provider
  method: string
  /** Path as the vendor sees it, without the demo's mount prefix (e.g. `/api/v1/inquiries`). */
  path: string
  query: Record<string, string>
  /** Only non-secret headers (see SAFE_HEADERS); never the key. */
  headers: Record<string, string>
  /** Status answered; null while in flight or when the connection was dropped/hung. */
  status: number | null
  fault: FaultKind | null
  at: string
}

/** Requests per vendor, and the latest of them. */
export type ScopeStats = Record<Provider, number> & { requests: RecordedRequest[] }

/** Request headers worth asserting on in tests. Authorization and x-api-key are deliberately absent. */
export const SAFE_HEADERS = [
  'accept',
  'accept-encoding',
  'cache-control',
  'content-type',
  'idempotency-key',
  'if-none-match',
  'key-inflection',
  'persona-version',
  'stripe-version',
  'user-agent',
  'x-request-id',
] as const

/** Keeps memory bounded for long-lived dev servers; the counters keep counting past it. */
export const MAX_RECORDED_REQUESTS = 5000

const noStats = (): ScopeStats => ({ ...(Object.fromEntries(PROVIDERS.map((p) => [p, 0])) as Record<Provider, number>), requests: [] })

interface Scope {
  faults: ActiveFault[]
  stats: ScopeStats
}

export function createScopeRegistry() {
  const scopes = new Map<string, Scope>()
  const personaLimiter = createMinuteWindowLimiter(PERSONA_RATE_LIMIT)
  const deepidvLimiter = createTokenBucketLimiter(25, 35)
  // Stripe's test mode: 25 operations a second (docs/vendors/stripe.md §2); no burst is documented.
  const stripeLimiter = createTokenBucketLimiter(25, 25)
  // Onfido: 400 requests a minute (docs/vendors/onfido.md §5).
  const onfidoLimiter = createMinuteWindowLimiter(400)
  let faultCounter = 0

  const scopeFor = (scope: string): Scope => {
    let s = scopes.get(scope)
    if (!s) {
      s = { faults: [], stats: noStats() }
      scopes.set(scope, s)
    }
    return s
  }

  return {
    personaLimiter,
    deepidvLimiter,
    stripeLimiter,
    onfidoLimiter,

    record(scope: string, request: Omit<RecordedRequest, 'status' | 'fault' | 'at'>): RecordedRequest {
      const { stats } = scopeFor(scope)
      const entry: RecordedRequest = { ...request, status: null, fault: null, at: new Date().toISOString() }
      stats[request.provider]++
      stats.requests.push(entry)
      if (stats.requests.length > MAX_RECORDED_REQUESTS) stats.requests.shift()
      return entry
    },

    addFault(spec: FaultSpec): ActiveFault {
      const fault: ActiveFault = {
        id: `fault_${++faultCounter}`,
        scope: spec.scope,
        provider: spec.provider ?? null,
        method: spec.method ?? null,
        contains: spec.contains ?? null,
        fault: spec.fault,
        latencyMs: spec.latencyMs ?? null,
        retryAfterSeconds: spec.retryAfterSeconds ?? null,
        ...(spec.body !== undefined ? { body: spec.body } : {}),
        ...(spec.status !== undefined ? { status: spec.status } : {}),
        ...(spec.chunkBytes !== undefined ? { chunkBytes: spec.chunkBytes, chunkDelayMs: spec.chunkDelayMs ?? 0 } : {}),
        remaining: spec.times ?? null,
        applied: 0,
      }
      scopeFor(spec.scope).faults.push(fault)
      return fault
    },

    /** The first fault (in the order added) that matches this request; counts one use of it. */
    takeFault(scope: string, request: Pick<RecordedRequest, 'provider' | 'method' | 'path' | 'query'>): ActiveFault | null {
      const s = scopes.get(scope)
      if (!s) return null
      const index = s.faults.findIndex(
        (f) =>
          (f.provider === null || f.provider === request.provider) &&
          (f.method === null || f.method === request.method) &&
          (f.contains === null || [request.path, ...Object.values(request.query)].some((part) => part.includes(f.contains!))) &&
          (f.remaining === null || f.remaining > 0),
      )
      const fault = s.faults[index]
      if (!fault) return null
      fault.applied++
      if (fault.remaining !== null) {
        fault.remaining--
        if (fault.remaining === 0) s.faults.splice(index, 1)
      }
      return { ...fault }
    },

    listFaults: (scope: string): ActiveFault[] => (scopes.get(scope)?.faults ?? []).map((f) => ({ ...f })),

    clearFaults(scope: string): number {
      const s = scopes.get(scope)
      const cleared = s?.faults.length ?? 0
      if (s) s.faults = []
      return cleared
    },

    stats(scope: string): ScopeStats {
      const stats = scopes.get(scope)?.stats ?? noStats()
      return { ...stats, requests: stats.requests.map((r) => ({ ...r })) }
    },

    /** Forgets the scope's faults, stats and rate-limit counters. */
    reset(scope: string): void {
      scopes.delete(scope)
      personaLimiter.reset(scope)
      onfidoLimiter.reset(scope)
      deepidvLimiter.reset(scope)
      stripeLimiter.reset(scope)
    },
  }
}

export type ScopeRegistry = ReturnType<typeof createScopeRegistry>
