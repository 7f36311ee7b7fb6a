import type { LookupDetails } from '@idv-lens/shared/api'
import { countryLabel, t, vendorWord } from '../../kit/words.ts'
import type { Vendor, VendorRecord } from '../vendor.ts'
import { PERSONA_ACTION_BUTTONS, PERSONA_ACTIONS } from './persona-actions.ts'
import { header, PERSONA_LISTS } from './persona-lists.ts'
import { PERSONA_EVENTS } from './persona-events.ts'

type Details<K extends LookupDetails['kind']> = Extract<LookupDetails, { kind: K }>
const as = <K extends LookupDetails['kind']>(kind: K, d: LookupDetails): Details<K> | null => (d.kind === kind ? (d as Details<K>) : null)

const inquiry: VendorRecord = {
  // With its verifications in `included`: the detail's "why" needs no call of their own.
  call: (id) => (c, o) => c.v1.persona.inquiries[':id'].$get({ param: { id }, query: { include: 'verifications' }, header }, o),
  person: true,
  actions: true,
  // The inquiry's latest session carries the device-side signals.
  facts: (details) => {
    const d = as('persona-inquiry', details)
    if (!d) return {}
    return {
      reference: { label: 'fieldReference', value: d.referenceId, testId: 'reference' },
      threat: { label: 'fieldSessionThreat', value: d.threatLevel && vendorWord(d.threatLevel), testId: 'threat' },
      country: { label: 'fieldSessionCountry', value: countryLabel(d.countryName, d.countryCode), testId: 'country' },
    }
  },
  reference: (details) => as('persona-inquiry', details)?.referenceId ?? null,
}

const session: VendorRecord = {
  call: (id) => (c, o) => c.v1.persona['inquiry-sessions'][':id'].$get({ param: { id }, query: {}, header }, o),
  facts: (details) => {
    const d = as('persona-inquiry-session', details)
    if (!d) return {}
    return {
      inquiry: { label: 'fieldInquiry', value: d.inquiryId },
      threat: { label: 'fieldThreat', value: d.threatLevel && vendorWord(d.threatLevel), testId: 'threat' },
      country: { label: 'fieldCountry', value: countryLabel(d.countryName, d.countryCode), testId: 'country' },
      network: { label: 'fieldNetwork', value: d.networkFlags.join(', ') },
    }
  },
}

const event: VendorRecord = {
  call: (id) => (c, o) => c.v1.persona.events[':id'].$get({ param: { id }, query: {}, header }, o),
  facts: (details) => {
    const d = as('persona-event', details)
    if (!d) return {}
    return {
      event: { label: 'fieldEvent', value: d.name, testId: 'event-name' },
      about: { label: 'fieldAbout', value: d.objectId && `${d.objectType ?? t('objectFallback')} ${d.objectId}` },
    }
  },
}

/** Persona: inquiries, their sessions and events, review cases, and the agent actions on inquiries. */
export const persona: Vendor = {
  name: 'persona',
  label: 'Persona',
  lists: PERSONA_LISTS,
  records: { 'persona-inquiry': inquiry, 'persona-inquiry-session': session, 'persona-event': event },
  probe: (c, o) => c.v1.persona.events.$get({ query: { 'page[size]': '1' }, header: {} }, o),
  events: PERSONA_EVENTS,
  // Persona's live event is an event the side panel shows itself.
  liveTarget: (event) => event.id,
  actions: PERSONA_ACTIONS,
  actionButtons: PERSONA_ACTION_BUTTONS,
}
