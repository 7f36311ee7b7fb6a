/**
 * `GET /v1/history?reference-id=...`: one customer's attempts, every vendor's objects made for one
 * reference ID, newest first, each as its lookup summary (with its reason and case). Cached as a
 * list: the key is a hash (cache/cache-key.ts), so the reference ID is in no key, log or audit row.
 */
import { Hono, type TypedResponse } from 'hono'
import type { HistoryResponse, LookupFound } from '@idv-lens/shared/api'
import { z } from 'zod'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../errors.ts'
import { CACHE_SCHEMA_VERSION } from '../cache/cache-key.ts'
import { namespaceOf } from '../cache/relay-caches.ts'
import { cachedCall, wantsRefresh } from '../cache/request-cache.ts'
import { providerMisconfigured } from '../config/refusals.ts'
import { lookupDeadlineMs } from '../deadlines.ts'
import { toolsFor } from '../lookup/resolve.ts'
import { sha256Hex } from '../sha256.ts'
import { callOptions } from '../upstream/call-options.ts'
import { querySchema, refineQuery, satisfying, validQuery } from '../validation/query.ts'
import { okBody } from '../middleware/ok-body.ts'
import { HistoryResponseSchema } from '../contract/schemas.ts'
import { VENDORS, type HistoryPart } from '../vendors/index.ts'
import { waitUntilOf } from '../wait-until.ts'

/** The newest attempts one answer holds: more than a ticket needs, few enough to summarise in one request. */
export const MAX_HISTORY = 25

// As Persona's `filter[reference-id]` and deepidv's `external_id` take it: printable, at most 255 characters.
const historyQuery = refineQuery(
  querySchema({
    'reference-id': satisfying((v) => v.length >= 1 && v.length <= 255 && !/[\u0000-\u001f\u007f]/.test(v), 'a reference ID of 1 to 255 printable characters'),
  }),
  (query, ctx) => {
    if (query['reference-id'] === undefined) ctx.addIssue({ code: 'custom', path: ['reference-id'], message: 'is required' })
  },
)

const newestFirst = (a: LookupFound, b: LookupFound) => (Date.parse(b.createdAt ?? '') || 0) - (Date.parse(a.createdAt ?? '') || 0)

export const historyRoutes = new Hono<AppEnv>().get('/', okBody(HistoryResponseSchema), validQuery(historyQuery), async (c) => {
  const referenceId = c.req.valid('query')['reference-id'] as string
  const config = c.get('config')
  // Vendors without an API key, or without a reference ID of their own, have no attempts to show.
  const vendors = Object.values(VENDORS).filter(
    (vendor) => vendor.history && config.upstream[vendor.name].apiKey && !providerMisconfigured(config, vendor.name) && (vendor.takesReference?.(referenceId) ?? true),
  )
  if (vendors.length === 0) throw new ApiError('provider-not-configured', 'No vendor with reference IDs is configured on this relay.')
  const key = await sha256Hex(JSON.stringify([CACHE_SCHEMA_VERSION, await namespaceOf(config), 'history', MAX_HISTORY, referenceId]))
  const result = await cachedCall(c, key, 'list', async (background) => {
    const signal = AbortSignal.timeout(lookupDeadlineMs(config.timeoutMs))
    // The records a detail reads too (an inquiry's reason, its case) come through their routes' cache entries.
    const tools = toolsFor({ config, options: callOptions(c, background, signal), relayed: { refresh: wantsRefresh(c), waitUntil: waitUntilOf(c) } })
    const settled = await Promise.allSettled(vendors.map((vendor) => vendor.history!(tools, referenceId, MAX_HISTORY)))
    // Nothing from any vendor: the failure is the answer (and nothing is cached).
    const failure = settled.find((part) => part.status === 'rejected')
    if (failure && settled.every((part) => part.status === 'rejected')) throw failure.reason
    const parts = settled.map((part): HistoryPart =>
      part.status === 'fulfilled' ? part.value : { found: [], complete: false, failure: part.reason instanceof ApiError ? part.reason.code : 'internal' },
    )
    const all = parts.flatMap((part) => part.found).sort(newestFirst)
    const body: HistoryResponse = {
      referenceId,
      data: all.slice(0, MAX_HISTORY),
      complete: parts.every((part) => part.complete) && all.length <= MAX_HISTORY,
    }
    // A history a failure or a refusal cut short is this caller's answer: never cached, never shared.
    const shapedBy = parts.find((part) => part.failure !== undefined)?.failure
    return { body: JSON.stringify(body), ...(shapedBy !== undefined ? { shapedBy } : {}) }
  })
  return new Response(result.body, {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-status': result.cacheStatus, age: String(Math.floor(result.ageSeconds)) },
  }) as Response & TypedResponse<HistoryResponse, 200, 'json'>
})
