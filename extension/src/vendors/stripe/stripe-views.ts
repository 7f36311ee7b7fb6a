import { signal, type Signal } from '@preact/signals'
import type { HistoryResponse } from '@idv-lens/shared/api'
import type { DetailSection, Send } from '../../lib/messages.ts'
import { createResource, type Resource } from '../../stores/resource.ts'
import type { StripeReport, StripeSession } from './stripe-types.ts'

/**
 * A session's detail: the session, its last report's checks (a call of its own, once the session
 * names the report), and the other sessions with the same `client_reference_id` (GET /v1/history).
 * No requester check: Stripe's person data (`verified_outputs`) never leaves the relay.
 */
export type StripeSessionView = {
  kind: 'stripe-verification-session'
  id: string
  main: Resource<StripeSession>
  /** `report: null`: the session has no report (yet, or it ended before one was made). */
  report: Resource<{ report: StripeReport | null }>
  history: Resource<HistoryResponse>
  focus: Signal<DetailSection | null>
}

/** A report opened by its own ID: its checks, and the way to its session. */
export type StripeReportView = { kind: 'stripe-verification-report'; id: string; main: Resource<StripeReport> }

export type StripeView = StripeSessionView | StripeReportView

type Deps = {
  send: Send
  now: () => number
  /** The history of a reference ID, as every vendor's detail reads it (detail-store.ts). */
  history: (reference: () => string | null) => Resource<HistoryResponse>
}

export function stripeView(kind: StripeView['kind'], id: string, { send, now, history }: Deps): StripeView {
  if (kind === 'stripe-verification-report') return { kind, id, main: createResource((refresh) => send('getStripeReport', { id, refresh }), now) }
  const main = createResource((refresh) => send('getStripeSession', { id, refresh }), now)
  const report = createResource<{ report: StripeReport | null }>(async (refresh) => {
    const reportId = main.data.value?.last_verification_report
    if (!reportId) return { ok: true, data: { report: null }, freshness: null, receivedAt: now() }
    const answer = await send('getStripeReport', { id: reportId, refresh })
    return answer.ok ? { ...answer, data: { report: answer.data } } : answer
  }, now)
  return { kind, id, main, report, history: history(() => main.data.value?.client_reference_id ?? null), focus: signal(null) }
}

/** What loads at once, and what waits for the session (its report's ID, its reference). */
export function stripeParts(view: StripeView): { first: Resource<unknown>[]; after: Resource<unknown>[] } {
  return view.kind === 'stripe-verification-session' ? { first: [view.main], after: [view.report, view.history] } : { first: [view.main], after: [] }
}

/** The IDs the view shows besides its own: a session's report, a report's session. */
export function stripeIdsShown(view: StripeView): string[] {
  const other = view.kind === 'stripe-verification-session' ? view.main.data.value?.last_verification_report : view.main.data.value?.verification_session
  return other ? [other] : []
}
