import type { Query, RelayResult, Send } from '../lib/messages.ts'

/** Every item of every list carries its vendor ID; lists key rows and drop duplicates by it. */
export type Listed = { id: string }

/** One page, whatever the vendor: its items, newest first, and the cursor of the next page. */
export type Page<T> = { items: T[]; cursor: string | null }

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

/** What a source needs of a vendor's list (vendors/vendor.ts `VendorList`). */
type SourcedList<T extends Listed> = Pick<ListSource<T>, 'pageQuery' | 'defaultFilters'> & {
  key: string
  page(raw: unknown, query: Query): Page<T>
}

/** A vendor's list as a source: its page through `listRecords`, read by the list's own `page`. */
export function listSource<T extends Listed>(list: SourcedList<T>): ListSource<T> {
  return {
    fetchPage: async (send, query, refresh, background) => {
      const result = await send('listRecords', { list: list.key, query, refresh, ...(background ? { background } : {}) })
      return result.ok ? { ...result, data: list.page(result.data, query) } : result
    },
    pageQuery: list.pageQuery,
    defaultFilters: list.defaultFilters,
  }
}
