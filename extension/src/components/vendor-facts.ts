import { createContext } from 'preact'
import type { Tone } from '../lib/status-tone.ts'

/**
 * What a page's components know of the vendors: a vendor's name as it writes it, and a status's
 * tone. Each page hands in the registry's (pages/vendor-facts.ts), as the relay's core gets its
 * vendors through its configuration: components/ sits below the vendors and never imports them.
 */
export type VendorFacts = {
  label(vendor: string): string | null
  /** A status's tone by its own vendor's table. */
  tone(vendor: string, status: string): Tone
}

/** Outside a page (a unit test of one component): no names, every status neutral. */
export const VendorFacts = createContext<VendorFacts>({ label: () => null, tone: () => 'neutral' })
