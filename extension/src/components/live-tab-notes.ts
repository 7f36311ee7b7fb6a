import { formatNumber, t } from '../lib/i18n.ts'

/** The most the pill shows; more reads "9+" there, the exact count in the tab's name and title. */
const PILL_MAX = 9

/**
 * The Live tab's count of what the agent has not seen ("3 new"); nothing when there is none. Apart
 * from the Live tab itself (LiveEvents.tsx), which the popup loads only when that tab is shown. The
 * pill is at most two characters wide, so a count arriving never wraps the tab bar.
 */
export function liveTabNotes(unseen: number): { live?: { text: string; short: string } } {
  if (unseen <= 0) return {}
  return {
    live: { text: t('liveNewCount', formatNumber(unseen)), short: unseen > PILL_MAX ? `${formatNumber(PILL_MAX)}+` : formatNumber(unseen) },
  }
}
