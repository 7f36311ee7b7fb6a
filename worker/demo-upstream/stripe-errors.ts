/** Stripe's error bodies: `{"error": {type, code, message, param}}` (docs/vendors/stripe.md §5). */
import { VendorError } from './errors.ts'

type StripeErrorBody = { type: string; code?: string; message: string; param?: string; doc_url?: string }

const error = (status: number, body: StripeErrorBody, headers: Record<string, string> = {}): VendorError =>
  new VendorError(status, { error: body }, { headers })

export const stripeErrors = {
  /** No key, or one Stripe does not know: the message names the key's last four only. */
  unauthorized: (key: string) =>
    error(401, {
      type: 'invalid_request_error',
      message: key ? `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}` : 'You did not provide an API key.',
    }),
  unknownParameter: (param: string) =>
    error(400, {
      type: 'invalid_request_error',
      code: 'parameter_unknown',
      param,
      message: `Received unknown parameter: ${param}`,
      doc_url: 'https://stripe.com/docs/error-codes/parameter-unknown',
    }),
  invalidInteger: (param: string, message: string) =>
    error(400, { type: 'invalid_request_error', code: 'parameter_invalid_integer', param, message }),
  invalid: (param: string, message: string) => error(400, { type: 'invalid_request_error', param, message }),
  missing: (what: string, id: string, param?: string) =>
    error(param ? 400 : 404, {
      type: 'invalid_request_error',
      code: 'resource_missing',
      ...(param ? { param } : { param: 'id' }),
      message: `No such ${what}: '${id}'`,
      doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
    }),
  unrecognizedUrl: (method: string, path: string) =>
    error(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    }),
  tooManyRequests: (headers: Record<string, string> = {}) =>
    error(
      429,
      {
        type: 'invalid_request_error',
        code: 'rate_limit',
        message: 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
      },
      headers,
    ),
  internal: () => error(500, { type: 'api_error', message: 'An unknown error occurred' }),
  unavailable: (headers: Record<string, string> = {}) => error(503, { type: 'api_error', message: 'An unknown error occurred' }, headers),
}
