/**
 * The colour family of a vendor status. Vendors say their status lists are open, so unknown values
 * fall back to neutral; the badge always prints the status text too (colour is never the only cue).
 */
export type Tone = 'good' | 'bad' | 'warn' | 'progress' | 'neutral'

const TONES: Record<string, Tone> = {
  // Persona inquiries, sessions, verifications
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
  // deepidv (upper case on the wire)
  verified: 'good',
  rejected: 'bad',
  voided: 'neutral',
  // Stripe Identity: a session needs the person again, is being checked; a report's check failed
  requires_input: 'warn',
  processing: 'progress',
  unverified: 'bad',
}

export function statusTone(status: string | null | undefined): Tone {
  return (status && TONES[status.toLowerCase()]) || 'neutral'
}

/** Persona's behaviour threat level: low is fine, anything else deserves a look. */
export function threatTone(level: string | null | undefined): Tone {
  switch (level?.toLowerCase()) {
    case 'low':
      return 'good'
    case 'medium':
      return 'warn'
    case 'high':
    case 'critical':
      return 'bad'
    default:
      return 'neutral'
  }
}
