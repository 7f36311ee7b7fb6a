import { Hono, type Context } from 'hono'
import { timing } from 'hono/timing'
import type { CacheOutcome } from '../cache-status.ts'
import type { AppEnv } from '../env.ts'
import { aiAgent } from '../gate/budget.ts'
import { relayConfigGuard } from '../middleware/config-guard.ts'
import { onError, onNotFound } from '../middleware/problem-response.ts'
import { historyRoutes } from '../routes/history.ts'
import { lookupRoutes } from '../routes/lookup.ts'
import { requesterCheckRoutes } from '../routes/requester-check.ts'
import { VENDOR_ROUTERS } from '../vendors/routers.ts'
import type { McpPrincipal } from './principal.ts'

/**
 * The /v1 routers themselves, dispatched in process (no network, no second auth): a tool answers with
 * exactly what the route answers, through the same validation, allowlists, cache and vendor gate. The
 * caller's principal and configuration are handed over; how the cache answered comes back for the audit.
 */
type Handover = { from: Context<AppEnv>; principal: McpPrincipal; onCache: (outcome: CacheOutcome) => void }

// Each dispatched request's handover, by the request object itself (never shared between requests).
const handovers = new WeakMap<Request, Handover>()

const reads = new Hono<AppEnv>()
reads.use(async (c, next) => {
  const handover = handovers.get(c.req.raw)
  if (!handover) throw new Error('relayRead: request without a handover')
  const { from, principal, onCache } = handover
  c.set('requestId', from.get('requestId'))
  c.set('config', from.get('config'))
  // An AI client is named for the gate as such: its calls count against the AI share (gate/budget.ts).
  c.set('agent', principal.ai ? aiAgent(principal.name) : principal.name)
  c.set('role', principal.roles.includes('admin') ? 'admin' : 'agent')
  c.set('roles', principal.roles)
  try {
    await next()
  } finally {
    const cache = c.get('cache')
    if (cache) onCache(cache)
  }
})
// The routes record the vendor gate's overhead (Server-Timing); a tool's answer sends no header, so
// the metrics are kept and dropped, where without it Hono warns on every vendor call.
reads.use(timing({ enabled: false, total: false }))
reads.use(relayConfigGuard)
reads.route('/v1/lookup', lookupRoutes).route('/v1/history', historyRoutes).route('/v1/requester-check', requesterCheckRoutes)
for (const [name, router] of Object.entries(VENDOR_ROUTERS)) reads.route(`/v1/${name}`, router)
reads.notFound(onNotFound)
reads.onError(onError)

/**
 * One /v1 request for a tool: its path and query (and JSON body and headers for a POST: a requester
 * check or an agent action), answered as the route answers.
 */
export async function relayRead(handover: Handover, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const { from } = handover
  const url = new URL(path, from.req.url)
  const init: RequestInit = body === undefined ? {} : { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) }
  const request = new Request(url, init)
  handovers.set(request, handover)
  return reads.fetch(request, from.env, executionContextOf(from))
}

/** The request's execution context, so the routes' background work (cache writes) outlives the answer; none in plain tests. */
function executionContextOf(c: Context): Context['executionCtx'] | undefined {
  try {
    return c.executionCtx
  } catch {
    return undefined
  }
}
