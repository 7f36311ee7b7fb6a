import { timingSafeEqual } from '../../kit/webhooks.ts'

const encoder = new TextEncoder()
const HEX_MAC = /^[0-9a-fA-F]{64}$/

async function mac(token: string, raw: BufferSource): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(token), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return crypto.subtle.sign('HMAC', key, raw)
}

const bytesOfHex = (hex: string): Uint8Array<ArrayBuffer> => new Uint8Array(hex.match(/../g)!.map((pair) => Number.parseInt(pair, 16)))

/**
 * Onfido's `X-SHA2-Signature`: the hex HMAC-SHA256 of the raw body with the webhook's token
 * (docs/vendors/onfido.md §6). Compared in constant time with each configured token, no early exit.
 */
export async function verifyOnfidoSignature(
  header: string | undefined,
  raw: Uint8Array<ArrayBuffer>,
  tokens: readonly string[],
): Promise<boolean> {
  if (!header || !HEX_MAC.test(header.trim())) return false
  const given = bytesOfHex(header.trim())
  let verified = false
  for (const token of tokens) if (timingSafeEqual(await mac(token, raw), given.buffer)) verified = true
  return verified
}

/** The header Onfido would send for `body` under `token` (demo upstream, tests). */
export async function signOnfido(token: string, body: string): Promise<string> {
  return [...new Uint8Array(await mac(token, encoder.encode(body)))].map((b) => b.toString(16).padStart(2, '0')).join('')
}
