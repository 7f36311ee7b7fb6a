import type { PagedList } from '../../kit/vendor.ts'

/** The lists the MCP `recent` tool may page; deepidv's cursor is `next_token` (docs/vendors/deepidv.md §3). */
export const DEEPIDV_PAGED_LISTS: Record<string, PagedList> = {
  'deepidv-sessions': {
    path: '/v1/deepidv/sessions',
    size: 'limit',
    cursor: 'next_token',
    filter: (name) => name,
    next: (body) => body.next_token ?? null,
    filters: ['external_id', 'start_date', 'end_date'],
  },
}
