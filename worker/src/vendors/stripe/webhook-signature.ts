/**
 * Stripe's webhook signature check (docs/vendors/stripe.md §7), over the exact bytes received:
 * `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`, each v1 an HMAC-SHA256 of `<t>.<body>` with the
 * endpoint's `whsec_` secret. While a secret is rolled Stripe signs with the old and the new one.
 */
import { hexToBytes, macHex, matchesAny, timestampedMac, UNIX_SECONDS, V1_HEX, type Bytes } from '../timestamped-hmac.ts'

/** Stripe's libraries refuse a `t` further than this from now (replays). */
export const STRIPE_TOLERANCE_SECONDS = 300
/** A few v1 entries leave room for a rotation without letting a caller make the relay MAC once per invented entry. */
export const STRIPE_MAX_SIGNATURES = 8
/** The header's `t` and its well-formed `v1` signatures; null when it has no `t`, none, or too many entries. */
export function parseStripeSignature(header: string | null | undefined): { t: string; v1: Bytes[] } | null {
  if (!header) return null
  const parts = header.split(',', STRIPE_MAX_SIGNATURES + 3)
  if (parts.length > STRIPE_MAX_SIGNATURES + 2) return null
  let t: string | undefined
  const v1: Bytes[] = []
  for (const part of parts) {
    const eq = part.indexOf('=')
    const [key, val] = [part.slice(0, eq).trim(), part.slice(eq + 1).trim()]
    if (key === 't' && t === undefined && UNIX_SECONDS.test(val)) t = val
    else if (key === 'v1' && V1_HEX.test(val)) v1.push(hexToBytes(val))
  }
  return t === undefined || v1.length === 0 ? null : { t, v1 }
}

/**
 * True when the header is fresh and one of its v1 signatures is the body's MAC under one of the
 * secrets (current, then the one being rotated out). Every pair is compared in constant time, with
 * no early exit.
 */
export async function verifyStripeSignature(
  header: string | null | undefined,
  body: Bytes,
  secrets: readonly string[],
  nowMs: number,
): Promise<boolean> {
  const parsed = parseStripeSignature(header)
  if (!parsed || Math.abs(nowMs / 1000 - Number(parsed.t)) > STRIPE_TOLERANCE_SECONDS) return false
  let verified = false
  for (const secret of secrets) if (matchesAny(await timestampedMac(secret, parsed.t, body), parsed.v1)) verified = true
  return verified
}

/** The header Stripe would send for `body` signed at `t` under each secret (demo upstream, tests). */
export async function signStripe(secrets: readonly string[], t: number, body: string): Promise<string> {
  const v1 = await Promise.all(secrets.map(async (secret) => macHex(await timestampedMac(secret, String(t), body))))
  return [`t=${t}`, ...v1.map((hex) => `v1=${hex}`)].join(',')
}
