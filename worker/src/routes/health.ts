import { Hono } from 'hono'
import type { AppEnv } from '../env.ts'
import { liveHubOf } from '../live/binding.ts'

/** Liveness and configuration, without auth and without any upstream call. Says nothing secret. */
export const healthRoutes = new Hono<AppEnv>().get('/', (c) => {
  const { upstream, webhooks } = c.get('config')
  // A client whose origin is not allowed probes /healthz with a `no-cors` fetch to learn that the
  // relay is up (and that its origin is what is missing): CORP must let that answer through.
  c.header('Cross-Origin-Resource-Policy', 'cross-origin')
  return c.json(
    {
      status: 'ok' as const,
      providers: {
        persona: { configured: upstream.persona.apiKey !== null },
        deepidv: { configured: upstream.deepidv.apiKey !== null },
      },
      // Live events need the hub and at least one vendor's webhook secret; clients poll otherwise.
      live: { configured: liveHubOf(c.env) !== null && (webhooks.persona.length > 0 || webhooks.deepidv !== null) },
    },
    200,
  )
})
