/**
 * Stripe's webhook signature check (docs/vendors/stripe.md §7), over the exact bytes received:
 * `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`, each v1 an HMAC-SHA256 of `<t>.<body>` with the
 * endpoint's `whsec_` secret. While a secret is rolled Stripe signs with the old and the new one.
 */
import { timingSafeEqual } from '../../live/timing-safe-equal.ts'

const encoder = new TextEncoder()
/** Stripe's libraries refuse a `t` further than this from now (replays). */
export const STRIPE_TOLERANCE_SECONDS = 300
/** A few v1 entries leave room for a rotation without letting a caller make the relay MAC once per invented entry. */
export const STRIPE_MAX_SIGNATURES = 8
const V1_HEX = /^[0-9a-f]{64}$/i
const UNIX_SECONDS = /^\d{1,12}$/

type Bytes = Uint8Array<ArrayBuffer>

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

function hexToBytes(hex: string): Bytes {
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return bytes
}

// Importing a key costs more than the HMAC itself; secrets change only with a deploy.
const hmacKeys = new Map<string, Promise<CryptoKey>>()
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret)
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    hmacKeys.set(secret, key)
  }
  return key
}

function signedBytes(t: string, body: Bytes): Bytes {
  const prefix = encoder.encode(`${t}.`)
  const out = new Uint8Array(prefix.length + body.length)
  out.set(prefix)
  out.set(body, prefix.length)
  return out
}

/**
 * True when the header is fresh and one of its v1 signatures is the body's MAC under one of the
 * secrets (current, then the one being rotated out). Every pair is compared in constant time, with
 * no early exit.
 */
export async function verifyStripeSignature(header: string | null | undefined, body: Bytes, secrets: readonly string[], nowMs: number): Promise<boolean> {
  const parsed = parseStripeSignature(header)
  if (!parsed || Math.abs(nowMs / 1000 - Number(parsed.t)) > STRIPE_TOLERANCE_SECONDS) return false
  const data = signedBytes(parsed.t, body)
  let verified = false
  for (const secret of secrets) {
    const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), data)
    for (const v1 of parsed.v1) if (timingSafeEqual(mac, v1.buffer)) verified = true
  }
  return verified
}

/** The header Stripe would send for `body` signed at `t` under each secret (demo upstream, tests). */
export async function signStripe(secrets: readonly string[], t: number, body: string): Promise<string> {
  const data = signedBytes(String(t), encoder.encode(body) as Bytes)
  const v1 = await Promise.all(
    secrets.map(async (secret) => [...new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), data))].map((b) => b.toString(16).padStart(2, '0')).join('')),
  )
  return [`t=${t}`, ...v1.map((hex) => `v1=${hex}`)].join(',')
}
