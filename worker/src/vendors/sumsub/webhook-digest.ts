import { timingSafeEqual } from '../../kit/webhooks.ts'
import { hexToBytes } from '../timestamped-hmac.ts'

/** `X-Payload-Digest-Alg`'s values and the hash each names, with its hex length (docs/vendors/sumsub.md §4). */
const ALGORITHMS: Readonly<Record<string, { hash: string; hexLength: number }>> = {
  HMAC_SHA1_HEX: { hash: 'SHA-1', hexLength: 40 },
  HMAC_SHA256_HEX: { hash: 'SHA-256', hexLength: 64 },
  HMAC_SHA512_HEX: { hash: 'SHA-512', hexLength: 128 },
}

const encoder = new TextEncoder()

async function mac(hash: string, secret: string, raw: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash }, false, ['sign'])
  return crypto.subtle.sign('HMAC', key, raw)
}

/** The two headers of a delivery; an absent algorithm is refused (Sumsub always names it). */
export type SumsubDigest = { digest: string | undefined; algorithm: string | undefined }

/**
 * Whether `X-Payload-Digest` is the hex HMAC of the raw body under one of the webhook's secrets, with
 * the hash `X-Payload-Digest-Alg` names. Every secret is compared in constant time, with no early exit.
 */
export async function verifySumsubDigest(
  { digest, algorithm }: SumsubDigest,
  raw: Uint8Array<ArrayBuffer>,
  secrets: readonly string[],
): Promise<boolean> {
  const alg = algorithm ? ALGORITHMS[algorithm.trim()] : undefined
  const given = digest?.trim() ?? ''
  if (!alg || given.length !== alg.hexLength || !/^[0-9a-fA-F]+$/.test(given)) return false
  const expected = hexToBytes(given)
  let verified = false
  for (const secret of secrets) if (timingSafeEqual(await mac(alg.hash, secret, raw), expected.buffer)) verified = true
  return verified
}

/** The two headers as the one signature the webhook route hands `verify`: the algorithm, a line break, the digest. */
export function sumsubSignatureOf(header: (name: string) => string | undefined): string | undefined {
  const digest = header('x-payload-digest')
  return digest === undefined ? undefined : `${header('x-payload-digest-alg') ?? ''}\n${digest}`
}

/** `verifySumsubDigest` over the signature `sumsubSignatureOf` read. */
export function verifySumsubSignature(
  signature: string | undefined,
  raw: Uint8Array<ArrayBuffer>,
  secrets: readonly string[],
): Promise<boolean> {
  const [algorithm, digest] = signature?.split('\n') ?? []
  return verifySumsubDigest({ digest, algorithm: algorithm || undefined }, raw, secrets)
}
