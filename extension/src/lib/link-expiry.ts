import { formatNumber, uiLanguage } from './i18n.ts'

/** A new link's expiry as the customer reads it: how long it works, and until when. */
export type LinkExpiry = { lasts: string; until: string }

/** "24 hours" / "24 Stunden": whole hours up to two days, then whole days, else minutes. */
function lasting(seconds: number): string {
  const [n, unit] = seconds % 3600 === 0 && seconds <= 48 * 3600 ? [seconds / 3600, 'hour'] : seconds % 86_400 === 0 ? [seconds / 86_400, 'day'] : [Math.floor(seconds / 60), 'minute']
  return formatNumber(n, { style: 'unit', unit, unitDisplay: 'long' })
}

/**
 * "24 hours", "Saturday, November 28, 2026 at 7:14 AM Central European Standard Time": the date in
 * the agent's time zone, named in full since the customer may live in another, and without seconds
 * (cut, never rounded up: the link works at least until then). `expiresAt` is computed once by the
 * caller, so the confirm step and the reply name the same instant.
 */
export function linkExpiry(expiresAt: number, seconds: number, timeZone?: string): LinkExpiry {
  const date = new Intl.DateTimeFormat(uiLanguage(), {
    weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'long', timeZone,
  })
  return { lasts: lasting(seconds), until: date.format(expiresAt) }
}
