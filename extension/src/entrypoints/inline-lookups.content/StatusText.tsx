import { humanize } from '../../lib/format.ts'
import { toneOf } from '../../content/mark-tone.ts'
import { isWaiting, type LookupState } from '../../content/lookup-queue.ts'

/** The status in words, coloured like the mark: "approved", "not found", "looking up…". */
export function StatusText({ state }: { state: LookupState | undefined }) {
  const tone = toneOf(state)
  let text: string
  switch (state?.state) {
    case 'found':
      text = humanize(state.entry.status)
      break
    case 'missing':
      text = state.entry.error.code === 'not-found' ? 'not found' : isWaiting(state.entry) ? 'waiting for the vendor' : 'lookup failed'
      break
    case 'failed':
      text = state.failure.kind === 'rate-limited' ? 'waiting (rate limit)' : 'unavailable'
      break
    case 'queued':
    case 'loading':
      text = 'looking up…'
      break
    default:
      text = 'not looked up yet'
  }
  return (
    <span class={`status tone-${tone}`} data-testid="status" data-tone={tone}>
      {text}
    </span>
  )
}
