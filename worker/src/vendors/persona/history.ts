import type { LookupFound, PersonaInquiry, PersonaInquirySession, PersonaList } from '@idv-lens/shared/api'
import type { Resolved } from '../../kit/lookup.ts'
import { canonicalQuery } from '../../kit/query.ts'
import type { VendorHistory } from '../../kit/vendor.ts'
import { nextCursor, PERSONA_SUMMARY_HEADERS, summarizeInquiries } from './lookup.ts'

/**
 * A reference ID's inquiries: ONE list call (`filter[reference-id]`, newest first, the page as large as
 * the history shows), then their latest sessions, reasons and cases as a lookup reads them. More on a
 * next page, a refused call or a partial summary make the history incomplete.
 */
export const personaHistory: VendorHistory = async (t, referenceId, max) => {
  // A refused or failed list call is the route's to answer (routes/history.ts).
  const inquiries = await t.get<PersonaList<PersonaInquiry>>({
    provider: 'persona',
    path: 'inquiries',
    query: canonicalQuery({ 'filter[reference-id]': referenceId, 'page[size]': String(max) }),
    headers: PERSONA_SUMMARY_HEADERS,
  })
  const listed = inquiries.data.slice(0, max)
  if (listed.length === 0) return { found: [], complete: nextCursor(inquiries) === null }
  const filter = { 'filter[inquiry-id]': listed.map((inq) => inq.id).join(','), 'page[size]': '100' }
  const firstSessions = t.get<PersonaList<PersonaInquirySession>>({
    provider: 'persona',
    path: 'inquiry-sessions',
    query: canonicalQuery(filter),
    headers: PERSONA_SUMMARY_HEADERS,
  })
  firstSessions.catch(() => undefined)
  const out: Resolved = new Map()
  // A history is at most 25 attempts, each summarized whole (reason and case), as one answer cached for all.
  await summarizeInquiries(t, listed, { sessionFilter: filter, firstSessions, out, extrasAtMost: max })
  const entries = listed.map((inq) => out.get(inq.id))
  const found = entries.filter((entry): entry is LookupFound => entry?.found === true)
  const complete = nextCursor(inquiries) === null && inquiries.data.length <= max && found.length === listed.length && !out.partial?.size
  // An inquiry left out, or a summary without its sessions, reason or case: a failure's doing, not Persona's answer.
  const failed = entries.find((entry) => entry !== undefined && !entry.found)
  const failure =
    failed && !failed.found ? failed.error.code : found.length !== listed.length || out.partial?.size ? 'upstream-unavailable' : undefined
  return { found, complete, ...(failure ? { failure } : {}) }
}
