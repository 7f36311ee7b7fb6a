const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))
const encoder = new TextEncoder()

/** SHA-256 of a string as lowercase hex: cache keys, gate names, token and ticket hashes. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))
  let out = ''
  for (const byte of digest) out += HEX[byte]
  return out
}
