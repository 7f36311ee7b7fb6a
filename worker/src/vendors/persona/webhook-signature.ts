/**
 * Persona's webhook signature check. It runs over the exact bytes received: re-serialised JSON would
 * not match what Persona signed.
 */
import { hexToBytes, macHex, matchesAny, timestampedMac, UNIX_SECONDS, V1_HEX, type Bytes } from '../timestamped-hmac.ts'

/** Persona signs `t.body`; a set whose `t` is further than this from now is refused (replays). */
export const PERSONA_TOLERANCE_SECONDS = 300
type SignatureSet = { t: string; v1: Bytes }

/**
 * Persona sends one set, two while it rotates a secret; a few more leave room without letting an
 * unauthenticated caller make the relay hash the body once per set it invents.
 */
export const PERSONA_MAX_SIGNATURE_SETS = 4

/**
 * `Persona-Signature: t=<unix>,v1=<hex>`; while Persona rotates a secret the header holds several
 * space-separated sets. Sets that are malformed (v1 not 64 hex, t not a number) are ignored; a header
 * of more than PERSONA_MAX_SIGNATURE_SETS sets is no signature at all (refused before any MAC).
 */
export function parsePersonaSignature(header: string | null | undefined): SignatureSet[] {
  if (!header) return []
  const parts = header.trim().split(/\s+/, PERSONA_MAX_SIGNATURE_SETS + 1)
  if (parts.length > PERSONA_MAX_SIGNATURE_SETS) return []
  const sets: SignatureSet[] = []
  for (const part of parts) {
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

/**
 * True when any set in the header verifies against any of the secrets (current, then previous).
 * The body is MACed once per (timestamp, secret) pair, however many sets share the timestamp; each
 * set's v1 is then compared in constant time (workerd's `timingSafeEqual`).
 */
export async function verifyPersonaSignature(
  header: string | null | undefined,
  body: Bytes,
  secrets: readonly string[],
  nowMs: number,
): Promise<boolean> {
  const byTimestamp = new Map<string, Bytes[]>()
  for (const set of parsePersonaSignature(header)) {
    if (Math.abs(nowMs / 1000 - Number(set.t)) > PERSONA_TOLERANCE_SECONDS) continue
    byTimestamp.set(set.t, [...(byTimestamp.get(set.t) ?? []), set.v1])
  }
  let verified = false
  for (const [t, candidates] of byTimestamp) {
    // No early exit: every pair costs the same whether or not an earlier one matched.
    for (const secret of secrets) if (matchesAny(await timestampedMac(secret, t, body), candidates)) verified = true
  }
  return verified
}

/** The header value Persona would send for `body` signed at `t` (demo upstream, tests, benchmarks). */
export async function signPersona(secret: string, t: number, body: Bytes | string): Promise<string> {
  return `t=${t},v1=${macHex(await timestampedMac(secret, String(t), body))}`
}
