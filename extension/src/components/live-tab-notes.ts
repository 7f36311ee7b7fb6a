import { formatNumber, t } from '../lib/i18n.ts'

/**
 * The Live tab's count of what the agent has not seen ("3 new"); nothing when there is none. Apart
 * from the Live tab itself (LiveEvents.tsx), which the popup loads only when that tab is shown.
 */
export function liveTabNotes(unseen: number): { live?: { text: string; short: string } } {
  return unseen > 0 ? { live: { text: t('liveNewCount', formatNumber(unseen)), short: `+${formatNumber(unseen)}` } } : {}
}
