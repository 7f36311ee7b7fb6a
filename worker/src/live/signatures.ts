/**
 * Webhook signature checks. Both run over the exact bytes received: re-serialised JSON would not
 * match what the vendor signed.
 */

const encoder = new TextEncoder()
/** Persona signs `t.body`; a set whose `t` is further than this from now is refused (replays). */
export const PERSONA_TOLERANCE_SECONDS = 300
const V1_HEX = /^[0-9a-f]{64}$/i
const UNIX_SECONDS = /^\d{1,12}$/

type Bytes = Uint8Array<ArrayBuffer>
type SignatureSet = { t: string; v1: Bytes }

/**
 * `Persona-Signature: t=<unix>,v1=<hex>`; while Persona rotates a secret the header holds several
 * space-separated sets. Sets that are malformed (v1 not 64 hex, t not a number) are ignored.
 */
export function parsePersonaSignature(header: string | null | undefined): SignatureSet[] {
  if (!header) return []
  const sets: SignatureSet[] = []
  for (const part of header.trim().split(/\s+/)) {
    const fields = new Map<string, string>()
    for (const pair of part.split(',')) {
      const eq = pair.indexOf('=')
      if (eq > 0) fields.set(pair.slice(0, eq), pair.slice(eq + 1))
    }
    const t = fields.get('t')
    const v1 = fields.get('v1')
    if (t === undefined || v1 === undefined || !UNIX_SECONDS.test(t) || !V1_HEX.test(v1)) continue
    sets.push({ t, v1: hexToBytes(v1) })
  }
  return sets
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
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
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
 * True when any set in the header verifies against any of the secrets (current, then previous).
 * `crypto.subtle.verify` compares in constant time.
 */
export async function verifyPersonaSignature(
  header: string | null | undefined,
  body: Bytes,
  secrets: readonly string[],
  nowMs: number,
): Promise<boolean> {
  const sets = parsePersonaSignature(header)
  let verified = false
  for (const set of sets) {
    if (Math.abs(nowMs / 1000 - Number(set.t)) > PERSONA_TOLERANCE_SECONDS) continue
    const data = signedBytes(set.t, body)
    for (const secret of secrets) {
      // No early exit: every pair costs the same whether or not an earlier one matched.
      if (await crypto.subtle.verify('HMAC', await hmacKey(secret), set.v1, data)) verified = true
    }
  }
  return verified
}

/** The header value Persona would send for `body` signed at `t` (demo upstream, tests, benchmarks). */
export async function signPersona(secret: string, t: number, body: Bytes | string): Promise<string> {
  const bytes = (typeof body === 'string' ? encoder.encode(body) : body) as Bytes
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), signedBytes(String(t), bytes)))
  return `t=${t},v1=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`
}

/**
 * deepidv sends the secret itself in `deepidv-signature`. Both sides are hashed first so the
 * comparison has a fixed length and takes the same time whatever the header holds.
 */
export async function verifyDeepidvSignature(header: string | null | undefined, secret: string): Promise<boolean> {
  if (!header) return false
  const [a, b] = await Promise.all([
    crypto.subtle.digest('SHA-256', encoder.encode(header)),
    crypto.subtle.digest('SHA-256', encoder.encode(secret)),
  ])
  // workerd's extension to SubtleCrypto (typed here so the extension's type check, which sees this file, needs no Workers types).
  return (crypto.subtle as SubtleCrypto & { timingSafeEqual(a: ArrayBuffer, b: ArrayBuffer): boolean }).timingSafeEqual(a, b)
}
