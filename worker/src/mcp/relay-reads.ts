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

// A route's JSON answer as the object the route built, by its response: the tool takes the object, not its text.
const answered = new WeakMap<Response, unknown>()
// The objects themselves: a tool result that is one of them is the route's own answer, unchanged.
const routeAnswers = new WeakSet<object>()

/**
 * Whether `value` is a /v1 route's answer as the route built it. Its schema's type is the route's type
 * (openapi.test.ts), and every test response is checked against that schema: a tool result that is
 * such an answer, unchanged, is not checked again on every call (tool-schema.ts).
 */
export const isRouteAnswer = (value: unknown): boolean => typeof value === 'object' && value !== null && routeAnswers.has(value)

/** A body that is JSON text only if someone reads it (a tool takes the object; nothing else reads it). */
const lazyJson = (object: unknown) =>
  new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(new TextEncoder().encode(JSON.stringify(object)))
      controller.close()
    },
  })

/** The JSON a /v1 answer holds: the route's own object where it answered with `c.json`, else its body parsed. */
export const jsonOf = async <T>(response: Response): Promise<T> =>
  (answered.has(response) ? answered.get(response) : await response.json()) as T

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
  // The route's answer is handed over as its object: no serialize and parse between the route and the tool.
  const body = c.body as unknown as (
    data: ReadableStream<Uint8Array>,
    arg?: number | ResponseInit,
    headers?: Record<string, string>,
  ) => Response
  c.json = ((object: unknown, arg?: number | ResponseInit, headers?: Record<string, string>) => {
    const response = body(lazyJson(object), arg, { 'Content-Type': 'application/json', ...headers })
    answered.set(response, object)
    if (typeof object === 'object' && object !== null) routeAnswers.add(object)
    return response
  }) as unknown as typeof c.json
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
  const init: RequestInit =
    body === undefined ? {} : { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) }
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
