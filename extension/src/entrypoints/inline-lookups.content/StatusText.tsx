import { humanize } from '../../lib/format.ts'
import { toneOf } from '../../content/mark-tone.ts'
import { isWaiting, type LookupState } from '../../content/lookup-queue.ts'

/** The status in words: "approved", "not found", "looking up…". */
export function statusWords(state: LookupState | undefined): string {
  switch (state?.state) {
    case 'found':
      return humanize(state.entry.status)
    case 'missing':
      return state.entry.error.code === 'not-found' ? 'not found' : isWaiting(state.entry) ? 'waiting for the vendor' : 'lookup failed'
    case 'failed':
      if (state.failure.kind === 'rate-limited') return 'waiting (rate limit)'
      return state.failure.kind === 'over-budget' ? 'not looked up (limit)' : 'unavailable'
    case 'queued':
    case 'loading':
      return 'looking up…'
    default:
      return 'not looked up yet'
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
