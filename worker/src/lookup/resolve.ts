import type { IdKind } from '@idv-lens/shared/ids'
import { ID_PATTERNS } from '@idv-lens/shared/ids'
import type {
  DeepidvSession,
  LookupEntry,
  PersonaEvent,
  PersonaInquiry,
  PersonaInquirySession,
  PersonaList,
  PersonaSingle,
} from '@idv-lens/shared/api'
import type { RelayConfig } from '../config.ts'
import { ApiError } from '../errors.ts'
import type { RelayCache } from '../cache/relay-cache.ts'
import { callUpstream, type CallOptions, type UpstreamCall } from '../upstream/call-upstream.ts'
import { canonicalQuery } from '../validation/query.ts'
import { mapLimit } from './map-limit.ts'
import { summarizeDeepidv, summarizeEvent, summarizeInquiry, summarizeSession } from './summarize.ts'

export type LookupId = { id: string; kind: IdKind }

/** Sessions and deepidv sessions have no batch endpoint: retrieve them one by one, a few at a time. */
const RETRIEVE_CONCURRENCY = 4
// Summaries read kebab-case attributes of the current version, whatever the key's default is.
const PERSONA_SUMMARY_HEADERS = { 'key-inflection': 'kebab', 'persona-version': '2025-12-08' }

/** Entries by ID; `partial` names summaries built without part of their data (never cached as complete). */
export type Resolved = Map<string, LookupEntry> & { partial?: Set<string> }

const providerOf = (kind: IdKind) => ID_PATTERNS.find((p) => p.kind === kind)?.provider ?? 'persona'

function failed(item: LookupId, error: ApiError): LookupEntry {
  return {
    found: false,
    id: item.id,
    kind: item.kind,
    provider: providerOf(item.kind),
    error: {
      code: error.code,
      status: error.status,
      detail: error.message,
      ...(error.extras.retryAfter !== undefined ? { retryAfter: error.extras.retryAfter } : {}),
    },
  }
}

const notFound = (item: LookupId, label: string) =>
  failed(item, new ApiError('not-found', `${label} ${item.id} does not exist (or belongs to another environment).`))

function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError('internal', 'Unexpected error while looking up')
}

export type Resolver = {
  config: RelayConfig
  cache: RelayCache
  options: CallOptions
}

function get<T>({ config, cache, options }: Resolver, call: UpstreamCall): Promise<T> {
  // Identical concurrent lookups share one vendor call (here per isolate, in the gate across all).
  const key = `lookup-call/${call.provider}/${call.path}?${call.query}`
  return cache.coalesce(key, () => callUpstream(config, call, options) as Promise<T>).promise
}

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
async function latestSessions(r: Resolver, filter: Record<string, string>, first: Promise<SessionPage>, wanted: string[]): Promise<LatestSessions> {
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
    if (read >= MAX_SESSION_PAGES || r.options.signal?.aborted) return { latest, complete: false }
    page = get<SessionPage>(r, sessionsCall({ ...filter, 'page[after]': after }))
  }
}

const sessionsCall = (query: Record<string, string>): UpstreamCall => ({
  provider: 'persona', path: 'inquiry-sessions', query: canonicalQuery(query), headers: PERSONA_SUMMARY_HEADERS,
})

/**
 * All inquiries of a batch in ONE list call (filter[inquiry-id] takes up to 100), and their sessions
 * from one list call per page, the first page asked alongside the inquiries.
 */
async function resolveInquiries(r: Resolver, items: LookupId[], out: Resolved): Promise<void> {
  const ids = items.map((i) => i.id).join(',')
  const filter = { 'filter[inquiry-id]': ids, 'page[size]': '100' }
  try {
    const inquiriesCall = get<PersonaList<PersonaInquiry>>(r, { provider: 'persona', path: 'inquiries', query: canonicalQuery(filter), headers: PERSONA_SUMMARY_HEADERS })
    const firstSessions = get<SessionPage>(r, sessionsCall(filter))
    // Settled here so a failure is read by latestSessions, never an unhandled rejection.
    firstSessions.catch(() => undefined)
    const inquiries = await inquiriesCall
    const byId = new Map(inquiries.data.map((inq) => [inq.id, inq]))
    const { latest, complete } = await latestSessions(r, filter, firstSessions, [...byId.keys()])
    for (const item of items) {
      const inquiry = byId.get(item.id)
      out.set(item.id, inquiry ? summarizeInquiry(inquiry, latest.get(item.id)) : notFound(item, 'Inquiry'))
      if (inquiry && !complete && !latest.has(item.id)) (out.partial ??= new Set()).add(item.id)
    }
  } catch (err) {
    for (const item of items) out.set(item.id, failed(item, asApiError(err)))
  }
}

async function resolveEvents(r: Resolver, items: LookupId[], out: Resolved): Promise<void> {
  const query = canonicalQuery({ 'filter[id]': items.map((i) => i.id).join(','), 'page[size]': '100' })
  try {
    const events = await get<PersonaList<PersonaEvent>>(r, { provider: 'persona', path: 'events', query, headers: PERSONA_SUMMARY_HEADERS })
    const byId = new Map(events.data.map((e) => [e.id, e]))
    for (const item of items) {
      const event = byId.get(item.id)
      out.set(item.id, event ? summarizeEvent(event) : notFound(item, 'Event'))
    }
  } catch (err) {
    for (const item of items) out.set(item.id, failed(item, asApiError(err)))
  }
}

async function resolveOneByOne(
  r: Resolver,
  items: LookupId[],
  out: Resolved,
  fetchOne: (item: LookupId) => Promise<LookupEntry>,
): Promise<void> {
  await mapLimit(items, RETRIEVE_CONCURRENCY, async (item) => {
    // A batch out of time starts no further vendor calls.
    if (r.options.signal?.aborted) {
      out.set(item.id, failed(item, new ApiError('upstream-timeout', 'The lookup ran out of time before this ID.')))
      return
    }
    try {
      out.set(item.id, await fetchOne(item))
    } catch (err) {
      out.set(item.id, failed(item, asApiError(err)))
    }
  })
}

/** Resolves IDs that the per-ID cache did not answer, grouped so each vendor gets as few calls as possible. */
export async function resolveIds(r: Resolver, items: LookupId[]): Promise<Resolved> {
  const out: Resolved = new Map()
  // One list call per 100 inquiries and per 100 events (the relay takes at most 100 IDs a call).
  const of = (kind: IdKind) => items.filter((i) => i.kind === kind)
  const jobs: Promise<void>[] = []
  const inquiries = of('persona-inquiry')
  const events = of('persona-event')
  if (inquiries.length) jobs.push(resolveInquiries(r, inquiries, out))
  if (events.length) jobs.push(resolveEvents(r, events, out))
  jobs.push(
    resolveOneByOne(r, of('persona-inquiry-session'), out, async (item) =>
      summarizeSession((await get<PersonaSingle<PersonaInquirySession>>(r, {
        provider: 'persona', path: `inquiry-sessions/${item.id}`, query: '', headers: PERSONA_SUMMARY_HEADERS,
      })).data),
    ),
    resolveOneByOne(r, of('deepidv-session'), out, async (item) =>
      summarizeDeepidv(await get<DeepidvSession>(r, { provider: 'deepidv', path: `sessions/${item.id.toLowerCase()}`, query: '' })),
    ),
  )
  await Promise.all(jobs)
  return out
}

export { failed as failedEntry }
