/** Persona's error bodies, verbatim from Persona's spec (docs/vendors/persona.md §6, §7): `{"errors":[{"title","details"?}]}`. */
import { VendorError } from './errors.ts'

/** Persona is a Rails app; its JSON says so. */
export const PERSONA_CONTENT_TYPE = 'application/json; charset=utf-8'

export const PERSONA_RATE_LIMIT = 300

const error = (status: number, title: string, details?: string, headers: Record<string, string> = {}): VendorError =>
  new VendorError(
    status,
    { errors: [details === undefined ? { title } : { title, details }] },
    { contentType: PERSONA_CONTENT_TYPE, headers },
  )

export const personaErrors = {
  badRequest: (details: string) => error(400, 'Bad Request', details),
  /** No `Authorization: Bearer …` at all. */
  unauthenticated: () => error(401, 'Must be authenticated to access this endpoint'),
  /** A bearer token that isn't a valid key (the spec's alternative 401 title, docs/vendors/persona.md §7). */
  invalidToken: () => error(401, 'Token is invalid'),
  /** Writes with the read-only demo key. The permission 403's body is undocumented [INF] (docs/vendors/persona.md §7, §14). */
  forbidden: () => error(403, 'Forbidden', 'The API key does not have permission to perform this action'),
  notFound: () => error(404, 'Record not found'),
  /** A write Persona will not do in the object's state (a cap reached). */
  unprocessable: (details: string) => error(422, 'Unprocessable Entity', details),
  /** No `Retry-After`: Persona doesn't send one; clients wait for `ratelimit-reset` (docs/vendors/persona.md §1, §6). */
  rateLimited: (headers: Record<string, string> = {}) =>
    error(
      429,
      'Rate limit exceeded',
      `You have hit your rate limit of ${PERSONA_RATE_LIMIT} requests / min. Please reach out to support@withpersona.com if you need this changed.`,
      headers,
    ),
  unavailable: (headers: Record<string, string> = {}) => error(503, 'Service unavailable', undefined, headers),
  /** Persona documents no 500 body; this follows the documented 503 one (docs/vendors/persona.md §7). */
  internal: () => error(500, 'Internal server error'),
}
