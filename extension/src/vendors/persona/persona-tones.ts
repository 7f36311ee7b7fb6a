import type { Tone } from '../vendor.ts'

/** Persona's statuses: inquiries, sessions, verifications and cases. */
export const tones: Readonly<Record<string, Tone>> = {
  approved: 'good',
  completed: 'good',
  passed: 'good',
  declined: 'bad',
  failed: 'bad',
  needs_review: 'warn',
  requires_retry: 'warn',
  pending: 'progress',
  created: 'progress',
  new: 'progress',
  active: 'progress',
  started: 'progress',
  submitted: 'progress',
  initiated: 'progress',
  expired: 'neutral',
  canceled: 'neutral',
}
