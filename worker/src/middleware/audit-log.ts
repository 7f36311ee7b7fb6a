import type { MiddlewareHandler } from 'hono'
import { describeRequest, outcomeOf } from '../audit/entry.ts'
import { auditWriterFor } from '../audit/store.ts'
import type { AppEnv } from '../env.ts'
import { waitUntilOf } from '../relay.ts'

/**
 * Exactly one audit row per /v1 request, refusals included (it runs before auth). The row is queued
 * after the response is ready and written in the background (audit/store.ts batches them).
 */
export const auditLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const startedAt = Date.now()
  try {
    await next()
  } finally {
    const db = c.env?.AUDIT_DB
    const audit = c.get('config').audit
    if (db && audit.enabled) {
      const { route, vendor, ids } = describeRequest(new URL(c.req.url))
      const cacheStatus = c.get('cacheStatus') ?? null
      auditWriterFor(db).record(
        {
          at: startedAt,
          requestId: c.get('requestId'),
          agent: c.get('agent') ?? null,
          route,
          vendor,
          ids,
          outcome: outcomeOf(c.res.status, cacheStatus, c.get('problem')),
          status: c.res.status,
          cacheStatus,
          durationMs: Date.now() - startedAt,
        },
        waitUntilOf(c),
        audit.batchMs,
      )
    }
  }
}
