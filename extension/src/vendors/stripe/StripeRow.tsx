import { RelTime, Row, VendorTerm } from '../../kit/views.ts'
import { reasonFailure, t } from '../../kit/words.ts'
import { isoOfSeconds, sessionReason } from './stripe-facts.ts'
import type { StripeVerificationSession } from '@idv-lens/shared/api'

/**
 * A Stripe verification session: status, why it needs the person again or ended (its
 * `last_error.code` in words, the code on hover), the integrator's reference, when it was created.
 */
export function StripeRow({ item, onOpen }: { item: StripeVerificationSession; onOpen: (id: string) => void }) {
  const reason = sessionReason(item)
  return (
    <Row id={item.id} kind="stripe-verification-session" status={item.status} onOpen={onOpen}>
      {reason && (
        <span data-testid="row-reason">
          <VendorTerm text={reasonFailure(reason)} raw={reason.reasons.join(', ')} />
        </span>
      )}
      {item.client_reference_id && (
        <span data-testid="reference-id" title={t('referenceId')}>
          {t('referenceIdShort')} <code>{item.client_reference_id}</code>
        </span>
      )}
      <RelTime iso={isoOfSeconds(item.created)} />
    </Row>
  )
}
