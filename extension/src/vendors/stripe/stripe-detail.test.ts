import { describe, expect, it, vi } from 'vitest'
import type { Send } from '../../lib/messages.ts'
import { createDetailStore, idsShown } from '../../pages/detail-store.ts'
import type { DetailModel } from '../vendor-view.ts'
import type { StripeReportView, StripeSessionView } from './stripe-detail.ts'
import { messageName } from '../../../test-support/message-names.ts'

const detailSeen = (view: DetailModel) => view.seen()
import type { StripeVerificationReport, StripeVerificationSession } from '@idv-lens/shared/api'

const SESSION_ID = 'vs_1Pgc76B7WZ01zgkWBdQi8PTU'
const REPORT_ID = 'vr_QXhW13B2hsHOm43JtUgs0f0w'
const session = (over: Partial<StripeVerificationSession> = {}): StripeVerificationSession => ({
  id: SESSION_ID,
  object: 'identity.verification_session',
  created: 1_722_000_000,
  status: 'requires_input',
  client_reference_id: 'demo-customer-4711',
  last_error: { code: 'document_expired', reason: null },
  last_verification_report: REPORT_ID,
  ...over,
})
const REPORT: StripeVerificationReport = {
  id: REPORT_ID,
  object: 'identity.verification_report',
  created: 1_722_000_100,
  verification_session: SESSION_ID,
  document: { status: 'unverified', error: { code: 'document_expired', reason: null } },
}

/** The relay as the detail reads it: the session, its report, and the reference's history. */
function relay(stored: StripeVerificationSession) {
  const calls: [string, unknown][] = []
  const send = vi.fn(async (message: string, req: unknown) => {
    const type = messageName(message, req)
    calls.push([type, req])
    const data =
      type === 'get:stripe-verification-session'
        ? stored
        : type === 'get:stripe-verification-report'
          ? REPORT
          : type === 'readHistory'
            ? { referenceId: 'demo-customer-4711', data: [], complete: true }
            : null
    return { ok: true, data, freshness: null, receivedAt: 0 }
  }) as unknown as Send
  return { send, calls }
}

describe('a Stripe session or report in the side panel', () => {
  it('should read the session, then its last report and the history of its client_reference_id', async () => {
    const { send, calls } = relay(session())
    const detail = createDetailStore(send)
    expect(detail.open(SESSION_ID)).toBe(true)
    const shown = detail.current.value
    if (shown?.kind !== 'stripe-verification-session') throw new Error('not a Stripe session view')
    const view = shown as StripeSessionView
    await vi.waitFor(() => expect(view.report.data.value).toEqual({ report: REPORT }))
    await vi.waitFor(() => expect(view.history.data.value).not.toBeNull())
    // GET /v1/me besides: whom to tell of a flagged session.
    expect(calls.filter(([type]) => type === 'agentInfo')).toHaveLength(1)
    expect(calls.filter(([type]) => type !== 'agentInfo')).toEqual([
      ['get:stripe-verification-session', { kind: 'stripe-verification-session', id: SESSION_ID, refresh: false }],
      ['get:stripe-verification-report', { kind: 'stripe-verification-report', id: REPORT_ID, refresh: false }],
      ['readHistory', { referenceId: 'demo-customer-4711', refresh: false }],
    ])
    // A change of its report re-reads the session; a watch starts from the status shown.
    expect([...idsShown(view)]).toEqual([SESSION_ID, REPORT_ID])
    expect(detailSeen(view)).toEqual({ status: 'requires_input' })
  })

  it('should ask for no report when the session has none, and no history without a reference', async () => {
    const { send, calls } = relay(
      session({ last_verification_report: null, client_reference_id: null, status: 'processing', last_error: null }),
    )
    const detail = createDetailStore(send)
    detail.open(SESSION_ID)
    const shown = detail.current.value
    if (shown?.kind !== 'stripe-verification-session') throw new Error('not a Stripe session view')
    const view = shown as StripeSessionView
    await vi.waitFor(() => expect(view.report.data.value).toEqual({ report: null }))
    await vi.waitFor(() => expect(view.history.data.value?.referenceId).toBe(''))
    expect(calls.map(([type]) => type).filter((type) => type !== 'agentInfo')).toEqual(['get:stripe-verification-session'])
  })

  it('should take the section a card asked for', () => {
    const detail = createDetailStore(relay(session()).send)
    detail.open(SESSION_ID, 'requester')
    expect(detail.current.value?.focus?.value).toBe('requester')
  })

  it('should open a report by its own ID, lead to its session, and offer no watch', async () => {
    const { send, calls } = relay(session())
    const detail = createDetailStore(send)
    detail.open(REPORT_ID)
    const shown = detail.current.value
    if (shown?.kind !== 'stripe-verification-report') throw new Error('not a Stripe report view')
    const view = shown as StripeReportView
    await vi.waitFor(() => expect(view.main.data.value).toEqual(REPORT))
    expect(calls).toEqual([['get:stripe-verification-report', { kind: 'stripe-verification-report', id: REPORT_ID, refresh: false }]])
    expect([...idsShown(view)]).toEqual([REPORT_ID, SESSION_ID])
    expect(detailSeen(view)).toBeNull()
  })
})
