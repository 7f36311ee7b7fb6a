/**
 * What the hub keeps of a webhook: a summary without personal data. Each vendor's webhook summary
 * (vendors/<name>/webhook-summary.ts) reads only the fields it names out of a payload; everything else in
 * it (names, addresses, birthdates, reference IDs, IPs, documents) is dropped there, before anything is
 * stored or pushed.
 */
import type { LiveEvent } from '@idv-lens/shared/api'

export type { LiveEvent } from '@idv-lens/shared/api'

/** A summary before the hub numbers it; `dedupeKey` never leaves the hub. */
export type IncomingEvent = Omit<LiveEvent, 'seq'> & { dedupeKey: string }

export class PayloadError extends Error {}

export const EVENT_NAME = /^[a-z][a-z0-9._/-]{0,99}$/

export function isoOf(value: unknown, what: string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN
  if (Number.isNaN(ms)) throw new PayloadError(`${what} is not a date`)
  return new Date(ms).toISOString()
}

/**
 * The status, when it is one the vendor documents (an allowlist: the webhook's sender chooses the
 * text, and free words such as a name must never reach the hub); anything else is kept as null.
 */
export function statusOf(value: unknown, documented: ReadonlySet<string>): string | null {
  return typeof value === 'string' && documented.has(value) ? value : null
}
