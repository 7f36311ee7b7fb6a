/** Sumsub's error bodies: `{description, code, correlationId}` (docs/vendors/sumsub.md §5). */
import { randomUUID } from 'node:crypto'
import { VendorError } from '../errors.ts'

const error = (code: number, description: string): VendorError =>
  new VendorError(code, { description, code, correlationId: randomUUID().replaceAll('-', '') })

export const sumsubErrors = {
  unauthorized: () => error(401, 'Request signature mismatch'),
  notFound: () => error(404, 'Applicant not found'),
  invalid: (what: string) => error(400, `Invalid request: ${what}`),
  tooManyRequests: () => error(429, 'Too many requests'),
  internal: () => error(500, 'Internal error'),
  unavailable: () => error(503, 'Service unavailable'),
}
