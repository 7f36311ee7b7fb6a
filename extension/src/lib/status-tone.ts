import { vendorTones } from '../vendors/tones.ts'
import type { Tone } from '../vendors/vendor.ts'

export type { Tone }

/**
 * The colour family of a vendor status, from every vendor's tones (vendors/tones.ts, merged on first use). Vendors say
 * their status lists are open, so unknown values fall back to neutral; the badge always prints the
 * status text too (colour is never the only cue).
 */
let tones: Readonly<Record<string, Tone>> | null = null

export function statusTone(status: string | null | undefined): Tone {
  tones ??= Object.assign({}, ...Object.values(vendorTones())) as Readonly<Record<string, Tone>>
  return (status && tones[status.toLowerCase()]) || 'neutral'
}

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
