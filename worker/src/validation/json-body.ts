import type { MiddlewareHandler } from 'hono'
import { ApiError } from '../errors.ts'

const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i

/**
 * A body the route reads must come as JSON. Hono's JSON validator reads any other content type as no
 * body at all, so a form or text body would be dropped in silence and the route would act on its
 * defaults (a link's expiry, an assignee). A non-empty body of another type is refused instead, before
 * any upstream call; an empty one, whatever its type, is no body. Runs after the route's body limit.
 */
export const jsonBodyOnly: MiddlewareHandler = async (c, next) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim()
  if (c.req.raw.body !== null && !JSON_MEDIA.test(type) && (await c.req.arrayBuffer()).byteLength > 0) {
    throw new ApiError('bad-request', 'The body must be JSON, sent with Content-Type: application/json.', { parameter: 'content-type' })
  }
  await next()
}
