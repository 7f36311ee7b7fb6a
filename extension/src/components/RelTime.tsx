import { exactTime, parseTime, relativeTime } from '../lib/format.ts'
import { now } from '../stores/clock.ts'

/** "3 min ago", with the exact time on hover (and for screen readers via `datetime`). */
export function RelTime({ iso }: { iso: string | null | undefined }) {
  const at = parseTime(iso)
  if (at === null) return null
  return (
    <time dateTime={new Date(at).toISOString()} title={exactTime(at)} data-testid="time">
      {relativeTime(at, now.value)}
    </time>
  )
}
