import type { Problem } from '@idv-lens/shared/api'
import { andList } from './format.ts'
import { t, type MessageKey } from './i18n.ts'
import type { ConnectionReport, FailureReason, RelayFailure } from './messages.ts'

/**
 * The UI's words for what the background reports as codes and values (lib/messages.ts): one
 * sentence per failure reason, per relay problem code and per "Test connection" outcome.
 */

const snake = (code: string) => code.replace(/-/g, '_')

/** The sentence for a failure reason; a relay problem is worded by its code. */
export function reasonText(reason: FailureReason, problem?: Problem): string {
  switch (reason.code) {
    case 'relay-problem':
      return problem ? problemText(problem.code) : t('problem_internal')
    case 'bad-relay-url':
      return t('fail_bad_relay_url', reason.url)
    case 'token-refused':
    case 'not-a-relay':
      return t(`fail_${snake(reason.code)}` as 'fail_not_a_relay', reason.status)
    case 'timeout':
    case 'foreign-server':
    case 'host-permission-missing':
    case 'cannot-reach-relay':
    case 'cannot-reach':
      return t(`fail_${snake(reason.code)}` as 'fail_timeout', reason.relay)
    case 'origin-not-allowed':
      return t('fail_origin_not_allowed', reason.relay, reason.origin)
    case 'extension-failed':
      return t('fail_extension_failed', reason.error)
    case 'over-budget':
      return t(reason.scope === 'page' ? 'fail_over_budget_page' : 'fail_over_budget', reason.count, reason.minutes)
    default:
      return t(`fail_${snake(reason.code)}` as MessageKey)
  }
}

export function problemText(code: Problem['code']): string {
  return t(`problem_${snake(code)}` as MessageKey)
}

/** What went wrong, in one sentence. */
export function failureText(failure: RelayFailure): string {
  return reasonText(failure.reason, failure.problem)
}

/** The relay's own explanation (English, from the relay or the vendor), when it adds something. */
export function relayDetail(failure: RelayFailure): string | null {
  const detail = failure.reason.code === 'relay-problem' ? failure.problem?.detail : undefined
  return detail ? t('relayDetail', detail) : null
}

/** The one sentence under "Test connection"'s results. `served`: the vendors the relay serves, by their names as they write them. */
export function connectionText(report: ConnectionReport, served: string[]): string {
  const { outcome } = report
  switch (outcome.code) {
    case 'relay-failed': {
      // The agent is typing the URL here: nothing answering is about the URL or the network, and
      // nothing retries by itself on this page.
      const { reason } = outcome.failure
      if (reason.code === 'cannot-reach' || reason.code === 'cannot-reach-relay') return t('conn_nothing_answered', reason.relay)
      return failureText(outcome.failure)
    }
    case 'vendor-failed':
    case 'auth-call-failed': {
      const reason = [failureText(outcome.failure), relayDetail(outcome.failure)].filter(Boolean).join(' ')
      return t(outcome.code === 'vendor-failed' ? 'conn_vendor_failed' : 'conn_auth_call_failed', reason)
    }
    case 'signed-in':
    case 'connected': {
      return t(outcome.code === 'signed-in' ? 'conn_signed_in' : 'conn_connected', served.length ? andList(served) : t('vendorsNone'))
    }
    default:
      return t(`conn_${snake(outcome.code)}` as MessageKey)
  }
}

export { kindLabel } from './kind-label.ts'
