import type { Tone } from '../vendor.ts'

/** Sumsub's statuses as the card shows them: the review's answer once completed, else its status (tones compare without case). */
export const tones: Readonly<Record<string, Tone>> = {
  green: 'good',
  red: 'bad',
  init: 'neutral',
  pending: 'progress',
  prechecked: 'progress',
  queued: 'progress',
  onhold: 'warn',
}
