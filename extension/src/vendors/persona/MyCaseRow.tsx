import type { PersonaCase } from '@idv-lens/shared/api'
import { t } from '../../kit/words.ts'
import { RelTime, Row } from '../../kit/views.ts'
import { SlaDue } from './CaseSection.tsx'

/** The case's inquiry: what its row opens (a case has no detail of its own; the inquiry's shows it). */
function inquiryOf(item: PersonaCase): string | null {
  const related = (item as { relationships?: { inquiries?: { data?: { id?: unknown }[] | null } } }).relationships?.inquiries?.data ?? []
  const id = related.find((r) => typeof r.id === 'string')?.id
  return typeof id === 'string' ? id : null
}

/** One case assigned to the agent: its inquiry (opens it), status, name, due time if it has one, when it was made. */
export function MyCaseRow({ item, onOpen }: { item: PersonaCase; onOpen: (id: string) => void }) {
  const a = item.attributes
  const inquiry = inquiryOf(item)
  return (
    <div data-testid="my-case" data-id={item.id}>
      {inquiry ? (
        <Row id={inquiry} kind="persona-inquiry" status={a.status} onOpen={onOpen}>
          {a.name && <span>{a.name}</span>}
          {/* The due time is what orders the list; a case without one shows when it was made. */}
          {a['sla-expires-at'] ? (
            <span title={t('fieldSlaDue')}>
              {t('fieldSlaDue')}: <SlaDue iso={a['sla-expires-at']} resolved={false} />
            </span>
          ) : (
            <RelTime iso={a['created-at']} />
          )}
        </Row>
      ) : (
        <code>{item.id}</code>
      )}
    </div>
  )
}
