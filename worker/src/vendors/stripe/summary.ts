import { dashboardUrl, saysTestMode } from '@idv-lens/shared/ids'
import type { LookupFailedCheck, LookupReason } from '@idv-lens/shared/api'
import { summaryFields, type Found } from '../../kit/lookup.ts'
import { STRIPE_CHECKS, type StripeVerificationReport, type StripeVerificationSession } from './types.ts'

const f = summaryFields('stripe', 'Stripe')

const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}

/** Stripe's times are Unix seconds (docs/vendors/stripe.md §3). */
function isoOfSeconds(v: unknown, where: string): string | null {
  if (v === undefined || v === null) return null
  if (typeof v !== 'number' || !Number.isFinite(v)) throw f.invalid(where)
  return new Date(v * 1000).toISOString()
}

const optFlag = (v: unknown, where: string): boolean | null => {
  if (v === undefined || v === null) return null
  if (typeof v === 'boolean') return v
  throw f.invalid(where)
}

/**
 * The check a `last_error.code` belongs to, by its documented prefix (docs/vendors/stripe.md §5):
 * `selfie_face_mismatch` is the selfie check's; codes of no check (`abandoned`, `consent_declined`,
 * `under_supported_age`…) are the session's own.
 */
export function checkOfCode(code: string): string {
  return STRIPE_CHECKS.find((check) => code.startsWith(`${check}_`)) ?? 'session'
}

/** Why a session needs input or was canceled: its `last_error`, as a lookup reason; null when it has none. */
export function stripeSessionReason(session: StripeVerificationSession): LookupReason | null {
  const code = f.optText(record(session.last_error).code, 'last_error.code')
  if (!code) return null
  const report = f.optText(session.last_verification_report, 'last_verification_report')
  const check = checkOfCode(code)
  return { check, reasons: [code], verificationId: report, failedChecks: 1, failed: [{ check, reasons: [code] }] }
}

/** A verification session as a one-line lookup summary (lookup/found.ts says what a summary keeps). */
export function summarizeStripeSession(s: StripeVerificationSession): Found<'stripe-verification-session'> {
  const id = f.text(s.id, 'id')
  return {
    found: true,
    id,
    kind: 'stripe-verification-session',
    provider: 'stripe',
    type: 'verification_session',
    status: f.text(s.status, 'status'),
    createdAt: isoOfSeconds(s.created, 'created'),
    updatedAt: null,
    dashboardUrl: dashboardUrl('stripe-verification-session', id, { testMode: saysTestMode(s) }),
    reason: stripeSessionReason(s),
    case: null,
    details: {
      kind: 'stripe-verification-session',
      clientReferenceId: f.optText(s.client_reference_id, 'client_reference_id'),
      verificationType: f.optText(s.type, 'type'),
      lastReportId: f.optText(s.last_verification_report, 'last_verification_report'),
      livemode: optFlag(s.livemode, 'livemode'),
      redactionStatus: f.optText(record(s.redaction).status, 'redaction.status'),
      lastErrorReason: f.optText(record(s.last_error).reason, 'last_error.reason'),
    },
  }
}

/** A report's checks that came out `unverified`, in the order an agent reads them. */
function failedChecks(report: StripeVerificationReport): LookupFailedCheck[] {
  const failed: LookupFailedCheck[] = []
  for (const check of STRIPE_CHECKS) {
    const result = record(report[check])
    if (f.optText(result.status, `${check}.status`) !== 'unverified') continue
    const code = f.optText(record(result.error).code, `${check}.error.code`)
    failed.push({ check, reasons: code ? [code] : [] })
  }
  return failed
}

/**
 * A verification report as a lookup summary. A report has no status of its own: it is `unverified`
 * when one of its checks is, else `verified` (docs/vendors/stripe.md §4).
 */
export function summarizeStripeReport(r: StripeVerificationReport): Found<'stripe-verification-report'> {
  const id = f.text(r.id, 'id')
  const failed = failedChecks(r)
  return {
    found: true,
    id,
    kind: 'stripe-verification-report',
    provider: 'stripe',
    type: 'verification_report',
    status: failed.length ? 'unverified' : 'verified',
    createdAt: isoOfSeconds(r.created, 'created'),
    updatedAt: null,
    dashboardUrl: dashboardUrl('stripe-verification-report', id, { testMode: saysTestMode(r) }),
    reason: failed[0] ? { ...failed[0], verificationId: id, failedChecks: failed.length, failed } : null,
    case: null,
    details: {
      kind: 'stripe-verification-report',
      clientReferenceId: f.optText(r.client_reference_id, 'client_reference_id'),
      verificationType: f.optText(r.type, 'type'),
      sessionId: f.optText(r.verification_session, 'verification_session'),
      livemode: optFlag(r.livemode, 'livemode'),
    },
  }
}
