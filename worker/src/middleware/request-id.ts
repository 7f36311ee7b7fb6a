import type { MiddlewareHandler } from 'hono'
import { requestId } from 'hono/request-id'
import type { AppEnv } from '../env.ts'

/** A client's Request-Id is echoed into logs and problem bodies, so only a short, plain one is kept. */
const ACCEPTABLE = /^[A-Za-z0-9._-]{1,64}$/

export const acceptableRequestId = (value: string | undefined): value is string => value !== undefined && ACCEPTABLE.test(value)

// Hono's own header check allows `=` and 255 characters; read the header here under the stricter rule.
const assign = requestId({
  headerName: '',
  generator: (c) => {
    const given = c.req.header('request-id')
    return acceptableRequestId(given) ? given : crypto.randomUUID()
  },
})

/** Sets `requestId` (the client's, if acceptable, else a new UUID) and answers it as `Request-Id`. */
export const clientRequestId: MiddlewareHandler<AppEnv> = (c, next) =>
  assign(c, async () => {
    c.header('Request-Id', c.get('requestId'))
    await next()
  })
