import { toneOf } from '../../content/lookups/mark-tone.ts'
import { isWaiting, type LookupState } from '../../content/lookups/lookup-queue.ts'
import { retriesBySelf } from '../../lib/backoff.ts'
import { t } from '../../lib/i18n.ts'
import { vendorWord } from '../../lib/vendor-words.ts'

/** The status in words: "approved", "not found", "looking up…". */
export function statusWords(state: LookupState | undefined): string {
  switch (state?.state) {
    case 'found':
      return vendorWord(state.entry.status)
    case 'missing':
      return t(
        state.entry.error.code === 'not-found' ? 'statusNotFound' : isWaiting(state.entry) ? 'statusWaitingVendor' : 'statusLookupFailed',
      )
    case 'failed':
      if (state.failure.kind === 'rate-limited') return t('statusRateLimit')
      if (state.failure.kind === 'over-budget') return t('statusOverLimit')
      return t(retriesBySelf(state.failure) ? 'statusNotReached' : 'statusUnavailable')
    case 'queued':
    case 'loading':
      return t('statusLookingUp')
    default:
      return t('statusNotYet')
  }
}

/**
 * The pill's tone: the mark's, except for a call that failed. On the page a failed ID keeps the
 * neutral mark (it may pass); in our own card and list it must not look like one still in flight.
 */
function pillTone(state: LookupState | undefined): string {
  if (state?.state === 'failed' && state.failure.kind !== 'over-budget' && state.failure.kind !== 'rate-limited') return 'failed'
  return toneOf(state)
}

/** The status in words, coloured like the mark. */
export function StatusText({ state }: { state: LookupState | undefined }) {
  const tone = pillTone(state)
  return (
    <span class={`status tone-${tone}`} data-testid="status" data-tone={tone}>
      {statusWords(state)}
    </span>
  )
}
