/**
 * The signature scheme Persona and Stripe share for webhooks: a hex HMAC-SHA256 of `<t>.<body>` over
 * the exact bytes received, `t` a Unix time. Each vendor's file parses its own header around it.
 */
import { timingSafeEqual } from '../kit/webhooks.ts'

export type Bytes = Uint8Array<ArrayBuffer>

const encoder = new TextEncoder()
export const V1_HEX = /^[0-9a-f]{64}$/i
export const UNIX_SECONDS = /^\d{1,12}$/

export function hexToBytes(hex: string): Bytes {
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

/** The MAC of `<t>.<body>` under `secret`. */
export async function timestampedMac(secret: string, t: string, body: Bytes | string): Promise<ArrayBuffer> {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body
  const prefix = encoder.encode(`${t}.`)
  const data = new Uint8Array(prefix.length + bytes.length)
  data.set(prefix)
  data.set(bytes, prefix.length)
  return crypto.subtle.sign('HMAC', await hmacKey(secret), data)
}

/** True when `mac` is one of `candidates`; every one is compared in constant time, with no early exit. */
export function matchesAny(mac: ArrayBuffer, candidates: readonly Bytes[]): boolean {
  let matched = false
  for (const v1 of candidates) if (timingSafeEqual(mac, v1.buffer)) matched = true
  return matched
}

export const macHex = (mac: ArrayBuffer): string => [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')
