import type { Tone } from '../vendor.ts'

/** deepidv's statuses (upper case on the wire; tones compare without case). */
export const tones: Readonly<Record<string, Tone>> = {
  verified: 'good',
  rejected: 'bad',
  voided: 'neutral',
  failed: 'bad',
  pending: 'progress',
  submitted: 'progress',
  expired: 'neutral',
}
