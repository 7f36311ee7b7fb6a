import { useContext } from 'preact/hooks'
import { Badge, VendorFacts, VendorTerm, WhyReason } from '../../kit/views.ts'
import { humanize, lookupMessage, reasonFailure, sentence, t, vendorWord } from '../../kit/words.ts'
import { reportChecks, sessionReason } from './stripe-facts.ts'
import type { StripeVerificationReport, StripeVerificationSession } from '@idv-lens/shared/api'

/** A check's name as a heading ("Selfie"), not as a claim ("Selfie matches"): its badge says how it went. */
const checkTitle = (name: string) => lookupMessage(`stripe_check_${name}`) ?? sentence(humanize(name))

/**
 * Why the session needs the person again or ended: its `last_error.code` in words (the code on
 * hover), and Stripe's own sentence for it, which Stripe words for the person (English).
 */
export function StripeWhy({ session }: { session: StripeVerificationSession }) {
  const said = session.last_error?.reason
  return (
    <WhyReason reason={sessionReason(session)}>
      {said && (
        <span class="why-reasons muted" data-testid="stripe-said">
          {t('stripeSaid', said)}
        </span>
      )}
    </WhyReason>
  )
}

/** The report's checks: each one's outcome, and a failed one's error in words. Nothing the check read. */
export function StripeChecks({ report }: { report: StripeVerificationReport }) {
  const { tone } = useContext(VendorFacts)
  const checks = reportChecks(report)
  if (checks.length === 0) return <p class="muted">{t('stripeNoChecks')}</p>
  return (
    <ul class="why-checks" data-testid="stripe-checks">
      {checks.map((check) => (
        <li key={check.name} class="why-check" data-testid="stripe-check" data-check={check.name} data-status={check.status}>
          <Badge text={vendorWord(check.status)} tone={tone('stripe', check.status)} raw={check.status} label={checkTitle(check.name)} />
          <span class="why-text">
            <VendorTerm text={checkTitle(check.name)} raw={check.name} />
            {check.status === 'unverified' && (
              <span class="why-reasons muted" data-testid="stripe-check-error" title={check.code ?? undefined}>
                {sentence(reasonFailure({ check: check.name, reasons: check.code ? [check.code] : [] }))}
              </span>
            )}
          </span>
        </li>
      ))}
    </ul>
  )
}
