/**
 * Agent-facing renderings of times, durations and vendor strings, all through `Intl` in the UI
 * language (lib/i18n.ts). Pure apart from that language: `now` is passed in.
 */
import { formatNumber, uiLanguage } from './i18n.ts'

import { countryLabel as vendorCountry } from './vendor-text.ts'

// Vendor values are shown as the vendor says them, only made readable (no i18n, no browser API).
export { humanize } from './vendor-text.ts'

/** Relative time's units: below `limit` seconds, whole multiples of `divisor` seconds. */
export const RELATIVE_UNITS: [limit: number, divisor: number, unit: Intl.RelativeTimeFormatUnit][] = [
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
const localFormats = new Map<string, Intl.DateTimeFormat>()
const listFormats = new Map<string, Intl.ListFormat>()
const regionNames = new Map<string, Intl.DisplayNames>()

/** The UI language's relative time format (lib/relative-phrases.ts keeps its phrases for the popup's first paint). */
export const relativeFormat = (): Intl.RelativeTimeFormat =>
  cached(relativeFormats, (lang) => new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' }))

/**
 * What `relativeTime` says, before any wording: null for "now", else how many whole units ago
 * (`past`) or ahead. Up to a minute ahead is "now": clocks (vendor, relay, this machine) disagree by
 * seconds, and "in 3 s" for something that just happened confuses. Whole units, floored, so the
 * text changes at most once per unit.
 */
export function relativeStep(at: number, now: number): { count: number; unit: Intl.RelativeTimeFormatUnit; past: boolean } | null {
  const seconds = Math.round((now - at) / 1000)
  if (seconds < 1 && seconds > -60) return null
  const abs = Math.abs(seconds)
  const [, divisor, unit] = RELATIVE_UNITS.find(([limit]) => abs < limit) ?? RELATIVE_UNITS[RELATIVE_UNITS.length - 1]!
  return { count: Math.floor(abs / divisor), unit, past: seconds >= 0 }
}

/** "12 sec. ago", "vor 3 Min.", "in 2 hr.", "yesterday"/"gestern", "now" (see `relativeStep`). */
export function relativeTime(at: number, now: number): string {
  const step = relativeStep(at, now)
  return step ? relativeFormat().format(step.past ? -step.count : step.count, step.unit) : relativeFormat().format(0, 'second')
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
 * "Mar 29, 2023, 7:06 PM" / "29.03.2023, 19:06": the local date and time a record shows. An inquiry
 * from 2023 read as "3 yr. ago" lost when it happened and in which order its steps came.
 */
export function localTime(at: number): string {
  return cached(localFormats, (lang) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' })).format(at)
}

/** How long "recent" lasts: within a day, "5 min. ago" says more than the clock; after that the date does. */
export const RECENT_MS = 86_400_000

/** The relative time as a hint beside a local time, for recent items only (null otherwise). */
export function recentHint(at: number, now: number): string | null {
  return Math.abs(now - at) < RECENT_MS ? relativeTime(at, now) : null
}

const DURATION_UNITS = [
  [86_400, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
] as const

/**
 * How long something took, in its two largest units: "45 sec", "4 min 10 sec", "2 hr 5 min",
 * "3 days 2 hr" / "4 Min. 10 Sek.". Whole seconds, rounded down; under a second is "0 sec".
 */
export function duration(ms: number): string {
  let rest = Math.max(0, Math.floor(ms / 1000))
  const amounts = DURATION_UNITS.map(([size, unit]) => {
    const n = Math.floor(rest / size)
    rest -= n * size
    return [n, unit] as const
  })
  const largest = amounts.findIndex(([n]) => n > 0)
  const first = largest === -1 ? amounts.length - 1 : largest
  // "4 min 0 sec" says no more than "4 min".
  const shown = amounts.slice(first, first + 2).filter(([n], i) => i === 0 || n > 0)
  const unitText = ([n, unit]: (typeof amounts)[number]) => formatNumber(n, { style: 'unit', unit, unitDisplay: 'short' })
  return shown.map(unitText).join(' ')
}

/**
 * "United States (US)" / "Vereinigte Staaten (US)": the country's name in the UI language from its
 * ISO code (Intl.DisplayNames), the vendor's name when the code is not one Intl knows, or null.
 */
export function countryLabel(name: string | null | undefined, code: string | null | undefined): string | null {
  let local: string | undefined
  try {
    local = code
      ? cached(regionNames, (lang) => new Intl.DisplayNames(lang, { type: 'region', fallback: 'none' })).of(code.toUpperCase())
      : undefined
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
export function andList(items: readonly string[]): string {
  return cached(listFormats, (lang) => new Intl.ListFormat(lang, { type: 'conjunction' })).format(items)
}
