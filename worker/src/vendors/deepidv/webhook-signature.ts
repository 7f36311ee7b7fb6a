import { timingSafeEqual } from '../../kit/webhooks.ts'

const encoder = new TextEncoder()

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
  return timingSafeEqual(a, b)
}
