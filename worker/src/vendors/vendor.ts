import type { VendorName } from '@idv-lens/shared/api'
import type { z } from 'zod'
import type { VendorLookup } from '../lookup/lookup-types.ts'

/** What the relay needs to know about one vendor to call it and to read its answers and failures. */
export type Vendor = {
  name: VendorName
  label: string
  /** The secret's name, for messages that tell an administrator what to fix. */
  keySecret: `${Uppercase<VendorName>}_API_KEY`
  /** The API's base URL when `<NAME>_API_BASE` is not set. */
  defaultBase: string
  /**
   * What the vendor gate lets through unless the budget variables say otherwise: calls per rolling
   * window, and per UTC day where the vendor has a daily quota. The window is counted a tenth longer
   * than the vendor's: a call reaches the vendor a little after the gate counted it, and that jitter
   * must never put more than the budget in any of the vendor's windows.
   */
  budgetDefaults: { windowMs: number; perWindow: number; perDay: number | null }
  authHeaders(apiKey: string): Record<string, string>
  /** The vendor's human message from an error body (JSON or plain text), if it has one. */
  errorMessage(body: string): string | null
  /** Seconds to wait after a 429, from whatever headers the vendor sends. */
  retryAfterSeconds(headers: Headers): number | null
  /** What a 2xx list or single-object body must be before anything reads, keeps or relays it (upstream/vendor-bodies.ts). */
  bodies: { list: z.ZodType; single: z.ZodType }
  /** Its part of a lookup batch: summaries of its IDs, with as few calls as its API allows. */
  lookup: VendorLookup
}
