import { signal, type Signal } from '@preact/signals'
import type { AgentInfo, DetailSection, RelayResult } from '../../kit/relay.ts'
import { createResource, historyFor, type Resource } from '../../kit/stores.ts'
import type { DetailContext, DetailModel } from '../vendor-view.ts'
import type { HistoryResponse, StripeVerificationReport, StripeVerificationSession } from '@idv-lens/shared/api'

/**
 * A session's detail: the session, its last report's checks (a call of its own, once the session
 * names the report), and the other sessions with the same `client_reference_id` (GET /v1/history).
 * No requester check: Stripe's person data (`verified_outputs`) never leaves the relay.
 */
export type StripeSessionView = DetailModel & {
  main: Resource<StripeVerificationSession>
  /** `report: null`: the session has no report (yet, or it ended before one was made). */
  report: Resource<{ report: StripeVerificationReport | null }>
  history: Resource<HistoryResponse>
  focus: Signal<DetailSection | null>
  /** GET /v1/me: whom to tell of a flagged session (Stripe has no escalation an agent can make). */
  me: Resource<AgentInfo>
}

/** A report opened by its own ID: its checks, and the way to its session. */
export type StripeReportView = DetailModel & { main: Resource<StripeVerificationReport> }

const readReport = (context: DetailContext, id: string, refresh: boolean) =>
  context.send('getRecord', { kind: 'stripe-verification-report', id, refresh }) as Promise<RelayResult<StripeVerificationReport>>

export function createStripeSessionModel(context: DetailContext): StripeSessionView {
  const { kind, id, send, now } = context
  const main = createResource((refresh) => send('getRecord', { kind, id, refresh }) as Promise<RelayResult<StripeVerificationSession>>, now)
  const report = createResource<{ report: StripeVerificationReport | null }>(async (refresh) => {
    const reportId = main.data.value?.last_verification_report
    if (!reportId) return { ok: true, data: { report: null }, freshness: null, receivedAt: now() }
    const answer = await readReport(context, reportId, refresh)
    return answer.ok ? { ...answer, data: { report: answer.data } } : answer
  }, now)
  const history = historyFor(send, () => main.data.value?.client_reference_id ?? null, now)
  const me = createResource(() => send('agentInfo', undefined), now)
  return {
    kind,
    id,
    main,
    report,
    history,
    focus: signal(null),
    me,
    // What waits for the session: its report's ID, its reference.
    first: [me],
    after: [report, history],
    // A change of its report re-reads the session.
    idsShown: () => {
      const other = main.data.value?.last_verification_report
      return other ? [other] : []
    },
    seen: () => {
      const data = main.data.value
      return data ? { status: data.status } : null
    },
  }
}

/** A report is made once and never changes: nothing to watch. */
export function createStripeReportModel(context: DetailContext): StripeReportView {
  const main = createResource((refresh) => readReport(context, context.id, refresh), context.now)
  return {
    kind: context.kind,
    id: context.id,
    main,
    first: [],
    after: [],
    idsShown: () => {
      const other = main.data.value?.verification_session
      return other ? [other] : []
    },
    seen: () => null,
  }
}
