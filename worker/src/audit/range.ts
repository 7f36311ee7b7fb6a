const DAY_MS = 24 * 3600 * 1000
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

/**
 * An audit query's `since` and `until` (ISO 8601, already checked) as ms since the epoch. A date-only
 * `until` names its whole UTC day: `since=until=2026-11-27` is that day. A full timestamp stays as given.
 */
export function auditRange(q: { since?: string; until?: string }): { since?: number; until?: number } {
  return {
    since: q.since === undefined ? undefined : Date.parse(q.since),
    until: q.until === undefined ? undefined : Date.parse(q.until) + (DATE_ONLY.test(q.until) ? DAY_MS - 1 : 0),
  }
}
