import { toneOf } from '../../content/mark-tone.ts'
import { isWaiting, type LookupState } from '../../content/lookup-queue.ts'
import { t } from '../../lib/i18n.ts'
import { vendorWord } from '../../lib/vendor-words.ts'

/** The status in words: "approved", "not found", "looking up…". */
export function statusWords(state: LookupState | undefined): string {
  switch (state?.state) {
    case 'found':
      return vendorWord(state.entry.status)
    case 'missing':
      return t(state.entry.error.code === 'not-found' ? 'statusNotFound' : isWaiting(state.entry) ? 'statusWaitingVendor' : 'statusLookupFailed')
    case 'failed':
      if (state.failure.kind === 'rate-limited') return t('statusRateLimit')
      return t(state.failure.kind === 'over-budget' ? 'statusOverLimit' : 'statusUnavailable')
    case 'queued':
    case 'loading':
      return t('statusLookingUp')
    default:
      return t('statusNotYet')
  }
}

/** The status in words, coloured like the mark. */
export function StatusText({ state }: { state: LookupState | undefined }) {
  const tone = toneOf(state)
  return (
    <span class={`status tone-${tone}`} data-testid="status" data-tone={tone}>
      {statusWords(state)}
    </span>
  )
}
