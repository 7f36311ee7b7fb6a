import type { PagedList, PagedListBody } from '../../kit/vendor.ts'

/** Persona's cursor is in its `links.next` (docs/vendors/persona.md §4). */
function nextAfter(body: PagedListBody): string | null {
  const next = body.links?.next
  return next ? new URL(next, 'https://relay.invalid').searchParams.get('page[after]') : null
}

const paged = (path: string, filters: readonly string[]): PagedList => ({
  path,
  size: 'page[size]',
  cursor: 'page[after]',
  filter: (name) => `filter[${name}]`,
  next: nextAfter,
  filters,
})

/** The lists the MCP `recent` tool may page. */
export const PERSONA_PAGED_LISTS = {
  'persona-inquiries': paged('/v1/persona/inquiries', ['status', 'reference-id', 'created-at-start', 'created-at-end']),
  'persona-events': paged('/v1/persona/events', ['name', 'object-id']),
}
