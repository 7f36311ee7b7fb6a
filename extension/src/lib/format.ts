/** Short, agent-facing renderings of times and vendor strings. Pure: `now` is passed in. */

const UNITS: [limit: number, divisor: number, unit: string][] = [
  [60, 1, 's'],
  [3600, 60, 'min'],
  [86_400, 3600, 'h'],
  [86_400 * 30, 86_400, 'd'],
  [86_400 * 365, 86_400 * 30, 'mo'],
  [Infinity, 86_400 * 365, 'y'],
]

/**
 * "12 s ago", "3 min ago", "in 2 h". Up to a minute ahead is "just now": clocks (vendor, relay,
 * this machine) disagree by seconds, and "in 3 s" for something that just happened confuses.
 */
export function relativeTime(at: number, now: number): string {
  const seconds = Math.round((now - at) / 1000)
  const abs = Math.abs(seconds)
  if (seconds < 1 && seconds > -60) return 'just now'
  const [, divisor, unit] = UNITS.find(([limit]) => abs < limit) ?? UNITS[UNITS.length - 1]!
  const n = Math.floor(abs / divisor)
  return seconds >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`
}

/** Parses a vendor timestamp; null for missing or unparsable values (never NaN in the UI). */
export function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null
  const t = Date.parse(iso)
  return Number.isNaN(t) ? null : t
}

/** The exact local time for a tooltip, with the time zone so agents in different places agree. */
export function exactTime(at: number): string {
  return new Date(at).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'long',
  })
}

/** `needs_review` → "needs review", `FACE_LIVENESS` → "face liveness", `inquiry.marked-for-review` kept as is. */
export function humanize(value: string): string {
  return value.replace(/[_]+/g, ' ').toLowerCase()
}

/** "United States (US)", "US", or null. */
export function countryLabel(name: string | null | undefined, code: string | null | undefined): string | null {
  if (name && code) return `${name} (${code})`
  return name || code || null
}

/** Seconds as a countdown label: "42 s", "2 min 5 s". */
export function countdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds))
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`
}
