import type { DeepidvSessionRecord, PersonaEvent, PersonaInquiry, PersonaInquirySession } from '@idv-lens/shared/api'
import { deepidvPageQuery, personaNextCursor, personaPageQuery } from '../lib/cursor.ts'
import type { Query, RelayResult, Send } from '../lib/messages.ts'

export type ListKind = 'sessions' | 'inquiries' | 'events' | 'deepidv'

/** One page, whatever the vendor: its items, newest first, and the cursor of the next page. */
export type Page<T> = { items: T[]; cursor: string | null }

/** How to fetch and page one of the three lists. The store does the rest the same way for all. */
export type ListSource<T> = {
  kind: ListKind
  fetchPage(send: Send, query: Query, refresh: boolean): Promise<RelayResult<Page<T>>>
  pageQuery(size: number, cursor: string | null): Query
  idOf(item: T): string
  /** Filters applied when the agent has set none. */
  defaultFilters: Query
}

function mapData<A, B>(result: RelayResult<A>, map: (data: A) => B): RelayResult<B> {
  return result.ok ? { ...result, data: map(result.data) } : result
}

export const sessionsSource: ListSource<PersonaInquirySession> = {
  kind: 'sessions',
  fetchPage: async (send, query, refresh) =>
    mapData(await send('listInquirySessions', { query, refresh }), (d) => ({ items: d.data, cursor: personaNextCursor(d.links?.next) })),
  pageQuery: personaPageQuery,
  idOf: (s) => s.id,
  defaultFilters: {},
}

export const inquiriesSource: ListSource<PersonaInquiry> = {
  kind: 'inquiries',
  fetchPage: async (send, query, refresh) =>
    mapData(await send('listInquiries', { query, refresh }), (d) => ({ items: d.data, cursor: personaNextCursor(d.links?.next) })),
  pageQuery: personaPageQuery,
  idOf: (i) => i.id,
  defaultFilters: {},
}

export const eventsSource: ListSource<PersonaEvent> = {
  kind: 'events',
  fetchPage: async (send, query, refresh) =>
    mapData(await send('listEvents', { query, refresh }), (d) => ({ items: d.data, cursor: personaNextCursor(d.links?.next) })),
  pageQuery: personaPageQuery,
  idOf: (e) => e.id,
  defaultFilters: {},
}

export const deepidvSource: ListSource<DeepidvSessionRecord> = {
  kind: 'deepidv',
  fetchPage: async (send, query, refresh) =>
    mapData(await send('listDeepidvSessions', { query, refresh }), (d) => ({ items: d.sessions, cursor: d.next_token || null })),
  pageQuery: deepidvPageQuery,
  idOf: (s) => s.id,
  // deepidv lists only the sessions the API key's own user created unless asked for the whole
  // organization; an agent looking for a customer's session needs all of them.
  defaultFilters: { by_organization: 'true' },
}
