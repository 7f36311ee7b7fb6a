import {
  PERSONA_READ_HEADERS,
  type LookupEntry,
  type PersonaEvent,
  type PersonaInquiry,
  type PersonaInquirySession,
  type PersonaList,
  type PersonaSingle,
} from '@idv-lens/shared/api'
import { ApiError } from '../../kit/errors.ts'
import { type LookupCall, type LookupId, type LookupTools, mapLimit, type Resolved } from '../../kit/lookup.ts'
import { canonicalQuery } from '../../kit/query.ts'
import { personaListRead, personaRetrieveRead, relayedCall } from './relayed.ts'
import { caseOf, reasonOf, summarizeEvent, summarizeInquiry, summarizeSession, type InquiryExtras } from './summaries.ts'

// Summaries read kebab-case attributes of the current version, whatever the key's default is; the
// extension's detail asks with the same headers, so the reads both make share one cache entry.
export const PERSONA_SUMMARY_HEADERS = PERSONA_READ_HEADERS

/** The most pages of sessions one batch reads (10 × 100): the rest of a batch's summaries are partial. */
const MAX_SESSION_PAGES = 10
/** Inquiries whose reason and case are read at the same time, per batch. */
const EXTRAS_CONCURRENCY = 4
/**
 * Inquiries whose reason and case one lookup batch reads (two calls each): 100 failed inquiries would
 * otherwise cost 200 calls, an agent's whole share of the minute. The rest are summarized without
 * them and kept briefly (lookup-batch.ts), so the next lookup reads the next ones.
 */
export const LOOKUP_EXTRAS_PER_BATCH = 10

type SessionPage = PersonaList<PersonaInquirySession>
type LatestSessions = { latest: Map<string, PersonaInquirySession>; complete: boolean }

/** The inquiry a session belongs to, from its relationship. */
function ownerOf(session: PersonaInquirySession): string | undefined {
  const owner = session.relationships?.inquiry?.data
  return owner && !Array.isArray(owner) && 'id' in owner && typeof owner.id === 'string' ? owner.id : undefined
}

/** Persona's cursor in a `links.next`, or null on the last page. */
export function nextCursor(page: { links?: { next?: string | null } }): string | null {
  const next = page.links?.next
  return next ? new URL(next, 'https://persona.invalid').searchParams.get('page[after]') : null
}

/**
 * Each wanted inquiry's latest session, following the sessions' pages (newest first, so the first
 * session seen for an inquiry is its latest) until every wanted inquiry has one, the pages end, or the
 * batch runs out of pages, budget or time. `complete` is false when an inquiry without a session seen
 * may still have one on a page not read: its summary is partial and never cached as complete.
 */
async function latestSessions(
  t: LookupTools,
  filter: Record<string, string>,
  first: Promise<SessionPage>,
  wanted: string[],
): Promise<LatestSessions> {
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
  provider: 'persona',
  path: 'inquiry-sessions',
  query: canonicalQuery(query),
  headers: PERSONA_SUMMARY_HEADERS,
})

/** Statuses that send an agent looking for why, and for the reviewer's case (docs/vendors/persona.md §9). */
const NEEDS_A_WHY = new Set(['failed', 'declined', 'needs_review'])

/** How many verifications the inquiry links (the list's relationships carry their IDs). */
function linkedVerifications(inquiry: PersonaInquiry): number {
  const data = inquiry.relationships?.verifications?.data
  return Array.isArray(data) ? data.length : 0
}

/**
 * The key's permissions may not cover verifications or cases (a support key with `inquiry.read` only),
 * and an environment without Cases has none to list: the summary then simply has no reason or case,
 * and stays complete (cacheable) instead of being asked for again on every lookup.
 */
const meansNone = (err: unknown) => err instanceof ApiError && (err.code === 'not-found' || err.code === 'upstream-auth')

type Extras = InquiryExtras & { complete: boolean }

/** Which of an inquiry's reason and case a summary reads. */
function extrasWanted(inquiry: PersonaInquiry): { readReason: boolean; readCase: boolean } {
  const status = inquiry.attributes.status
  const attention = typeof status === 'string' && NEEDS_A_WHY.has(status)
  const reviewed = typeof inquiry.attributes['marked-for-review-at'] === 'string'
  return { readReason: attention && linkedVerifications(inquiry) > 0, readCase: attention || reviewed }
}

/**
 * An inquiry's reason and case, read only where an agent needs them: failed, declined and
 * needs-review inquiries (and any marked for review, which is when Persona's reviewers open cases).
 * The reason is ONE retrieve with `include=verifications` however many verifications the inquiry has
 * (their checks are in `included`); the case is the first item of `GET /cases?filter[inquiry-id]=`,
 * newest first. Both run at once. A read that fails leaves that part null and the summary partial.
 */
async function extrasOf(t: LookupTools, inquiry: PersonaInquiry): Promise<Extras> {
  const { readReason, readCase } = extrasWanted(inquiry)
  if (!readReason && !readCase) return { reason: null, case: null, complete: true }
  let complete = true
  const settle = async <T>(read: Promise<T>, none: T): Promise<T> => {
    try {
      return await read
    } catch (err) {
      // A value of the wrong type is the vendor's fault for this ID: the ID's entry says so.
      if (err instanceof ApiError && err.code === 'upstream-invalid') throw err
      if (!meansNone(err)) complete = false
      return none
    }
  }
  const [reason, found] = await Promise.all([
    readReason
      ? settle(
          t
            .get<PersonaSingle<PersonaInquiry>>(
              relayedCall(
                personaRetrieveRead('inquiries', inquiry.id, { include: 'verifications' }, PERSONA_SUMMARY_HEADERS),
                'inquiries/:id',
              ),
            )
            .then((single) => reasonOf(single.included ?? [])),
          null,
        )
      : null,
    readCase
      ? settle(
          t
            .get<PersonaList<unknown>>(
              relayedCall(personaListRead('cases', { 'filter[inquiry-id]': inquiry.id }, PERSONA_SUMMARY_HEADERS), 'cases'),
            )
            .then((page) => caseOf(page.data)),
          null,
        )
      : null,
  ])
  return { reason, case: found, complete }
}

type Summarizing = {
  /** The first page of the sessions list filtered as `sessionFilter`; its next pages are followed. */
  sessionFilter: Record<string, string>
  firstSessions: Promise<SessionPage>
  out: Resolved
  /** Inquiries whose reason and case are read, in their order; the rest are `deferred` in `out`. */
  extrasAtMost: number
}

/**
 * Summaries of inquiries already listed: each one's latest session, and its reason and case where it
 * needs them (for the first `extrasAtMost` that do). Sets an entry per inquiry in `out`; a summary
 * field of the wrong type makes that ID alone `upstream-invalid`. Used by the lookup and by a
 * reference ID's history.
 */
export async function summarizeInquiries(
  t: LookupTools,
  inquiries: PersonaInquiry[],
  { sessionFilter, firstSessions, out, extrasAtMost }: Summarizing,
): Promise<void> {
  let extrasLeft = extrasAtMost
  const deferred = new Set<string>()
  const [{ latest, complete }, extras] = await Promise.all([
    latestSessions(
      t,
      sessionFilter,
      firstSessions,
      inquiries.map((inq) => inq.id),
    ),
    mapLimit(inquiries, EXTRAS_CONCURRENCY, async (inquiry): Promise<Extras | ApiError> => {
      if (t.signal?.aborted) return { reason: null, case: null, complete: false }
      const { readReason, readCase } = extrasWanted(inquiry)
      if ((readReason || readCase) && extrasLeft-- <= 0) {
        deferred.add(inquiry.id)
        return { reason: null, case: null, complete: true }
      }
      try {
        return await extrasOf(t, inquiry)
      } catch (err) {
        return err instanceof ApiError ? err : new ApiError('internal', 'Unexpected error while looking up')
      }
    }),
  ])
  inquiries.forEach((inquiry, i) => {
    const item: LookupId = { id: inquiry.id, kind: 'persona-inquiry' }
    const extra = extras[i] as Extras | ApiError
    if (extra instanceof ApiError) {
      out.set(inquiry.id, t.fail(item, extra))
      return
    }
    let entry: LookupEntry
    try {
      entry = summarizeInquiry(inquiry, latest.get(inquiry.id), extra)
    } catch (err) {
      out.set(inquiry.id, t.fail(item, err))
      return
    }
    out.set(inquiry.id, entry)
    if ((!complete && !latest.has(inquiry.id)) || !extra.complete) (out.partial ??= new Set()).add(inquiry.id)
    if (deferred.has(inquiry.id)) (out.deferred ??= new Set()).add(inquiry.id)
  })
}

/**
 * All inquiries of a batch in ONE list call (filter[inquiry-id] takes up to 100), and their sessions
 * from one list call per page, the first page asked alongside the inquiries.
 */
async function resolveInquiries(t: LookupTools, items: LookupId[], out: Resolved): Promise<void> {
  const ids = items.map((i) => i.id).join(',')
  const filter = { 'filter[inquiry-id]': ids, 'page[size]': '100' }
  try {
    const inquiriesCall = t.get<PersonaList<PersonaInquiry>>({
      provider: 'persona',
      path: 'inquiries',
      query: canonicalQuery(filter),
      headers: PERSONA_SUMMARY_HEADERS,
    })
    const firstSessions = t.get<SessionPage>(sessionsCall(filter))
    // Settled here so a failure is read by latestSessions, never an unhandled rejection.
    firstSessions.catch(() => undefined)
    const inquiries = await inquiriesCall
    const wanted = new Set(items.map((i) => i.id))
    const found = new Map(inquiries.data.filter((inq) => wanted.has(inq.id)).map((inq) => [inq.id, inq]))
    // In the batch's order (the page's): the first IDs asked get their reason and case first.
    const listed = items.flatMap((item) => found.get(item.id) ?? [])
    await summarizeInquiries(t, listed, { sessionFilter: filter, firstSessions, out, extrasAtMost: LOOKUP_EXTRAS_PER_BATCH })
    for (const item of items) if (!found.has(item.id)) out.set(item.id, t.notFound(item, 'Inquiry'))
  } catch (err) {
    for (const item of items) if (!out.has(item.id)) out.set(item.id, t.fail(item, err))
  }
}

async function resolveEvents(t: LookupTools, items: LookupId[], out: Resolved): Promise<void> {
  const query = canonicalQuery({ 'filter[id]': items.map((i) => i.id).join(','), 'page[size]': '100' })
  try {
    const events = await t.get<PersonaList<PersonaEvent>>({ provider: 'persona', path: 'events', query, headers: PERSONA_SUMMARY_HEADERS })
    const byId = new Map(events.data.map((e) => [e.id, e]))
    for (const item of items) {
      const event = byId.get(item.id)
      try {
        out.set(item.id, event ? summarizeEvent(event) : t.notFound(item, 'Event'))
      } catch (err) {
        out.set(item.id, t.fail(item, err))
      }
    }
  } catch (err) {
    for (const item of items) if (!out.has(item.id)) out.set(item.id, t.fail(item, err))
  }
}

/**
 * Persona's IDs of a lookup batch: one list call per 100 inquiries and per 100 events (the relay takes
 * at most 100 IDs a call), plus an inquiry's reason and case where it needs them; sessions have no
 * batch endpoint and are retrieved one by one.
 */
export async function lookupPersonaIds(t: LookupTools, items: LookupId[], out: Resolved): Promise<void> {
  const of = (kind: LookupId['kind']) => items.filter((i) => i.kind === kind)
  const inquiries = of('persona-inquiry')
  const events = of('persona-event')
  await Promise.all([
    inquiries.length ? resolveInquiries(t, inquiries, out) : undefined,
    events.length ? resolveEvents(t, events, out) : undefined,
    t.oneByOne(of('persona-inquiry-session'), out, async (item) =>
      summarizeSession(
        (
          await t.get<PersonaSingle<PersonaInquirySession>>({
            provider: 'persona',
            path: `inquiry-sessions/${item.id}`,
            query: '',
            headers: PERSONA_SUMMARY_HEADERS,
          })
        ).data,
      ),
    ),
  ])
}
