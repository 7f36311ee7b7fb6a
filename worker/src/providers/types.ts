import type { ProviderName } from '../config.ts'

/** What the relay needs to know about one vendor to call it and to read its failures. */
export type Provider = {
  name: ProviderName
  label: string
  /** The secret's name, for messages that tell an administrator what to fix. */
  keySecret: 'PERSONA_API_KEY' | 'DEEPIDV_API_KEY'
  authHeaders(apiKey: string): Record<string, string>
  /** The vendor's human message from an error body (JSON or plain text), if it has one. */
  errorMessage(body: string): string | null
  /** Seconds to wait after a 429, from whatever headers the vendor sends. */
  retryAfterSeconds(headers: Headers): number | null
}
