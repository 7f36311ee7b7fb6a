import type { PagedList } from '../../kit/vendor.ts'

/**
 * The lists the MCP `recent` tool may page. Onfido pages at its own size, by page number, and says the
 * next page in its `Link` header, which the route rewrites to its own path (paging.ts).
 */
export const ONFIDO_PAGED_LISTS: Record<string, PagedList> = {
  'onfido-workflow-runs': {
    path: '/v1/onfido/workflow_runs',
    size: null,
    cursor: 'page',
    filter: (name) => name,
    next: (_body, headers) => {
      const next = /<([^>]*)>\s*;\s*rel="next"/.exec(headers.get('link') ?? '')?.[1]
      return next ? new URL(next, 'https://relay.invalid').searchParams.get('page') : null
    },
    filters: ['status', 'created_at_gt', 'created_at_lt', 'sort'],
  },
}
