import { browser } from '#imports'
import { useContext } from 'preact/hooks'
import type { RelayFailure } from '../lib/messages.ts'
import { fixedInSettings } from '../lib/backoff.ts'
import { failureText, relayDetail } from '../lib/failure-text.ts'
import { notTheRelay } from '../lib/relay-result.ts'
import { countdown, relativeTime } from '../lib/format.ts'
import { t, type MessageKey } from '../lib/i18n.ts'
import { now } from '../stores/clock.ts'
import { fetchedAt, type FailureState, type Fetched } from '../stores/fetch-state.ts'
import { VendorFacts } from './vendor-facts.ts'

const TITLES: Record<RelayFailure['kind'], MessageKey> = {
  'not-configured': 'errTitle_not_configured',
  unreachable: 'errTitle_unreachable',
  unauthorized: 'errTitle_unauthorized',
  'rate-limited': 'errTitle_rate_limited',
  upstream: 'errTitle_upstream',
  'bad-request': 'errTitle_bad_request',
  'not-found': 'errTitle_not_found',
  internal: 'errTitle_internal',
  'over-budget': 'errTitle_over_budget',
}

function title(failure: RelayFailure, facts: VendorFacts): string {
  const provider = failure.problem?.provider
  const vendor = provider ? facts.label(provider) : null
  if (failure.kind === 'upstream') return vendor ? t('errVendorUnavailable', vendor) : t('errTitle_upstream')
  if (notTheRelay(failure)) return t('errTitle_not_relay')
  return failure.signIn ? t('errSignInNeeded') : t(TITLES[failure.kind])
}

const openSettings = () => void browser.runtime.openOptionsPage()

type Props = { state: FailureState; onRetry: () => void; shown: Fetched | null }

/**
 * One actionable message per failure kind (data-testid="error-<kind>"). When older data is still
 * on screen, says how old it is: the view never goes blank because a refresh failed.
 */
export function ErrorBanner({ state, onRetry, shown }: Props) {
  const { failure, retryAt } = state
  const facts = useContext(VendorFacts)
  // Whole seconds, rounded: the clock ticks once a second and "46 s" right after "retry in 45 s" looks wrong.
  const wait = retryAt !== null ? Math.max(0, Math.round((retryAt - now.value) / 1000)) : 0
  // A relay that is down or restarting comes back by itself (the view retries with backoff): the
  // settings are not the problem, and sending the agent there would be wrong advice.
  const needsSettings = fixedInSettings(failure)
  const canRetry = !['not-configured', 'unauthorized', 'bad-request', 'not-found'].includes(failure.kind)
  const detail = relayDetail(failure)
  return (
    <div class="banner banner-error" data-testid={`error-${failure.kind}`}>
      {/* Only the failure is the alert: the retry countdown below ticks every second, outside it. */}
      <div role="alert" class="banner-alert">
        <strong>{title(failure, facts)}</strong>
        <p data-testid="error-reason" data-reason={failure.reason.code}>
          {failureText(failure)}
        </p>
      </div>
      {detail && <p class="muted">{detail}</p>}
      {failure.kind === 'unauthorized' && <p>{t(failure.signIn ? 'errHintSignIn' : 'errHintToken')}</p>}
      {shown && <p data-testid="stale-note">{t('staleNote', relativeTime(fetchedAt(shown), now.value))}</p>}
      {failure.problem?.requestId && <p class="muted">{t('requestId', failure.problem.requestId)}</p>}
      <div class="actions">
        {canRetry && (
          // aria-disabled while counting down: a disabled button would drop the keyboard's focus.
          <button type="button" onClick={() => wait === 0 && onRetry()} aria-disabled={wait > 0} data-testid="retry">
            {wait > 0 ? t('retryIn', countdown(wait)) : t('retry')}
          </button>
        )}
        {needsSettings && (
          <button type="button" onClick={openSettings} data-testid="open-settings">
            {t('openSettings')}
          </button>
        )}
      </div>
    </div>
  )
}

/** The relay answered with its stored copy because the vendor failed (Cache-Status stale-if-error). */
export function StaleNotice({ fetched, onRetry }: { fetched: Fetched; onRetry: () => void }) {
  const status = fetched.freshness?.forwardStatus
  const title = status === 429 ? t('errVendorRateLimiting') : status ? t('errVendorUnavailableStatus', status) : t('errTitle_upstream')
  return (
    <div class="banner banner-warn" role="status" data-testid="error-upstream" data-stale="true">
      <strong>{title}</strong>
      <p>{t('staleCopyNote', relativeTime(fetchedAt(fetched), now.value))}</p>
      <div class="actions">
        <button type="button" onClick={onRetry} data-testid="retry">
          {t('tryAgain')}
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
