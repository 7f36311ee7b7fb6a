/**
 * GET /v1/persona/my-cases: the open Persona cases assigned to the caller, read from the newest 100
 * cases through the relay's cache. Persona's case list has no assignee filter (docs/vendors/persona.md
 * §15), so the relay filters by `assignee-id`, the assignee's email, against the caller's own name only.
 */
import type { Context } from 'hono'
import type { PersonaCase, PersonaList } from '@idv-lens/shared/api'
import { type AppEnv, relay } from '../../kit/routes.ts'
import { ownEmailToRead } from './own-email.ts'
import { personaListRead } from './relayed.ts'

/** How many of the newest cases are searched: one page, Persona's largest. */
export const MY_CASES_SEARCHED = 100

const time = (value: string | null | undefined) => (value ? Date.parse(value) : Number.NaN)

/** Open cases assigned to `email`: due soonest first (those with a due time before those without), then newest. */
export function assignedTo(cases: readonly PersonaCase[], email: string): PersonaCase[] {
  const mine = cases.filter((k) => k.attributes?.['assignee-id']?.toLowerCase() === email && !k.attributes?.['resolved-at'])
  return mine.sort((a, b) => {
    const [dueA, dueB] = [time(a.attributes?.['sla-expires-at']), time(b.attributes?.['sla-expires-at'])]
    if (!Number.isNaN(dueA) || !Number.isNaN(dueB)) {
      if (Number.isNaN(dueA)) return 1
      if (Number.isNaN(dueB)) return -1
      if (dueA !== dueB) return dueA - dueB
    }
    return (time(b.attributes?.['created-at']) || 0) - (time(a.attributes?.['created-at']) || 0)
  })
}

export async function myCases(c: Context<AppEnv>) {
  const email = ownEmailToRead(c.get('agent'))
  const listed = await relay<PersonaList<PersonaCase>>(c, personaListRead('cases', { 'page[size]': String(MY_CASES_SEARCHED) }, {}))
  const body = (await listed.json()) as PersonaList<PersonaCase>
  const headers = Object.fromEntries(listed.headers)
  return c.json({ data: assignedTo(body.data, email), links: { prev: null, next: null } }, 200, headers)
}
