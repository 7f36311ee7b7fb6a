import type { MiddlewareHandler } from 'hono'
import { describeRequest, isAuditedPath, isPreflight, outcomeOf } from '../audit/entry.ts'
import { auditWriterFor, type AuditWriterOptions } from '../audit/store.ts'
import { spoolHandOff } from '../audit/spool-binding.ts'
import type { Bindings } from '../bindings.ts'
import { auditFailureMetric, auditRowsAtRiskMetric } from '../metrics/audit-metrics.ts'
import type { AppEnv } from '../env.ts'
import { formatCacheStatus } from '../cache-status.ts'
import { waitUntilOf } from '../wait-until.ts'
import { acceptableRequestId } from './request-id.ts'
import { vendorOfRoute, type RouteOf } from '../route-table.ts'
import { classifyId, vendorOfKind } from '@idv-lens/shared/ids'

/**
 * Exactly one audit row per /v1 request, whatever happens to it: it runs ahead of the method check,
 * CORS, auth and routing, so 405s, preflights, malformed paths and refusals are recorded too. It also
 * runs alone in front of the live socket's upgrade (no other middleware may touch a 101), hence it
 * makes the request id and reads the configuration itself when nothing before it did. The row is
 * queued after the response is ready and written in the background (audit/store.ts); nothing here
 * can fail the request: the audit store being down costs rows' delay, never an answer.
 */
export function auditLog(routeOf: RouteOf): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!isAuditedPath(c.req.path)) return next()
    const startedAt = Date.now()
    if (!c.get('requestId')) {
      // Alone in front of the socket's upgrade: the client's Request-Id is read here, as relayRequestId would.
      c.set('requestId', crypto.randomUUID())
      const given = c.req.header('request-id')
      if (acceptableRequestId(given)) c.set('clientRequestId', given)
    }
    try {
      await next()
    } finally {
      try {
        queueRow(c, routeOf, startedAt)
      } catch (err) {
        console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), msg: 'audit row not queued', error: String(err) }))
      }
    }
  }
}

function queueRow(c: Parameters<MiddlewareHandler<AppEnv>>[0], routeOf: RouteOf, startedAt: number): void {
  const db = c.env?.AUDIT_DB
  const config = c.get('config')
  if (!db || !config.audit.enabled) return
  const { audit } = config
  const agent = c.get('agent') ?? null
  // An AI client refused here is named, but records no IDs: it saw none of them.
  const ai = c.get('aiClient') === true
  const identified = agent !== null && !ai
  const url = new URL(c.req.url)
  // The path as Hono routed it (percent-decoded): `/%76%31/...` is answered by /v1's routes, and recorded under them.
  const matched = routeOf(c.req.path)
  const described = describeRequest(url, { route: matched, vendor: vendorOfRoute(matched, Object.keys(config.upstream)) }, identified)
  // A route that read its IDs from the body (the requester check) names them: only for an agent, as the URL's.
  const bodyIds = identified ? c.get('auditIds') : undefined
  const { route, vendor, ids } = bodyIds?.length
    ? { ...described, ids: bodyIds, vendor: described.vendor ?? vendorsOf(bodyIds) }
    : described
  const cache = c.get('cache')
  const preflight = isPreflight(c.req.method)
  auditWriterFor(db, auditWriterOptions(c.env)).record(
    {
      at: startedAt,
      requestId: c.get('requestId'),
      clientRequestId: c.get('clientRequestId') ?? null,
      agent,
      route,
      vendor: preflight ? null : vendor,
      ids,
      outcome: preflight ? 'preflight' : outcomeOf(c.res.status, cache, c.get('problem')),
      status: c.res.status,
      cacheStatus: cache ? formatCacheStatus(cache) : null,
      durationMs: Date.now() - startedAt,
      ai,
      problem: c.res.status >= 400 ? (c.get('problem')?.code ?? null) : null,
      escalatedTo: identified ? (c.get('auditEscalatedTo') ?? null) : null,
    },
    waitUntilOf(c),
    audit.batchMs,
  )
}

/** The writer's metrics and its spool (the first request of an isolate makes the writer: its env's hold). */
export function auditWriterOptions(env: Bindings): AuditWriterOptions {
  return {
    onFailure: (rows, error) => auditFailureMetric(env.METRICS, rows, error),
    onRowsAtRisk: (rows, why) => auditRowsAtRiskMetric(env.METRICS, rows, why),
    handOff: spoolHandOff(env),
  }
}

/** The vendors of verification IDs, as the audit's vendor column holds several (`a,b`). */
function vendorsOf(ids: string[]): string | null {
  const vendors = new Set(
    ids.flatMap((id) => {
      const kind = classifyId(id)
      return kind ? [vendorOfKind(kind)] : []
    }),
  )
  return vendors.size ? [...vendors].sort().join(',') : null
}
