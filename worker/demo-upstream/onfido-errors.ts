/** Onfido's error bodies: `{"error": {type, message, fields}}` (docs/vendors/onfido.md §4). */
import { VendorError } from './errors.ts'

const error = (
  status: number,
  type: string,
  message: string,
  fields: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): VendorError => new VendorError(status, { error: { type, message, fields } }, { headers })

export const onfidoErrors = {
  unauthorized: () => error(401, 'authorization_error', 'Authorization error: please re-check your credentials'),
  notFound: () => error(404, 'resource_not_found', 'The resource could not be found'),
  invalid: (field: string, problem: string) =>
    error(422, 'validation_error', 'There was a validation error on this request', { [field]: [problem] }),
  tooManyRequests: (headers: Record<string, string> = {}) =>
    error(429, 'rate_limit', 'Rate limit exceeded. Please try again later.', {}, headers),
  internal: () => error(500, 'internal_server_error', 'There was an internal error. Please try again later.'),
  unavailable: (headers: Record<string, string> = {}) =>
    error(503, 'service_unavailable', 'The service is temporarily unavailable. Please try again later.', {}, headers),
}
