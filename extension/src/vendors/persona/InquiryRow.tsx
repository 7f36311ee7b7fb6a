import type { PersonaInquiry } from '@idv-lens/shared/api'
import { RelTime, Row, VendorTerm } from '../../kit/views.ts'
import { stepWord, t, tn } from '../../kit/words.ts'

/** Statuses where the last step says where the person stopped (a finished inquiry's last step is no news). */
const STOPPED = new Set(['created', 'pending', 'failed', 'expired'])

/**
 * How many sessions (visits to the flow) the inquiry has. Said as sessions: "attempts" are the
 * inquiries with the same reference ID, everywhere (the history, the card's "Earlier attempts").
 */
export function sessionCount(item: PersonaInquiry): number | null {
  const sessions = item.relationships?.sessions?.data
  return Array.isArray(sessions) ? sessions.length : null
}

/**
 * A Persona inquiry: ID, status, the customer's reference ID (how tickets name them), where it
 * stopped when it did not finish, how many sessions when more than one, when it was created.
 */
export function InquiryRow({ item, onOpen }: { item: PersonaInquiry; onOpen: (id: string) => void }) {
  const a = item.attributes
  const sessions = sessionCount(item)
  const stoppedAt = STOPPED.has(a.status.toLowerCase()) ? a['previous-step-name'] : null
  return (
    <Row id={item.id} kind="persona-inquiry" status={a.status} onOpen={onOpen}>
      {a['reference-id'] && (
        <span data-testid="reference-id" title={t('referenceId')}>
          {t('referenceIdShort')} <code>{a['reference-id']}</code>
        </span>
      )}
      {stoppedAt && (
        <span data-testid="stopped-at">
          {t('rowStoppedAt')} <VendorTerm text={stepWord(stoppedAt)} raw={stoppedAt} />
        </span>
      )}
      {/* One session is the usual case: the count is news only when the person came back to the flow. */}
      {sessions !== null && sessions > 1 && <span data-testid="session-count">{tn('rowSessions', sessions)}</span>}
      <RelTime iso={a['created-at']} />
    </Row>
  )
}
