import { dashboardUrl, saysTestMode } from '@idv-lens/shared/ids'
import type { SummaryFacts } from '../../kit/relay.ts'
import { humanize, lookupMessage, t } from '../../kit/words.ts'
import { STRIPE_CHECKS, type StripeCheck, type StripeVerificationReport, type StripeVerificationSession } from '@idv-lens/shared/api'

/** A report's checks, by name (STRIPE_CHECKS: in the order an agent reads them, as the relay's lookup reads them). */
export type StripeCheckName = (typeof STRIPE_CHECKS)[number]

/** Stripe's times are Unix seconds (docs/vendors/stripe.md §3): the ISO instant, or null. */
export function isoOfSeconds(seconds: number | null | undefined): string | null {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null
}

/**
 * The check a `last_error.code` belongs to, by its prefix (`selfie_face_mismatch` → selfie); codes
 * of no check (`abandoned`, `under_supported_age`) are the session's own. As the relay's summary.ts.
 */
export function checkOfCode(code: string): string {
  return STRIPE_CHECKS.find((check) => code.startsWith(`${check}_`)) ?? 'session'
}

/** The session's reason as the card and the history give it: its `last_error.code` under its check. */
export function sessionReason(session: StripeVerificationSession): SummaryFacts['reason'] {
  const code = session.last_error?.code
  const check = code ? checkOfCode(code) : null
  return code && check ? { check, reasons: [code], failedChecks: 1, failed: [{ check, reasons: [code] }] } : null
}

/** One check of a report as the detail lists it: present ones only, in reading order. */
export type ReportCheck = { name: StripeCheckName; status: string; code: string | null }

export function reportChecks(report: StripeVerificationReport): ReportCheck[] {
  return STRIPE_CHECKS.flatMap((name) => {
    const check: StripeCheck | undefined = report[name]
    return check && typeof check.status === 'string' ? [{ name, status: check.status, code: check.error?.code ?? null }] : []
  })
}

/** A report has no status of its own: `unverified` when a check is (as the relay's lookup says). */
export function reportStatus(report: StripeVerificationReport): 'verified' | 'unverified' {
  return reportChecks(report).some((c) => c.status === 'unverified') ? 'unverified' : 'verified'
}

/**
 * When a session last changed, as far as Stripe says: Stripe keeps no update time, but a verified
 * session, or one back in `requires_input`, changed when its last report was made. Null otherwise
 * (a cancel or a submission leaves no time of its own).
 */
function sessionChangedAt(session: StripeVerificationSession, report: StripeVerificationReport | null): string | null {
  if (!report || report.id !== session.last_verification_report) return null
  return session.status === 'verified' || session.status === 'requires_input' ? isoOfSeconds(report.created) : null
}

/** `report`: the session's last report when the detail has read it (it dates the last change). */
export function factsOfStripeSession(session: StripeVerificationSession, report: StripeVerificationReport | null = null): SummaryFacts {
  return {
    kind: 'stripe-verification-session',
    id: session.id,
    status: session.status,
    reason: sessionReason(session),
    case: null,
    createdAt: isoOfSeconds(session.created),
    updatedAt: sessionChangedAt(session, report),
    dashboardUrl: dashboardUrl('stripe-verification-session', session.id, { testMode: saysTestMode(session) }),
  }
}

export function factsOfStripeReport(report: StripeVerificationReport): SummaryFacts {
  const failed = reportChecks(report).filter((c) => c.status === 'unverified')
  const first = failed[0]
  return {
    kind: 'stripe-verification-report',
    id: report.id,
    status: reportStatus(report),
    reason: first
      ? {
          check: first.name,
          reasons: first.code ? [first.code] : [],
          failedChecks: failed.length,
          failed: failed.map((c) => ({ check: c.name, reasons: c.code ? [c.code] : [] })),
        }
      : null,
    case: null,
    createdAt: isoOfSeconds(report.created),
    updatedAt: null,
    dashboardUrl: dashboardUrl('stripe-verification-report', report.id, { testMode: saysTestMode(report) }),
  }
}

/** `document`, `id_number`, `verification_flow` in words; an unknown type made readable. */
export function verificationTypeWord(type: string): string {
  return lookupMessage(`stripe_type_${type.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`) ?? humanize(type)
}

/** Live or test mode, from `livemode`; null when Stripe did not say. */
export function modeWord(livemode: boolean | undefined): string | null {
  return livemode === undefined ? null : t(livemode ? 'stripeModeLive' : 'stripeModeTest')
}
