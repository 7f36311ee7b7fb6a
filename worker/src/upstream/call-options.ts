import type { Context } from 'hono'
import { setMetric } from 'hono/timing'
import { wantsRefresh } from '../cache/request-cache.ts'
import type { AppEnv } from '../env.ts'
import type { CallOptions } from './gate-client.ts'

/**
 * RFC 9218 `Priority`: urgency 5 or lower (u=5..7) is background work, shed first by the vendor gate.
 * The extension sends `u=5` on its automatic refreshes; anything an agent opened has none (u=3).
 */
export function isBackground(c: Context<AppEnv>): boolean {
  const urgency = /(?:^|[,\s])u=([0-7])\b/.exec(c.req.header('priority') ?? '')?.[1]
  return urgency !== undefined && Number(urgency) >= 5
}

/** How this request's misses go to the gate; stale-while-revalidate refreshes are always background. */
export function callOptions(c: Context<AppEnv>, background: boolean, signal?: AbortSignal): CallOptions {
  return {
    agent: c.get('agent') ?? 'anonymous',
    priority: background || isBackground(c) ? 'background' : 'interactive',
    refresh: wantsRefresh(c),
    onGateOverhead: (ms) => setMetric(c, 'gate', ms, 'vendor gate overhead'),
    ...(signal ? { signal } : {}),
  }
}
