import { exactTime, localTime, parseTime, recentHint, RECENT_MS } from '../lib/format.ts'
import { now } from '../stores/clock.ts'

/**
 * When a record's step happened: the local date and time ("Mar 29, 2023, 7:06 PM"), the exact time
 * with its time zone on hover (and `datetime` for screen readers and tests), and for a recent one
 * "· 5 min. ago" beside it as a hint. Only a recent time reads the ticking clock: an old one never
 * re-renders.
 */
export function LocalTime({ iso }: { iso: string | null | undefined }) {
  const at = parseTime(iso)
  if (at === null) return null
  const hint = Math.abs(Date.now() - at) < RECENT_MS ? recentHint(at, now.value) : null
  return (
    <span class="local-time">
      <time dateTime={new Date(at).toISOString()} title={exactTime(at)} data-testid="local-time">
        {localTime(at)}
      </time>
      {hint && (
        <span class="muted time-hint" data-testid="time-hint">
          {' · '}
          {hint}
        </span>
      )}
    </span>
  )
}
