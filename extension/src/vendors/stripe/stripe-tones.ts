import type { Tone } from '../vendor.ts'

/** Stripe Identity's: a session needs the person again, or is being checked; a report's check failed. */
export const tones: Readonly<Record<string, Tone>> = {
  requires_input: 'warn',
  processing: 'progress',
  unverified: 'bad',
  verified: 'good',
  canceled: 'neutral',
}
