/** Sumsub's HMACs, as the demo checks and makes them (docs/vendors/sumsub.md §1, §4): node:crypto, apart from the relay's code. */
import { createHmac, timingSafeEqual } from 'node:crypto'

export const sumsubRequestSig = (secretKey: string, parts: { ts: string; method: string; pathWithQuery: string; body: string }): string =>
  createHmac('sha256', secretKey).update(`${parts.ts}${parts.method.toUpperCase()}${parts.pathWithQuery}${parts.body}`).digest('hex')

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase())
  const y = Buffer.from(b.toLowerCase())
  return x.length === y.length && timingSafeEqual(x, y)
}

const DIGEST_HASH = { HMAC_SHA1_HEX: 'sha1', HMAC_SHA256_HEX: 'sha256', HMAC_SHA512_HEX: 'sha512' } as const
export type SumsubDigestAlg = keyof typeof DIGEST_HASH

/** A webhook delivery as Sumsub signs it: the raw body, `X-Payload-Digest` and `X-Payload-Digest-Alg`. */
export function signedSumsubDelivery(
  secret: string,
  event: unknown,
  alg: SumsubDigestAlg = 'HMAC_SHA256_HEX',
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(event)
  const digest = createHmac(DIGEST_HASH[alg], secret).update(body).digest('hex')
  return { body, headers: { 'content-type': 'application/json', 'x-payload-digest': digest, 'x-payload-digest-alg': alg } }
}
