import { Hono } from 'hono'
import { VENDOR_NAMES, type VendorName } from '@idv-lens/shared/api'
import type { AppEnv } from '../env.ts'
import type { GateStatus } from '../gate/protocol.ts'
import { gateStub, gateTarget } from '../upstream/gate-client.ts'
import { cacheFor } from '../cache/relay-caches.ts'
import { okBody } from '../middleware/ok-body.ts'
import { StatusSchema } from '../contract/schemas.ts'
import { largeBodies } from '../upstream/call-upstream.ts'

/**
 * `GET /v1/status` (any agent token): the operator's view of each vendor's budget as its gate keeps
 * it, this isolate's cache hit ratio and its room for large answers. Counts and times only: no ID,
 * no key, no personal data.
 */
export const statusRoutes = new Hono<AppEnv>().get('/', okBody(StatusSchema), async (c) => {
  const config = c.get('config')
  const vendors = await Promise.all(
    VENDOR_NAMES.map(async (provider) => {
      const apiKey = config.upstream[provider].apiKey
      if (!apiKey) return [provider, { configured: false as const }] as const
      try {
        const stub = await gateStub(config, provider)
        return [provider, describe(await stub.status(gateTarget(config, provider, apiKey), provider))] as const
      } catch {
        return [provider, { configured: true as const, gate: 'unavailable' as const }] as const
      }
    }),
  )
  const { hits: cacheHits, misses: cacheMisses } = cacheFor(config)
  const answered = cacheHits + cacheMisses
  return c.json(
    {
      vendors: Object.fromEntries(vendors) as Record<
        VendorName,
        ReturnType<typeof describe> | { configured: false } | { configured: true; gate: 'unavailable' }
      >,
      cache: {
        scope: 'this isolate, since it started',
        hits: cacheHits,
        misses: cacheMisses,
        hitRatio: answered ? cacheHits / answered : null,
      },
      room: {
        scope: 'this isolate, since it started',
        heldBytes: largeBodies.inUse,
        maxBytes: largeBodies.maxBytes,
        takes: largeBodies.takes,
        releases: largeBodies.releases,
      },
    },
    200,
  )
})

function describe(status: GateStatus) {
  const { budget } = status
  return {
    configured: true as const,
    gate: 'ok' as const,
    budget: { limit: budget.limit, windowSeconds: budget.windowSeconds, ...(budget.day ? { perDay: budget.day.limit } : {}) },
    callsInWindow: budget.used,
    remaining: budget.remaining,
    resetSeconds: budget.resetSeconds,
    day: budget.day,
    backoffUntil: budget.holdUntil === null ? null : new Date(budget.holdUntil).toISOString(),
    vendorRemaining: budget.vendor?.remaining ?? null,
    calls: status.calls,
    sharedCalls: status.shared,
    shed: status.shed,
    vendor429s: status.vendor429s,
  }
}
