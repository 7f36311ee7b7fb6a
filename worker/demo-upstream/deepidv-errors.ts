/** deepidv's error bodies: `{"error":"<message>"}` (docs/vendors/deepidv.md §7). */
import { VendorError } from './errors.ts'

const error = (status: number, message: string, headers: Record<string, string> = {}): VendorError =>
  new VendorError(status, { error: message }, { headers })

export const deepidvErrors = {
  badRequest: (message: string) => error(400, message),
  /** The legacy docs' exact 401 message. */
  unauthorized: () => error(401, 'Invalid API key.'),
  /** Writes with a demo key get the sandbox-key answer: "every non-GET returns 403" (docs/vendors/deepidv.md §5). */
  sandboxWrite: () => error(403, 'This is a sandbox API key. Use a live API key to create or modify resources.'),
  notFound: (message = 'Not found') => error(404, message),
  tooManyRequests: (headers: Record<string, string> = {}) => error(429, 'Too many requests', headers),
  /**
   * Undocumented; deepidv runs on AWS (S3 links, DynamoDB-style next_token), and API Gateway's own 5xx
   * body is `{"message":"Internal server error"}`. The SDK tolerates both `error` and `message`.
   */
  internal: () => new VendorError(500, { message: 'Internal server error' }),
  /** 503 is documented for screening upstream timeouts. */
  unavailable: (headers: Record<string, string> = {}) => error(503, 'Service unavailable', headers),
}
