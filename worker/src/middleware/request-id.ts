import type { MiddlewareHandler } from 'hono'
import { requestId } from 'hono/request-id'
import type { AppEnv } from '../env.ts'

/** A client's Request-Id is echoed into logs and the audit, so only a short, plain one is kept. */
const ACCEPTABLE = /^[A-Za-z0-9._-]{1,64}$/

export const acceptableRequestId = (value: string | undefined): value is string => value !== undefined && ACCEPTABLE.test(value)

// The relay's own id is always a new UUID: a client-chosen one could collide with another row's on
// purpose, and the audit keys rows by it. No header name: Hono's middleware would adopt the client's.
const assign = requestId({ headerName: '', generator: () => crypto.randomUUID() })

/**
 * Sets `requestId` (always the relay's) and, when the client sent an acceptable `Request-Id`,
 * `clientRequestId` (kept apart: in the access log and the audit row, never in place of ours).
 */
export const relayRequestId: MiddlewareHandler<AppEnv> = (c, next) => {
  const given = c.req.header('request-id')
  if (acceptableRequestId(given)) c.set('clientRequestId', given)
  return assign(c, async () => {
    c.header('Request-Id', c.get('requestId'))
    await next()
  })
}
