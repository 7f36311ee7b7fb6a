import { Hono } from 'hono'
import { canonicalId, classifyId, MAX_IDS_PER_LOOKUP } from '@idv-lens/shared/ids'
import type { LookupEntry, LookupResponse } from '@idv-lens/shared/api'
import { z } from 'zod'
import type { AppEnv } from '../env.ts'
import { lookupBatch } from '../lookup/lookup-batch.ts'
import type { LookupId } from '../lookup/resolve.ts'
import { lookupDeadlineMs } from '../deadlines.ts'
import { namespaceOf } from '../cache/relay-caches.ts'
import { cacheRequest, recordCacheOutcome } from '../cache/request-cache.ts'
import { callOptions } from '../upstream/call-options.ts'
import { validQuery } from '../validation/query.ts'
import { idKindsInWords, withArticle } from '../validation/id-kinds.ts'
import { okBody } from '../middleware/ok-body.ts'
import { LookupResponseSchema } from '../contract/schemas.ts'

/** What each ID must be, in the ID table's words: "an inq_, iqse_, evt_ ID or a deepidv session UUID". */
const NOT_AN_ID = idKindsInWords(
  (prefixes) => `an ${prefixes} ID`,
  (label, noun) => `${withArticle(label)} ${noun}`,
)

const lookupQuery = z
  .object({
    ids: z.string().meta({
      description: `A comma-separated list of 1 to ${MAX_IDS_PER_LOOKUP} IDs: ${idKindsInWords(
        (prefixes) => prefixes,
        (label, noun) => `${label} ${noun}s`,
      )}.`,
    }),
  })
  .strict()
  .transform((q, ctx) => {
    const ids = [
      ...new Set(
        q.ids
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ]
    if (ids.length < 1 || ids.length > MAX_IDS_PER_LOOKUP) {
      ctx.addIssue({ code: 'custom', path: ['ids'], message: `must hold 1 to ${MAX_IDS_PER_LOOKUP} IDs` })
      return z.NEVER
    }
    const items: LookupId[] = []
    for (const id of ids) {
      const kind = classifyId(id)
      if (!kind) {
        const shown = id.length > 64 ? `${id.slice(0, 64)}...` : id
        ctx.addIssue({ code: 'custom', path: ['ids'], message: `holds "${shown}", which is not ${NOT_AN_ID}` })
        return z.NEVER
      }
      items.push({ id: canonicalId(id, kind), kind })
    }
    return items
  })

/** `GET /v1/lookup?ids=a,b,c`: one normalized summary per ID, for inline lookups. */
export const lookupRoutes = new Hono<AppEnv>().get('/', okBody(LookupResponseSchema), validQuery(lookupQuery), async (c) => {
  const items = c.req.valid('query')
  const config = c.get('config')
  // A batch that runs out of time stops starting vendor calls (and stops waiting for the ones it started).
  const signal = AbortSignal.timeout(lookupDeadlineMs(config.timeoutMs))
  const { entries, outcome } = await lookupBatch(
    { config, namespace: await namespaceOf(config), cache: cacheRequest(c, 'object'), options: callOptions(c, false, signal) },
    items,
  )
  c.header('cache-status', recordCacheOutcome(c, outcome))
  const body: LookupResponse = { data: items.map(({ id }) => entries.get(id) as LookupEntry) }
  return c.json(body, 200)
})
