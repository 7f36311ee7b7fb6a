import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { PROBLEM_STATUS, PROBLEM_TITLE, PROBLEM_TYPE_PREFIX, type Problem, type ProblemCode } from '@idv-lens/shared/api'
import type { CacheOutcome } from './cache-status.ts'

type ProblemExtras = Pick<Problem, 'parameter' | 'provider' | 'retryAfter' | 'madeAt'>

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
