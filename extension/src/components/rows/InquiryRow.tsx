import type { PersonaInquiry } from '@idv-lens/shared/api'
import { RelTime } from '../RelTime.tsx'
import { Row } from './Row.tsx'
import { t } from '../../lib/i18n.ts'

/** A Persona inquiry: ID, status, the customer's reference ID (how tickets name them), when it was created. */
export function InquiryRow({ item, onOpen }: { item: PersonaInquiry; onOpen: (id: string) => void }) {
  const a = item.attributes
  return (
    <Row id={item.id} kind="persona-inquiry" status={a.status} onOpen={onOpen}>
      {a['reference-id'] && (
        <span data-testid="reference-id" title={t('referenceId')}>
          {t('referenceIdShort')} <code>{a['reference-id']}</code>
        </span>
      )}
      <RelTime iso={a['created-at']} />
    </Row>
  )
}
