// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import type { Send } from '../../lib/messages.ts'
import { createDetailStore } from '../../pages/detail-store.ts'
import { StripeReportDetail, StripeSessionDetail } from './StripeDetail.tsx'
import type { StripeVerificationReport, StripeVerificationSession } from '@idv-lens/shared/api'
import type { StripeReportView, StripeSessionView } from './stripe-detail.ts'
import { messageName } from '../../../test-support/message-names.ts'

const SESSION: StripeVerificationSession = {
  id: 'vs_1Pgc76B7WZ01zgkWBdQi8PTU',
  object: 'identity.verification_session',
  created: 1_722_000_000,
  status: 'canceled',
  type: 'document',
  livemode: false,
  client_reference_id: 'demo-customer-4711',
  last_error: { code: 'selfie_face_mismatch', reason: 'The provided selfie did not match the face on the identity document.' },
  last_verification_report: 'vr_QXhW13B2hsHOm43JtUgs0f0w',
  redaction: { status: 'processing' },
}
const REPORT: StripeVerificationReport = {
  id: 'vr_QXhW13B2hsHOm43JtUgs0f0w',
  object: 'identity.verification_report',
  created: 1_722_000_100,
  type: 'document',
  livemode: false,
  verification_session: SESSION.id,
  document: { status: 'verified', error: null },
  selfie: { status: 'unverified', error: { code: 'selfie_face_mismatch', reason: null } },
}
const HISTORY = { referenceId: 'demo-customer-4711', data: [], complete: true }

const answer = (type: string, req: unknown) => {
  const name = messageName(type, req)
  return {
    ok: true,
    data: name === 'get:stripe-verification-session' ? SESSION : name === 'get:stripe-verification-report' ? REPORT : HISTORY,
    freshness: null,
    receivedAt: 0,
  }
}

describe('the Stripe detail', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => {
    act(() => render(null, root))
    useLocale('en')
  })

  /** The detail of `id` once every part of it is in, as the side panel shows it. */
  async function show(id: string, onOpen = vi.fn()) {
    const detail = createDetailStore(vi.fn(async (type: string, req: unknown) => answer(type, req)) as unknown as Send)
    detail.open(id)
    const shown = detail.current.value!
    if (shown.kind === 'stripe-verification-session') {
      const view = shown as StripeSessionView
      await vi.waitFor(() => expect(view.report.data.value && view.history.data.value).toBeTruthy())
      act(() => render(<StripeSessionDetail view={view} onOpen={onOpen} />, root))
    } else if (shown.kind === 'stripe-verification-report') {
      const view = shown as StripeReportView
      await vi.waitFor(() => expect(view.main.data.value).toBeTruthy())
      act(() => render(<StripeReportDetail view={view} onOpen={onOpen} />, root))
    }
    return onOpen
  }
  const text = (selector: string) => [...root.querySelectorAll(selector)].map((el) => el.textContent)
  const field = (name: string) => root.querySelector(`[data-field="${name}"] dd`)?.textContent

  it('should say why in words with the code on hover, the facts, and each check of the last report', async () => {
    await show(SESSION.id)
    const why = root.querySelector('[data-testid="why-failed-check"]')!
    expect(why.getAttribute('data-check')).toBe('selfie')
    expect(why.querySelector('[title="selfie_face_mismatch"]')!.textContent).toBe('The selfie does not match the ID photo')
    expect(why.querySelector('[data-testid="stripe-said"]')!.textContent).toBe(
      'Stripe: “The provided selfie did not match the face on the identity document.”',
    )
    expect([
      field('fieldStatus'),
      field('fieldType'),
      field('fieldReferenceId'),
      field('fieldMode'),
      field('fieldReport'),
      field('fieldRedaction'),
    ]).toEqual(['canceled', 'ID document', 'demo-customer-4711', 'Test mode', REPORT.id, 'processing'])
    expect(text('[data-testid="stripe-check"]')).toEqual(['verifiedID document', 'unverifiedSelfieThe selfie does not match the ID photo'])
    expect(root.querySelector('[data-testid="stripe-check-error"]')!.getAttribute('title')).toBe('selfie_face_mismatch')
  })

  it('should say the requester check is not available, and offer no field to type into', async () => {
    await show(SESSION.id)
    expect(text('[data-testid="requester-unavailable"]')[0]).toMatch(/^Not available for Stripe sessions: /)
    expect(root.querySelector('[data-testid="detail-requester"] input')).toBeNull()
    useLocale('de')
    await show(SESSION.id)
    expect(text('[data-testid="requester-unavailable"]')[0]).toMatch(/^Für Stripe-Sitzungen nicht verfügbar: /)
    expect(root.querySelector('[title="selfie_face_mismatch"]')!.textContent).toBe('Das Selfie passt nicht zum Ausweisfoto')
    expect(field('fieldStatus')).toBe('abgebrochen')
  })

  it('should say whom to tell of a session a manipulated selfie flagged, as the relay admin set it, and nothing of one not flagged', async () => {
    const contact = 'the fraud team in #fraud-review'
    const flagged = { ...SESSION, status: 'requires_input' as const, last_error: { code: 'selfie_manipulated', reason: null } }
    const send = vi.fn(async (type: string, req: unknown) => {
      const name = messageName(type, req)
      if (name === 'agentInfo')
        return {
          ok: true,
          data: { agent: 'a', roles: [], actions: [], linkRequiresRequesterMatch: true, flagged: { tag: null, assignee: null, contact } },
          freshness: null,
          receivedAt: 0,
        }
      return name === 'get:stripe-verification-session' ? { ...answer(type, req), data: flagged } : answer(type, req)
    }) as unknown as Send
    const detail = createDetailStore(send)
    detail.open(SESSION.id)
    const view = detail.current.value as StripeSessionView
    await vi.waitFor(() => expect(view.me.data.value && view.report.data.value && view.history.data.value).toBeTruthy())
    act(() => render(<StripeSessionDetail view={view} onOpen={vi.fn()} />, root))
    expect(text('[data-testid="flagged-contact"]')).toEqual([`Who to tell: ${contact}`])
    await show(SESSION.id)
    expect(root.querySelector('[data-testid="link-flagged"]')).toBeNull()
  })

  it('should open the report from the session and the session from the report', async () => {
    const onOpen = await show(SESSION.id)
    act(() => root.querySelector<HTMLButtonElement>('[data-field="fieldReport"] button')!.click())
    expect(onOpen).toHaveBeenCalledWith(REPORT.id)
    const fromReport = await show(REPORT.id)
    expect(field('fieldStatus')).toBe('unverified')
    expect(text('[data-testid="stripe-check"]')).toHaveLength(2)
    act(() => root.querySelector<HTMLButtonElement>('[data-field="fieldSession"] button')!.click())
    expect(fromReport).toHaveBeenCalledWith(SESSION.id)
  })
})
