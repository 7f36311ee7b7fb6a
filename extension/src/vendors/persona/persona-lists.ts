import {
  PERSONA_READ_HEADERS,
  type PersonaCase,
  type PersonaEvent,
  type PersonaInquiry,
  type PersonaInquirySession,
  type PersonaList,
} from '@idv-lens/shared/api'
import type { Listed, VendorList } from '../vendor.ts'
import { personaNextCursor, personaPageQuery } from './persona-pages.ts'

// Kebab-case keys of the current version, whatever the relay's key defaults to: the very requests the
// relay's history and lookup read the same records with, so both share one cache entry (one vendor call).
export const header = { ...PERSONA_READ_HEADERS }

/** A Persona list: the relay's mirror of `/api/v1/<resource>`, paged by `links.next`. */
const paged = <T extends Listed>() => ({
  page: (d: PersonaList<T>) => ({ items: d.data, cursor: personaNextCursor(d.links?.next) }),
  pageQuery: personaPageQuery,
  defaultFilters: {},
})

/** The inquiry a session belongs to: a change to it re-reads the list too. */
function sessionRowIds(item: PersonaInquirySession): string[] {
  const inquiry = (item as { relationships?: { inquiry?: { data?: { id?: unknown } | null } } }).relationships?.inquiry?.data?.id
  return typeof inquiry === 'string' ? [inquiry] : []
}

const sessions: VendorList<PersonaList<PersonaInquirySession>, PersonaInquirySession> = {
  key: 'sessions',
  tab: 'tabSessions',
  call: (query) => (c, o) => c.v1.persona['inquiry-sessions'].$get({ query, header }, o),
  ...paged<PersonaInquirySession>(),
  rowIds: sessionRowIds,
}

const inquiries: VendorList<PersonaList<PersonaInquiry>, PersonaInquiry> = {
  key: 'inquiries',
  tab: 'tabInquiries',
  // The object agents are asked about, what a ticket's ID usually is.
  opensPopup: true,
  call: (query) => (c, o) => c.v1.persona.inquiries.$get({ query, header }, o),
  ...paged<PersonaInquiry>(),
}

const events: VendorList<PersonaList<PersonaEvent>, PersonaEvent> = {
  key: 'events',
  tab: 'tabEvents',
  call: (query) => (c, o) => c.v1.persona.events.$get({ query, header }, o),
  ...paged<PersonaEvent>(),
}

/** An inquiry's review cases (`filter[inquiry-id]`): no tab, its detail shows them. */
const cases: VendorList<PersonaList<PersonaCase>, PersonaCase> = {
  key: 'cases',
  tab: null,
  call: (query) => (c, o) => c.v1.persona.cases.$get({ query, header }, o),
  ...paged<PersonaCase>(),
}

/** The open cases assigned to the agent, due soonest first (the relay's /v1/persona/my-cases); one page, no filters. */
const myCases: VendorList<PersonaList<PersonaCase>, PersonaCase> = {
  key: 'myCases',
  tab: 'tabMyCases',
  panelOnly: true,
  call: () => (c, o) => c.v1.persona['my-cases'].$get({}, o),
  page: (d: PersonaList<PersonaCase>) => ({ items: d.data, cursor: null }),
  pageQuery: () => ({}),
  defaultFilters: {},
  rowIds: (item) =>
    ((item as { relationships?: { inquiries?: { data?: { id: string }[] } } }).relationships?.inquiries?.data ?? []).map((r) => r.id),
}

export const PERSONA_LISTS = [sessions, inquiries, events, cases, myCases] as const
