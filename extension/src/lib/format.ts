/**
 * Agent-facing renderings of times, durations and vendor strings, all through `Intl` in the UI
 * language (lib/i18n.ts). Pure apart from that language: `now` is passed in.
 */
import { formatNumber, uiLanguage } from './i18n.ts'

import { countryLabel as vendorCountry } from './vendor-text.ts'

// Vendor values are shown as the vendor says them, only made readable (no i18n, no browser API).
export { humanize } from './vendor-text.ts'

const UNITS: [limit: number, divisor: number, unit: Intl.RelativeTimeFormatUnit][] = [
  [60, 1, 'second'],
  [3600, 60, 'minute'],
  [86_400, 3600, 'hour'],
  [86_400 * 30, 86_400, 'day'],
  [86_400 * 365, 86_400 * 30, 'month'],
  [Infinity, 86_400 * 365, 'year'],
]

/** Intl formatters are costly to build and a list re-renders every second: one per language and kind. */
function cached<F>(cache: Map<string, F>, make: (lang: string) => F): F {
  const lang = uiLanguage()
  let format = cache.get(lang)
  if (!format) cache.set(lang, (format = make(lang)))
  return format
}
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>()
const exactFormats = new Map<string, Intl.DateTimeFormat>()
const listFormats = new Map<string, Intl.ListFormat>()
const regionNames = new Map<string, Intl.DisplayNames>()

/**
 * "12 sec. ago", "vor 3 Min.", "in 2 hr.", "yesterday"/"gestern". Up to a minute ahead is "now":
 * clocks (vendor, relay, this machine) disagree by seconds, and "in 3 s" for something that just
 * happened confuses. Whole units, floored, so the text changes at most once per unit.
 */
export function relativeTime(at: number, now: number): string {
  const seconds = Math.round((now - at) / 1000)
  const abs = Math.abs(seconds)
  const format = cached(relativeFormats, (lang) => new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' }))
  if (seconds < 1 && seconds > -60) return format.format(0, 'second')
  const [, divisor, unit] = UNITS.find(([limit]) => abs < limit) ?? UNITS[UNITS.length - 1]!
  const n = Math.floor(abs / divisor)
  return format.format(seconds >= 0 ? -n : n, unit)
}

/** Parses a vendor timestamp; null for missing or unparsable values (never NaN in the UI). */
export function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null
  const t = Date.parse(iso)
  return Number.isNaN(t) ? null : t
}

/** The exact local time for a tooltip, with the time zone so agents in different places agree. */
export function exactTime(at: number): string {
  return cached(exactFormats, (lang) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'long' })).format(at)
}

/**
 * "United States (US)" / "Vereinigte Staaten (US)": the country's name in the UI language from its
 * ISO code (Intl.DisplayNames), the vendor's name when the code is not one Intl knows, or null.
 */
export function countryLabel(name: string | null | undefined, code: string | null | undefined): string | null {
  let local: string | undefined
  try {
    local = code ? cached(regionNames, (lang) => new Intl.DisplayNames(lang, { type: 'region', fallback: 'none' })).of(code.toUpperCase()) : undefined
  } catch {
    local = undefined // not a region code (RangeError)
  }
  return vendorCountry(local ?? name, code)
}

/** Seconds as a countdown label: "42 sec.", "2 min., 5 sec." / "2 Min., 5 Sek.". */
export function countdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds))
  const unit = (value: number, name: 'minute' | 'second') => formatNumber(value, { style: 'unit', unit: name, unitDisplay: 'short' })
  return s < 60 ? unit(s, 'second') : `${unit(Math.floor(s / 60), 'minute')} ${unit(s % 60, 'second')}`
}

/** "Persona and deepidv" / "Persona und deepidv". */
export function andList(items: string[]): string {
  return cached(listFormats, (lang) => new Intl.ListFormat(lang, { type: 'conjunction' })).format(items)
}
