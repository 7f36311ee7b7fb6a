import { lookupMessage } from './i18n.ts'
import { humanize } from './vendor-text.ts'

/**
 * A vendor's status, threat level or device type in the agent's language when it is one the
 * extension knows (`approved` → "genehmigt"), else the vendor's word made readable: vendors say
 * their lists are open. English is always the vendor's own word (`needs review`), so English
 * screens match the dashboards; a badge keeps the raw value in its tooltip.
 */
export function vendorWord(value: string): string {
  return lookupMessage(`value_${value.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`) ?? humanize(value)
}

const key = (value: string) => value.toLowerCase().replace(/[^a-z0-9]+/g, '_')

/**
 * A verification step in plain words (`verification_selfie` → "Selfie check", deepidv's
 * `FACE_LIVENESS` → "Liveness check"), in both languages: step names are the vendors' code names,
 * not what the dashboards show. Unknown steps are made readable. The raw name goes in a tooltip.
 */
export function stepWord(value: string): string {
  return lookupMessage(`step_${key(value)}`) ?? humanize(value)
}

/** Persona's `ip-connection-type` in plain words (`mobile` → "mobile network"); unknown ones readable. */
export function connectionWord(value: string): string {
  return lookupMessage(`connection_${key(value)}`) ?? humanize(value)
}
