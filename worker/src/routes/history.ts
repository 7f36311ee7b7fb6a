/**
 * `GET /v1/history?reference-id=...` (or `?email=...`): one customer's attempts, every vendor's objects
 * made for one reference ID, newest first, each as its lookup summary (with its reason and case), and
 * a line per vendor. Cached as a list: the key is a hash (cache/cache-key.ts), so the reference ID is
 * in no key, log or audit row. An email search is never cached: a hash of an email is guessed back.
 */
import { Hono, type Context, type TypedResponse } from 'hono'
import type { HistoryResponse, HistoryVendor, LookupFound } from '@idv-lens/shared/api'
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
import type { Vendor, VendorHistory } from '../vendor-shape/vendor.ts'
import { waitUntilOf } from '../wait-until.ts'

/** The newest attempts one answer holds: more than a ticket needs, few enough to summarise in one request. */
export const MAX_HISTORY = 25

const printable = (max: number) => (v: string) => v.length >= 1 && v.length <= max && !/[\u0000-\u001f\u007f]/.test(v)
// As Persona's `filter[reference-id]` and deepidv's `external_id` take it: printable, at most 255 characters.
const historyQuery = refineQuery(
  querySchema({
    'reference-id': satisfying(printable(255), 'a reference ID of 1 to 255 printable characters'),
    email: satisfying((v) => printable(254)(v) && /^[^\s@]+@[^\s@]+$/.test(v), 'an email address'),
  }),
  (query, ctx) => {
    if ((query['reference-id'] === undefined) === (query.email === undefined))
      ctx.addIssue({ code: 'custom', path: ['reference-id'], message: 'or email is required, not both' })
  },
)

const newestFirst = (a: LookupFound, b: LookupFound) => (Date.parse(b.createdAt ?? '') || 0) - (Date.parse(a.createdAt ?? '') || 0)

type Search = { by: 'reference'; referenceId: string } | { by: 'email'; email: string }
type Asked = { vendor: Vendor; history: VendorHistory | null }

/** One vendor's line: what it answered, or why it was not asked. */
function lineOf({ vendor, history }: Asked, part: HistoryPart | undefined, failure: string | undefined): HistoryVendor {
  if (!history) return { provider: vendor.name, outcome: 'not-searched', found: 0, complete: false, why: 'no-email-filter' }
  if (failure !== undefined) return { provider: vendor.name, outcome: 'failed', found: 0, complete: false, why: failure }
  return {
    provider: vendor.name,
    outcome: 'searched',
    found: part?.found.length ?? 0,
    complete: part?.complete ?? false,
    why: part?.failure ?? null,
  }
}

/** Every configured vendor's part, asked at once; throws the failure when every vendor asked failed. */
async function historyBody(c: Context<AppEnv>, search: Search, asked: Asked[], background: boolean) {
  const config = c.get('config')
  const signal = AbortSignal.timeout(lookupDeadlineMs(config.timeoutMs))
  // A call the gate answered from its kept copy (its refresh floor): the history is as old as the oldest.
  let ageMs = 0
  const options = { ...callOptions(c, background, signal), onAnswerAge: (ms: number) => void (ageMs = Math.max(ageMs, ms)) }
  // The records a detail reads too (an inquiry's reason, its case) come through their routes' cache entries.
  const tools = toolsFor({ config, options, relayed: { refresh: wantsRefresh(c), waitUntil: waitUntilOf(c) } })
  const value = search.by === 'reference' ? search.referenceId : search.email
  const settled = await Promise.allSettled(
    asked.map((a) => (a.history ? a.history(tools, value, MAX_HISTORY) : Promise.resolve(undefined))),
  )
  const failures = settled.map((s) => (s.status === 'rejected' ? (s.reason instanceof ApiError ? s.reason.code : 'internal') : undefined))
  // Nothing from any vendor asked: the failure is the answer (and nothing is cached).
  const rejected = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (rejected.length && rejected.length === asked.filter((a) => a.history).length) throw rejected[0]!.reason
  const parts = settled.map((s) => (s.status === 'fulfilled' ? s.value : undefined))
  const vendors = asked.map((a, i) => lineOf(a, parts[i], failures[i]))
  const all = parts.flatMap((part) => part?.found ?? []).sort(newestFirst)
  const body: HistoryResponse = {
    referenceId: search.by === 'reference' ? search.referenceId : '',
    data: all.slice(0, MAX_HISTORY),
    complete: vendors.every((line) => line.complete) && all.length <= MAX_HISTORY,
    vendors,
  }
  // A history a failure or a refusal cut short is this caller's answer: never cached, never shared.
  const shapedBy = failures.find((f) => f !== undefined) ?? parts.find((part) => part?.failure !== undefined)?.failure
  return { body: JSON.stringify(body), ...(shapedBy !== undefined ? { shapedBy } : {}), ...(ageMs ? { ageMs } : {}) }
}

const json = (body: string, headers: Record<string, string>) =>
  new Response(body, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } }) as Response &
    TypedResponse<HistoryResponse, 200, 'json'>

export const historyRoutes = new Hono<AppEnv>().get('/', okBody(HistoryResponseSchema), validQuery(historyQuery), async (c) => {
  const query = c.req.valid('query') as { 'reference-id'?: string; email?: string }
  const search: Search =
    query.email !== undefined ? { by: 'email', email: query.email } : { by: 'reference', referenceId: query['reference-id']! }
  const config = c.get('config')
  // Vendors without an API key, or without a reference ID of their own, have no attempts to show.
  const asked = Object.values(VENDORS)
    .filter((vendor) => vendor.history && config.upstream[vendor.name].apiKey && !providerMisconfigured(config, vendor.name))
    .map((vendor) => ({ vendor, history: search.by === 'email' ? vendor.historyByEmail : vendor.history }))
  if (asked.length === 0) throw new ApiError('provider-not-configured', 'No vendor with reference IDs is configured on this relay.')
  if (search.by === 'email') {
    const answer = await historyBody(c, search, asked, false)
    return json(answer.body, {})
  }
  const key = await sha256Hex(JSON.stringify([CACHE_SCHEMA_VERSION, await namespaceOf(config), 'history', MAX_HISTORY, search.referenceId]))
  const result = await cachedCall(c, key, 'list', (background) => historyBody(c, search, asked, background))
  return json(result.body, { 'cache-status': result.cacheStatus, age: String(Math.floor(result.ageSeconds)) })
})
