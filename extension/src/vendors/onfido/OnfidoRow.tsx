import { RelTime, Row, VendorTerm } from '../../kit/views.ts'
import { reasonFailure, t } from '../../kit/words.ts'
import { runReason } from './onfido-facts.ts'
import type { OnfidoRun } from './onfido-records.ts'

/** An Onfido workflow run: status, why it ended (its `reasons` in words, the names on hover), its applicant, when it was created. */
export function OnfidoRow({ item, onOpen }: { item: OnfidoRun; onOpen: (id: string) => void }) {
  const reason = runReason(item)
  return (
    <Row id={item.id} kind="onfido-workflow-run" status={item.status} onOpen={onOpen}>
      {reason && (
        <span data-testid="row-reason">
          <VendorTerm text={reasonFailure(reason)} raw={reason.reasons.join(', ')} />
        </span>
      )}
      {item.tags && item.tags.length > 0 && <span data-testid="row-tags">{item.tags.join(', ')}</span>}
      <RelTime iso={item.created_at ?? null} />
    </Row>
  )
}
