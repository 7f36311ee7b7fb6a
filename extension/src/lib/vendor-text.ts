/** Vendor values made readable, not translated: agents match them against the vendors' dashboards. Pure. */

/** `needs_review` → "needs review", `FACE_LIVENESS` → "face liveness", `inquiry.marked-for-review` kept as is. */
export function humanize(value: string): string {
  return value.replace(/[_]+/g, ' ').toLowerCase()
}

/** "United States (US)", "US", or null. */
export function countryLabel(name: string | null | undefined, code: string | null | undefined): string | null {
  if (name && code) return `${name} (${code})`
  return name || code || null
}
