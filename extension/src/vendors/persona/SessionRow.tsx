import type { PersonaInquirySession } from '@idv-lens/shared/api'
import { countryLabel, vendorWord } from '../../kit/words.ts'
import { RelTime, Row, ThreatBadge } from '../../kit/views.ts'

/** A Persona inquiry session: ID, status, threat level, country, device, when it was created. */
export function SessionRow({ item, onOpen }: { item: PersonaInquirySession; onOpen: (id: string) => void }) {
  const a = item.attributes
  const country = countryLabel(a['country-name'], a['country-code'])
  return (
    <Row id={item.id} kind="persona-inquiry-session" status={a.status} onOpen={onOpen}>
      <ThreatBadge level={a['threat-level']} />
      {country && <span data-testid="country">{country}</span>}
      {a['device-type'] && <span>{vendorWord(a['device-type'])}</span>}
      <RelTime iso={a['created-at']} />
    </Row>
  )
}
