import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { PROBLEM_TITLE, type ProblemCode } from '@idv-lens/shared/api'
import { formatCacheStatus } from '../cache-status.ts'
import type { AppEnv } from '../env.ts'
import { ApiError, problemBody } from '../errors.ts'

/** An ApiError (errors.ts) as the RFC 9457 response the app answers, and the app's error and not-found handlers. */
export function problemResponse(c: Context<AppEnv>, error: ApiError): Response {
  const body = problemBody(error.code, error.message, c.get('requestId'), error.extras)
  c.set('problem', { code: error.code, provider: error.extras.provider })
  const headers = new Headers({ ...error.headers, 'content-type': 'application/problem+json', 'cache-control': 'no-store' })
  if (error.cache) headers.set('cache-status', formatCacheStatus(error.cache))
  if (error.extras.retryAfter !== undefined) headers.set('retry-after', String(error.extras.retryAfter))
  if (error.code === 'unauthorized') headers.set('www-authenticate', 'Bearer realm="idv-lens"')
  if (error.code === 'method-not-allowed') headers.set('allow', 'GET, HEAD, OPTIONS')
  return new Response(JSON.stringify(body), { status: body.status, headers })
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof ApiError) return problemResponse(c, err)
  if (err instanceof HTTPException) {
    // Hono's own middleware (timeout, bearer-auth) throws these; keep their status, use our envelope.
    const code: ProblemCode = err.status === 504 ? 'upstream-timeout' : err.status === 401 ? 'unauthorized' : 'bad-request'
    return problemResponse(c, new ApiError(code, err.message || PROBLEM_TITLE[code]))
  }
  // Unknown errors: log the stack for us, answer blandly (no internals towards the client).
  console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), msg: String(err), stack: (err as Error)?.stack }))
  return problemResponse(c, new ApiError('internal', 'Unexpected error in the relay'))
}

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(c, new ApiError('not-found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`))
