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
const STATUS = /^[A-Za-z0-9_ -]{1,40}$/

export function isoOf(value: unknown, what: string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN
  if (Number.isNaN(ms)) throw new PayloadError(`${what} is not a date`)
  return new Date(ms).toISOString()
}

export function statusOf(value: unknown): string | null {
  return typeof value === 'string' && STATUS.test(value) ? value : null
}
