/** The colour family of a status; the badge always prints the status too (colour is never the only cue). */
export type Tone = 'good' | 'bad' | 'warn' | 'progress' | 'neutral'

/** A behaviour threat level: low is fine, anything else deserves a look. */
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
