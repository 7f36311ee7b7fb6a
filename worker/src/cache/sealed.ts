/**
 * At-rest encryption of cache entries: AES-256-GCM with a key derived by HKDF-SHA-256 from the
 * CACHE_KEY_SECRET secret. A fresh 12-byte IV per write; the cache key is the additional data, so an
 * entry copied under another key does not decrypt. Any failure to open is a miss, never an error.
 */

/** Bump to retire every entry written under the previous derivation. */
export const CACHE_KEY_VERSION = 1
const IV_BYTES = 12

export type Sealer = {
  seal(aad: string, plaintext: string): Promise<Uint8Array<ArrayBuffer>>
  /** The plaintext, or null when the bytes were not sealed by this key for this `aad`. */
  open(aad: string, sealed: Uint8Array<ArrayBuffer>): Promise<string | null>
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export async function deriveKey(secret: Uint8Array<ArrayBuffer>, version = CACHE_KEY_VERSION): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey'])
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(`idv-lens cache entry v${version}`) },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  )
}

export function sealerFrom(key: Promise<CryptoKey>): Sealer {
  return {
    async seal(aad, plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
      const data = new Uint8Array(
        await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(aad) }, await key, encoder.encode(plaintext)),
      )
      const out = new Uint8Array(IV_BYTES + data.length)
      out.set(iv)
      out.set(data, IV_BYTES)
      return out
    },
    async open(aad, sealed) {
      if (sealed.length <= IV_BYTES) return null
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: sealed.subarray(0, IV_BYTES), additionalData: encoder.encode(aad) },
          await key,
          sealed.subarray(IV_BYTES),
        )
        return decoder.decode(plain)
      } catch {
        return null
      }
    },
  }
}

// Without the secret (local dev), one random key per isolate: entries stay readable only by the
// process that wrote them, which is all a developer's machine needs.
let processSecret: Uint8Array<ArrayBuffer> | null = null

/** The sealer for a configuration's CACHE_KEY_SECRET, or a per-process one when it is unset. */
export function sealerForSecret(secret: string | null, version = CACHE_KEY_VERSION): Sealer {
  const bytes: Uint8Array<ArrayBuffer> = secret
    ? new Uint8Array(encoder.encode(secret))
    : (processSecret ??= crypto.getRandomValues(new Uint8Array(32)))
  return sealerFrom(deriveKey(bytes, version))
}
