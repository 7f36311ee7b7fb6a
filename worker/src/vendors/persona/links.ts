import type { PersonaLinks } from '@idv-lens/shared/api'
import { canonicalQuery } from '../../kit/query.ts'
import { anyPersonaId } from './queries.ts'

const CURSORS = ['page[after]', 'page[before]'] as const

/**
 * Rewrites Persona's `links.prev`/`links.next` (relative `/api/v1/...` paths that carry only the
 * cursor) into the relay's own route (as Hono matched it) with the caller's page size and filters, so a client can
 * follow them as they are. We read the cursor out of Persona's link and rebuild the rest from the
 * validated query rather than trusting the link (docs/vendors/persona.md §4). A cursor that is not an
 * object ID (a link, any other text) makes no link: null, as on the last page.
 */
export function rewriteLinks(links: PersonaLinks | undefined, route: string, callerQuery: Record<string, string>): PersonaLinks {
  const rest = Object.fromEntries(Object.entries(callerQuery).filter(([k]) => !(CURSORS as readonly string[]).includes(k)))
  const rewrite = (link: string | null | undefined): string | null => {
    if (!link) return null
    const params = new URL(link, 'https://persona.invalid').searchParams
    const cursor = CURSORS.find((k) => params.get(k))
    const id = cursor && params.get(cursor)
    if (!cursor || !id || !anyPersonaId(id)) return null
    return `${route}?${canonicalQuery({ ...rest, [cursor]: id })}`
  }
  return { prev: rewrite(links?.prev), next: rewrite(links?.next) }
}
