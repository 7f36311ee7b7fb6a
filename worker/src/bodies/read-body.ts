import { outOfBounds } from './body-bounds.ts'

/** `text` cut to `max` characters (the last one an ellipsis), or null for nothing. */
export function capped(text: string | null | undefined, max: number): string | null {
  if (!text) return null
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** A vendor's error body as JSON, or undefined when it is not JSON or is out of bounds (body-bounds.ts). */
export function parseJson(body: string): unknown {
  if (outOfBounds(body)) return undefined
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

/** A header value as whole seconds; HTTP dates in Retry-After are turned into a delay. */
export function positiveSeconds(value: string | null): number | null {
  if (!value) return null
  const n = Number(value)
  if (Number.isFinite(n) && n >= 0) return Math.ceil(n)
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000))
}
