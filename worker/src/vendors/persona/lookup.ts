import type { PersonaEvent, PersonaInquiry, PersonaInquirySession, PersonaList, PersonaSingle } from '@idv-lens/shared/api'
import type { LookupCall, LookupId, LookupTools, Resolved } from '../../lookup/lookup-types.ts'
import { canonicalQuery } from '../../validation/query.ts'
import { summarizeEvent, summarizeInquiry, summarizeSession } from './summaries.ts'

// Summaries read kebab-case attributes of the current version, whatever the key's default is.
const PERSONA_SUMMARY_HEADERS = { 'key-inflection': 'kebab', 'persona-version': '2025-12-08' }

/** The most pages of sessions one batch reads (10 × 100): the rest of a batch's summaries are partial. */
const MAX_SESSION_PAGES = 10

type SessionPage = PersonaList<PersonaInquirySession>
type LatestSessions = { latest: Map<string, PersonaInquirySession>; complete: boolean }

/** The inquiry a session belongs to, from its relationship. */
function ownerOf(session: PersonaInquirySession): string | undefined {
  const owner = session.relationships?.inquiry?.data
  return owner && !Array.isArray(owner) && 'id' in owner ? (owner.id as string) : undefined
}

/** Persona's cursor in a `links.next`, or null on the last page. */
function nextCursor(page: SessionPage): string | null {
  const next = page.links?.next
  return next ? new URL(next, 'https://persona.invalid').searchParams.get('page[after]') : null
}

/**
 * Each wanted inquiry's latest session, following the sessions' pages (newest first, so the first
 * session seen for an inquiry is its latest) until every wanted inquiry has one, the pages end, or the
 * batch runs out of pages, budget or time. `complete` is false when an inquiry without a session seen
 * may still have one on a page not read: its summary is partial and never cached as complete.
 */
async function latestSessions(t: LookupTools, filter: Record<string, string>, first: Promise<SessionPage>, wanted: string[]): Promise<LatestSessions> {
  const latest = new Map<string, PersonaInquirySession>()
  let page: Promise<SessionPage> = first
  for (let read = 1; ; read++) {
    let list: SessionPage
    try {
      list = await page
    } catch {
      // The latest session gives threat level and country; without it the summary is still useful.
      return { latest, complete: false }
    }
    for (const s of list.data) {
      const owner = ownerOf(s)
      if (owner && !latest.has(owner)) latest.set(owner, s)
    }
    const after = nextCursor(list)
    if (!after || wanted.every((id) => latest.has(id))) return { latest, complete: true }
    if (read >= MAX_SESSION_PAGES || t.signal?.aborted) return { latest, complete: false }
    page = t.get<SessionPage>(sessionsCall({ ...filter, 'page[after]': after }))
  }
}

const sessionsCall = (query: Record<string, string>): LookupCall => ({
  provider: 'persona', path: 'inquiry-sessions', query: canonicalQuery(query), headers: PERSONA_SUMMARY_HEADERS,
})

/**
 * All inquiries of a batch in ONE list call (filter[inquiry-id] takes up to 100), and their sessions
 * from one list call per page, the first page asked alongside the inquiries.
 */
async function resolveInquiries(t: LookupTools, items: LookupId[], out: Resolved): Promise<void> {
  const ids = items.map((i) => i.id).join(',')
  const filter = { 'filter[inquiry-id]': ids, 'page[size]': '100' }
  try {
    const inquiriesCall = t.get<PersonaList<PersonaInquiry>>({ provider: 'persona', path: 'inquiries', query: canonicalQuery(filter), headers: PERSONA_SUMMARY_HEADERS })
    const firstSessions = t.get<SessionPage>(sessionsCall(filter))
    // Settled here so a failure is read by latestSessions, never an unhandled rejection.
    firstSessions.catch(() => undefined)
    const inquiries = await inquiriesCall
    const byId = new Map(inquiries.data.map((inq) => [inq.id, inq]))
    const { latest, complete } = await latestSessions(t, filter, firstSessions, [...byId.keys()])
    for (const item of items) {
      const inquiry = byId.get(item.id)
      out.set(item.id, inquiry ? summarizeInquiry(inquiry, latest.get(item.id)) : t.notFound(item, 'Inquiry'))
      if (inquiry && !complete && !latest.has(item.id)) (out.partial ??= new Set()).add(item.id)
    }
  } catch (err) {
    for (const item of items) out.set(item.id, t.fail(item, err))
  }
}

async function resolveEvents(t: LookupTools, items: LookupId[], out: Resolved): Promise<void> {
  const query = canonicalQuery({ 'filter[id]': items.map((i) => i.id).join(','), 'page[size]': '100' })
  try {
    const events = await t.get<PersonaList<PersonaEvent>>({ provider: 'persona', path: 'events', query, headers: PERSONA_SUMMARY_HEADERS })
    const byId = new Map(events.data.map((e) => [e.id, e]))
    for (const item of items) {
      const event = byId.get(item.id)
      out.set(item.id, event ? summarizeEvent(event) : t.notFound(item, 'Event'))
    }
  } catch (err) {
    for (const item of items) out.set(item.id, t.fail(item, err))
  }
}

/**
 * Persona's IDs of a lookup batch: one list call per 100 inquiries and per 100 events (the relay takes
 * at most 100 IDs a call); sessions have no batch endpoint and are retrieved one by one.
 */
export async function lookupPersonaIds(t: LookupTools, items: LookupId[], out: Resolved): Promise<void> {
  const of = (kind: LookupId['kind']) => items.filter((i) => i.kind === kind)
  const inquiries = of('persona-inquiry')
  const events = of('persona-event')
  await Promise.all([
    inquiries.length ? resolveInquiries(t, inquiries, out) : undefined,
    events.length ? resolveEvents(t, events, out) : undefined,
    t.oneByOne(of('persona-inquiry-session'), out, async (item) =>
      summarizeSession((await t.get<PersonaSingle<PersonaInquirySession>>({
        provider: 'persona', path: `inquiry-sessions/${item.id}`, query: '', headers: PERSONA_SUMMARY_HEADERS,
      })).data),
    ),
  ])
}
