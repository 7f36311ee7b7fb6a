import { browser } from '#imports'
import type { RelayFailure } from '../lib/messages.ts'
import { countdown, relativeTime } from '../lib/format.ts'
import { now } from '../stores/clock.ts'
import { fetchedAt, type FailureState, type Fetched } from '../stores/fetch-state.ts'

const TITLES: Record<RelayFailure['kind'], string> = {
  'not-configured': 'Not set up yet',
  unreachable: 'Relay unreachable',
  unauthorized: 'Agent token rejected',
  'rate-limited': 'Rate limited',
  upstream: 'Vendor unavailable',
  'bad-request': 'Request refused',
  'not-found': 'Not found',
  internal: 'Relay error',
  'over-budget': 'Lookup limit reached',
}

const vendorName = (f: RelayFailure) => (f.problem?.provider === 'deepidv' ? 'deepidv' : f.problem?.provider === 'persona' ? 'Persona' : 'The vendor')

const openSettings = () => void browser.runtime.openOptionsPage()

type Props = { state: FailureState; onRetry: () => void; shown: Fetched | null }

/**
 * One actionable message per failure kind (data-testid="error-<kind>"). When older data is still
 * on screen, says how old it is: the view never goes blank because a refresh failed.
 */
export function ErrorBanner({ state, onRetry, shown }: Props) {
  const { failure, retryAt } = state
  // Whole seconds, rounded: the clock ticks once a second and "46 s" right after "retry in 45 s" looks wrong.
  const wait = retryAt !== null ? Math.max(0, Math.round((retryAt - now.value) / 1000)) : 0
  const needsSettings = ['not-configured', 'unauthorized', 'unreachable'].includes(failure.kind)
  const canRetry = !['not-configured', 'unauthorized', 'bad-request', 'not-found'].includes(failure.kind)
  const title = failure.kind === 'upstream' ? `${vendorName(failure)} unavailable` : failure.signIn ? 'Sign-in needed' : TITLES[failure.kind]
  return (
    <div class="banner banner-error" role="alert" data-testid={`error-${failure.kind}`}>
      <strong>{title}</strong>
      <p>{failure.message}</p>
      {failure.kind === 'unauthorized' &&
        (failure.signIn ? (
          <p>Open the settings and click Sign in with your company account.</p>
        ) : (
          <p>Check the agent token in the settings, or ask your administrator for a new one.</p>
        ))}
      {shown && (
        <p data-testid="stale-note">Showing data from {relativeTime(fetchedAt(shown), now.value)}; it may be out of date.</p>
      )}
      {failure.problem?.requestId && <p class="muted">Request ID {failure.problem.requestId}</p>}
      <div class="actions">
        {canRetry && (
          <button type="button" onClick={onRetry} disabled={wait > 0} data-testid="retry">
            {wait > 0 ? `Retry in ${countdown(wait)}` : 'Retry'}
          </button>
        )}
        {needsSettings && (
          <button type="button" onClick={openSettings} data-testid="open-settings">
            Open settings
          </button>
        )}
      </div>
    </div>
  )
}

/** The relay answered with its stored copy because the vendor failed (Cache-Status stale-if-error). */
export function StaleNotice({ fetched, onRetry }: { fetched: Fetched; onRetry: () => void }) {
  const status = fetched.freshness?.forwardStatus
  const title = status === 429 ? 'The vendor is rate limiting the relay' : `Vendor unavailable${status ? ` (HTTP ${status})` : ''}`
  return (
    <div class="banner banner-warn" role="status" data-testid="error-upstream" data-stale="true">
      <strong>{title}</strong>
      <p>Showing the relay's copy from {relativeTime(fetchedAt(fetched), now.value)}; it may be out of date.</p>
      <div class="actions">
        <button type="button" onClick={onRetry} data-testid="retry">
          Try again
        </button>
      </div>
    </div>
  )
}

/** The banner a view needs now: its failure, or the stale-copy notice, or nothing. */
type NoticesProps = {
  error: FailureState | null
  fetched: Fetched | null
  /** Repeats what failed. */
  onRetry: () => void
  /** Asks the relay to try the vendor again (no-cache). */
  onRefresh: () => void
}

export function Notices({ error, fetched, onRetry, onRefresh }: NoticesProps) {
  if (error) return <ErrorBanner state={error} onRetry={onRetry} shown={fetched} />
  if (fetched?.freshness?.staleIfError) return <StaleNotice fetched={fetched} onRetry={onRefresh} />
  return null
}
