/** Timestamps for the seeded data: all offsets back from one anchor, so the data always looks recent. */
import type { Rng } from './prng.ts'

export const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export interface AgeShape {
  /** Roughly how old the newest record is. */
  newestMs: number
  /** Average spacing between neighbours near the top of the list. */
  spacingMs: number
  /** Extra age of the oldest record; spread as (i/n)^power so recent records are dense and old ones sparse. */
  tailMs: number
  power: number
  /** Ages are multiples of this (1000 = whole seconds, like Persona's `.000Z` timestamps). */
  granularityMs: number
}

/**
 * Ages (ms before the anchor) for `count` records, strictly increasing: index 0 is the newest.
 * Every gap is at least one granule, so timestamps never tie.
 */
export function descendingAges(rng: Rng, count: number, shape: AgeShape): number[] {
  const base = (i: number): number =>
    shape.newestMs + shape.spacingMs * i + shape.tailMs * Math.pow(i / Math.max(1, count - 1), shape.power)
  const granule = shape.granularityMs
  const ages: number[] = []
  let previous = Math.max(granule, Math.round((base(0) * rng.float(0.5, 1.5)) / granule) * granule)
  ages.push(previous)
  for (let i = 1; i < count; i++) {
    const gap = (base(i) - base(i - 1)) * rng.float(0.3, 1.7)
    previous += Math.max(granule, Math.round(gap / granule) * granule)
    ages.push(previous)
  }
  return ages
}

/** Floors a time to the start of its minute (the default anchor is "process start, to the minute"). */
export function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE
}

export function iso(ms: number): string {
  return new Date(ms).toISOString()
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms)
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i

/** Parses an ISO 8601 date or date-time (date-only = midnight UTC). Returns null when it isn't one. */
export function parseIso8601(text: string): { ms: number; dateOnly: boolean } | null {
  const trimmed = text.trim()
  if (!ISO_8601.test(trimmed)) return null
  const dateOnly = trimmed.length === 10
  const ms = Date.parse(dateOnly ? `${trimmed}T00:00:00Z` : trimmed.replace(' ', 'T'))
  return Number.isNaN(ms) ? null : { ms, dateOnly }
}

/**
 * Makes times strictly increasing in place (sorted ascending by the caller), moving later items forward.
 * Items for which `pinned` is true (verbatim fixtures) are never moved; a colliding neighbour moves instead.
 */
export function untie<T>(
  items: T[],
  getTime: (item: T) => number,
  setTime: (item: T, ms: number) => void,
  stepMs: number,
  pinned: (item: T) => boolean,
): void {
  for (let i = 1; i < items.length; i++) {
    const prev = items[i - 1] as T
    const cur = items[i] as T
    if (getTime(cur) > getTime(prev)) continue
    if (pinned(cur) && !pinned(prev)) {
      // Swap so the pinned item keeps its time and the generated one moves just after it.
      items[i - 1] = cur
      items[i] = prev
      setTime(prev, getTime(cur) + stepMs)
    } else {
      setTime(cur, getTime(prev) + stepMs)
    }
  }
}
