import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env.ts'
import { misconfigured } from '../config/refusals.ts'

/** Problems that concern every /v1 route (timeouts, freshness) answer 503 there, never a 500. */
export const relayConfigGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const problems = c.get('config').problems.filter((p) => p.affects === 'relay')
  if (problems.length) throw misconfigured(problems)
  await next()
}
