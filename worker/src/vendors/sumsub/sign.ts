import { macHex } from '../timestamped-hmac.ts'

/** What one signed request is: the method, the path with its query as sent, and the body's exact text ('' for a GET). */
export type SumsubRequest = { method: string; pathWithQuery: string; body: string }

/** The app's credentials (Worker secrets SUMSUB_APP_TOKEN and SUMSUB_SECRET_KEY): never answered, logged or audited. */
export type SumsubCredentials = { appToken: string; secretKey: string }

const encoder = new TextEncoder()

/**
 * `X-App-Access-Sig`: the lowercase hex HMAC-SHA256, under the secret key, of the Unix seconds, the
 * upper-case method, the path with its query and the body, joined with nothing (docs/vendors/sumsub.md §1).
 */
export async function sumsubSignature(secretKey: string, ts: number, request: SumsubRequest): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secretKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const signed = `${ts}${request.method.toUpperCase()}${request.pathWithQuery}${request.body}`
  return macHex(await crypto.subtle.sign('HMAC', key, encoder.encode(signed)))
}

/** The three headers every Sumsub request carries, signed at `nowMs` (the relay's clock, injected in tests). */
export async function sumsubAuthHeaders(
  credentials: SumsubCredentials,
  request: SumsubRequest,
  nowMs: number,
): Promise<Record<string, string>> {
  const ts = Math.floor(nowMs / 1000)
  return {
    'x-app-token': credentials.appToken,
    'x-app-access-ts': String(ts),
    'x-app-access-sig': await sumsubSignature(credentials.secretKey, ts, request),
  }
}
