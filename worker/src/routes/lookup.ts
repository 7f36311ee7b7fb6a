import { Hono } from 'hono'
import { classifyId, MAX_IDS_PER_LOOKUP } from '@idv-lens/shared/ids'
import type { LookupEntry, LookupResponse } from '@idv-lens/shared/api'
import { z } from 'zod'
import type { AppEnv } from '../env.ts'
import { resolveIds, type LookupId } from '../lookup/resolve.ts'
import { cachePolicy, waitUntilOf, wantsRefresh } from '../relay.ts'
import { stateFor } from '../state.ts'
import { validQuery } from '../validation/query.ts'

/** Not-found answers are cached briefly: a pasted ID that does not exist should not cost a call per hover. */
const NOT_FOUND_TTL_SECONDS = 30

const lookupQuery = z
  .object({ ids: z.string().meta({ description: `A comma-separated list of 1 to ${MAX_IDS_PER_LOOKUP} IDs: inq_, iqse_, evt_ or deepidv session UUIDs.` }) })
  .strict()
  .transform((q, ctx) => {
    const ids = [...new Set(q.ids.split(',').map((s) => s.trim()).filter(Boolean))]
    if (ids.length < 1 || ids.length > MAX_IDS_PER_LOOKUP) {
      ctx.addIssue({ code: 'custom', path: ['ids'], message: `must hold 1 to ${MAX_IDS_PER_LOOKUP} IDs` })
      return z.NEVER
    }
    const items: LookupId[] = []
    for (const id of ids) {
      const kind = classifyId(id)
      if (!kind) {
        const shown = id.length > 64 ? `${id.slice(0, 64)}...` : id
        ctx.addIssue({ code: 'custom', path: ['ids'], message: `holds "${shown}", which is not an inq_, iqse_, evt_ ID or a deepidv session UUID` })
        return z.NEVER
      }
      items.push({ id: kind === 'deepidv-session' ? id.toLowerCase() : id, kind })
    }
    return items
  })

/** `GET /v1/lookup?ids=a,b,c`: one normalized summary per ID, for inline lookups. */
export const lookupRoutes = new Hono<AppEnv>().get('/', validQuery(lookupQuery), async (c) => {
  const items = c.req.valid('query')
  const config = c.get('config')
  const state = stateFor(config)
  const policy = cachePolicy(c, 'object')
  const refresh = wantsRefresh(c)
  const waitUntil = waitUntilOf(c)
  const entries = new Map<string, LookupEntry>()

  if (!refresh) {
    await Promise.all(
      items.map(async ({ id }) => {
        const stored = await state.cache.read(`${state.namespace}/lookup/${id}`)
        const ttl = stored && (JSON.parse(stored.body) as LookupEntry).found ? policy.ttl : Math.min(policy.ttl, NOT_FOUND_TTL_SECONDS)
        if (stored && Date.now() - stored.storedAt <= ttl * 1000) entries.set(id, JSON.parse(stored.body) as LookupEntry)
      }),
    )
  }
  const fromCache = entries.size
  const missing = items.filter(({ id }) => !entries.has(id))
  if (missing.length) {
    const resolved = await resolveIds({ config, state }, missing)
    for (const [id, entry] of resolved) {
      entries.set(id, entry)
      // Found and not-found are answers worth keeping; failures are not.
      if (entry.found || entry.error.code === 'not-found') state.cache.write(`${state.namespace}/lookup/${id}`, JSON.stringify(entry), policy.ttl, waitUntil)
    }
  }

  const cacheStatus =
    missing.length === 0
      ? 'idv-lens; hit'
      : `idv-lens; fwd=${refresh ? 'request' : 'uri-miss'}; detail="${fromCache} of ${items.length} from cache"`
  c.set('cacheStatus', cacheStatus)
  c.header('cache-status', cacheStatus)
  const body: LookupResponse = { data: items.map(({ id }) => entries.get(id) as LookupEntry) }
  return c.json(body, 200)
})
