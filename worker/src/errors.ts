import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import {
  PROBLEM_STATUS,
  PROBLEM_TITLE,
  PROBLEM_TYPE_PREFIX,
  type Problem,
  type ProblemCode,
} from '@idv-lens/shared/api'
import { formatCacheStatus, type CacheOutcome } from './cache/cache-status.ts'
import type { AppEnv } from './env.ts'

type ProblemExtras = Pick<Problem, 'parameter' | 'provider' | 'retryAfter'>

/** The one error type the relay throws on purpose. It becomes an RFC 9457 problem response. */
export class ApiError extends HTTPException {
  readonly code: ProblemCode
  readonly extras: ProblemExtras
  /** What the vendor answered, when the error stands for a vendor failure (for Cache-Status, not the body). */
  readonly upstreamStatus: number | undefined
  /** Extra response headers (RateLimit-* on budget-exhausted). */
  headers: Record<string, string>
  /** How the cache took part in a relayed call that failed: sent as `Cache-Status`, read by the audit. */
  cache: CacheOutcome | undefined
  constructor(
    code: ProblemCode,
    detail: string,
    extras: ProblemExtras = {},
    options?: { cause?: unknown; upstreamStatus?: number; headers?: Record<string, string>; cache?: CacheOutcome },
  ) {
    super(PROBLEM_STATUS[code] as ContentfulStatusCode, { message: detail, cause: options?.cause })
    this.code = code
    this.extras = extras
    this.upstreamStatus = options?.upstreamStatus
    this.headers = options?.headers ?? {}
    this.cache = options?.cache
  }
}

export function problemBody(code: ProblemCode, detail: string, requestId: string | undefined, extras: ProblemExtras = {}): Problem {
  return {
    type: `${PROBLEM_TYPE_PREFIX}${code}`,
    title: PROBLEM_TITLE[code],
    status: PROBLEM_STATUS[code],
    detail,
    code,
    ...(requestId ? { requestId } : {}),
    ...extras,
  }
}

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
