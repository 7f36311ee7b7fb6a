import type { PersonaInquiry } from '@idv-lens/shared/api'
import { RelTime } from '../RelTime.tsx'
import { StatusBadge } from '../StatusBadge.tsx'
import { RowId } from './RowId.tsx'

/** A Persona inquiry: ID, status, the customer's reference ID (how tickets name them), when it was created. */
export function InquiryRow({ item, onOpen }: { item: PersonaInquiry; onOpen: (id: string) => void }) {
  const a = item.attributes
  return (
    <div class="row">
      <div class="row-top">
        <RowId id={item.id} kindLabel="inquiry" onOpen={onOpen} />
        <StatusBadge status={a.status} />
      </div>
      <div class="row-meta">
        {a['reference-id'] && (
          <span data-testid="reference-id" title="Reference ID">
            ref <code>{a['reference-id']}</code>
          </span>
        )}
        <RelTime iso={a['created-at']} />
      </div>
    </div>
  )
}
