import { Hono } from 'hono'
import type { AppEnv } from '../env.ts'

/** Liveness and configuration, without auth and without any upstream call. Says nothing secret. */
export const healthRoutes = new Hono<AppEnv>().get('/', (c) => {
  const { upstream } = c.get('config')
  return c.json(
    {
      status: 'ok' as const,
      providers: {
        persona: { configured: upstream.persona.apiKey !== null },
        deepidv: { configured: upstream.deepidv.apiKey !== null },
      },
    },
    200,
  )
})
