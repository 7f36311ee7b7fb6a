import type { Query, RelayResult, Send } from '../lib/messages.ts'
import { LISTS } from '../vendors/index.ts'
import type { Listed, Page, VendorList } from '../vendors/vendor.ts'

export type { Listed, Page }

/** A list's key in the registry (vendors/index.ts): `inquiries`, `deepidv`, … */
export type ListKind = string

/** How to fetch and page one of the lists. The store does the rest the same way for all. */
export type ListSource<T extends Listed> = {
  /** `background`: an automatic refresh (a poll), sent as work the relay may shed first. */
  fetchPage(send: Send, query: Query, refresh: boolean, background?: boolean): Promise<RelayResult<Page<T>>>
  pageQuery(size: number, cursor: string | null): Query
  /** Filters applied when the agent has set none. */
  defaultFilters: Query
}

/** A vendor's list as a source: its page through `listRecords`, read by the list's own `page`. */
export function listSource<T extends Listed>(list: VendorList<unknown, T>): ListSource<T> {
  return {
    fetchPage: async (send, query, refresh, background) => {
      const result = await send('listRecords', { list: list.key, query, refresh, ...(background ? { background } : {}) })
      return result.ok ? { ...result, data: list.page(result.data) } : result
    },
    pageQuery: list.pageQuery,
    defaultFilters: list.defaultFilters,
  }
}

/** The list the popup opens on (its first tab, the first paint, the warm-up at browser start). */
export const POPUP_LIST: VendorList = LISTS.find((list) => list.opensPopup) ?? LISTS[0]!
