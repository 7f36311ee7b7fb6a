import type { DeepidvSessionRecord } from '@idv-lens/shared/api'
import { RelTime, Row } from '../../kit/views.ts'
import { t, vendorWord } from '../../kit/words.ts'

/** deepidv sends the country as an object in one doc and a plain string in another: accept both. */
export function deepidvCountry(location: DeepidvSessionRecord['location']): string | null {
  if (!location) return null
  return typeof location === 'string' ? location : (location.country ?? null)
}

/** A deepidv session: UUID, status, progress, country, external ID, when it was created. */
export function DeepidvRow({ item, onOpen }: { item: DeepidvSessionRecord; onOpen: (id: string) => void }) {
  const country = deepidvCountry(item.location)
  // Progress is worth a word only when it says more than the status (PENDING/PENDING says nothing).
  const progress = item.session_progress && item.session_progress.toLowerCase() !== item.status.toLowerCase() ? item.session_progress : null
  return (
    <Row id={item.id} kind="deepidv-session" status={item.status} onOpen={onOpen}>
      {progress && <span>{vendorWord(progress)}</span>}
      {country && <span data-testid="country">{country}</span>}
      {item.external_id && <span title={t('externalId')}>{t('externalIdShort', item.external_id)}</span>}
      <RelTime iso={item.created_at} />
    </Row>
  )
}
