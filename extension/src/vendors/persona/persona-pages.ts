/**
 * Cursors for the next page. The relay rewrites Persona's `links.next` to its own path
 * (`/v1/persona/events?page%5Bafter%5D=evt_…&page%5Bsize%5D=25`); we take only the cursor out of
 * it and rebuild the query ourselves, so filters and page size stay ours.
 */
export function personaNextCursor(next: string | null | undefined): string | null {
  if (!next) return null
  try {
    return new URL(next, 'https://relay.invalid').searchParams.get('page[after]') || null
  } catch {
    return null
  }
}

/** The query that fetches one page: Persona takes `page[size]`/`page[after]`. */
export function personaPageQuery(size: number, cursor: string | null): Record<string, string> {
  return cursor ? { 'page[size]': String(size), 'page[after]': cursor } : { 'page[size]': String(size) }
}
