import type { DeepidvSessionRecord, PersonaList } from '@idv-lens/shared/api'
import { deepidvPageQuery, personaNextCursor, personaPageQuery } from '../lib/cursor.ts'
import type { ListRequest, Query, RelayResult, Send } from '../lib/messages.ts'

export type ListKind = 'sessions' | 'inquiries' | 'events' | 'deepidv' | 'stripe'

/** One page, whatever the vendor: its items, newest first, and the cursor of the next page. */
export type Page<T> = { items: T[]; cursor: string | null }

/** Every item of every list carries its vendor ID; lists key rows and drop duplicates by it. */
export type Listed = { id: string }

/** How to fetch and page one of the lists. The store does the rest the same way for all. */
export type ListSource<T extends Listed> = {
  /** `background`: an automatic refresh (a poll), sent as work the relay may shed first. */
  fetchPage(send: Send, query: Query, refresh: boolean, background?: boolean): Promise<RelayResult<Page<T>>>
  pageQuery(size: number, cursor: string | null): Query
  /** Filters applied when the agent has set none. */
  defaultFilters: Query
}

function mapData<A, B>(result: RelayResult<A>, map: (data: A) => B): RelayResult<B> {
  return result.ok ? { ...result, data: map(result.data) } : result
}

/** A Persona list: the relay's mirror of `/api/v1/<resource>`, paged by `links.next`. */
function personaSource<T extends Listed>(list: (send: Send, req: ListRequest) => Promise<RelayResult<PersonaList<T>>>): ListSource<T> {
  return {
    fetchPage: async (send, query, refresh, background) =>
      mapData(await list(send, { query, refresh, ...(background ? { background } : {}) }), (d) => ({ items: d.data, cursor: personaNextCursor(d.links?.next) })),
    pageQuery: personaPageQuery,
    defaultFilters: {},
  }
}

export const sessionsSource = personaSource((send, req) => send('listInquirySessions', req))
export const inquiriesSource = personaSource((send, req) => send('listInquiries', req))
export const eventsSource = personaSource((send, req) => send('listEvents', req))

export const deepidvSource: ListSource<DeepidvSessionRecord> = {
  fetchPage: async (send, query, refresh, background) =>
    mapData(await send('listDeepidvSessions', { query, refresh, ...(background ? { background } : {}) }), (d) => ({ items: d.sessions, cursor: d.next_token || null })),
  pageQuery: deepidvPageQuery,
  // deepidv lists only the sessions the API key's own user created unless asked for the whole
  // organization; an agent looking for a customer's session needs all of them.
  defaultFilters: { by_organization: 'true' },
}
