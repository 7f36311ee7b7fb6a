import { Hono } from 'hono'
import type { AppEnv } from '../env.ts'
import { upstreamAuthSeen } from '../metrics/upstream-auth.ts'
import { stateFor } from '../state.ts'

/**
 * Liveness and configuration, without auth and without any upstream call. Says nothing secret: per
 * vendor, whether a key is set and whether the vendor refused it lately (`upstreamAuth`), so an uptime
 * monitor can alert on a revoked key.
 */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { upstream } = c.get('config')
  const { namespace } = stateFor(c.get('config'))
  const now = Date.now()
  const [personaAuth, deepidvAuth] = await Promise.all([upstreamAuthSeen(namespace, 'persona', now), upstreamAuthSeen(namespace, 'deepidv', now)])
  // A client whose origin is not allowed probes /healthz with a `no-cors` fetch to learn that the
  // relay is up (and that its origin is what is missing): CORP must let that answer through.
  c.header('Cross-Origin-Resource-Policy', 'cross-origin')
  return c.json(
    {
      status: 'ok' as const,
      providers: {
        persona: { configured: upstream.persona.apiKey !== null, upstreamAuth: personaAuth },
        deepidv: { configured: upstream.deepidv.apiKey !== null, upstreamAuth: deepidvAuth },
      },
    },
    200,
  )
})
