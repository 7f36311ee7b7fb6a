import type { DeepidvSession, DeepidvSessionList, LookupFound } from '@idv-lens/shared/api'
import { canonicalId } from '@idv-lens/shared/ids'
import type { VendorHistory, VendorRequester } from '../../kit/vendor.ts'
import { canonicalQuery } from '../../kit/query.ts'
import { summarizeDeepidv } from './summary.ts'

const textOf = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null)

/**
 * A session's applicant (`user`: `email`, `first_name`, `last_name`; docs/vendors/deepidv.md §4),
 * from a retrieve read here and dropped, its checks bounded per applicant (`user_id`). No phone: its
 * wire name is not documented. No birthdate: only the document's text holds one, which the person did not give.
 */
export const deepidvRequester: VendorRequester = {
  kinds: ['deepidv-session'],
  async read(t, item, countRecord) {
    const session = await t.get<DeepidvSession>({ provider: 'deepidv', path: `sessions/${canonicalId(item.id, item.kind)}`, query: '' })
    // A returning applicant's sessions hold one person: its checks are counted as the applicant's, before any compare.
    const applicant = session.session_record?.user_id
    if (typeof applicant === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(applicant)) await countRecord(applicant.toLowerCase())
    const user = session.user && typeof session.user === 'object' ? session.user : undefined
    return {
      email: textOf(user?.email),
      name: { first: textOf(user?.first_name), middle: null, last: textOf(user?.last_name) },
      phone: null,
      birthdate: null,
    }
  },
}

/**
 * A reference ID's sessions: ONE list call (`external_id`, which takes precedence over every other
 * list mode: docs/vendors/deepidv.md §3). List items carry the session record, which holds everything
 * a summary reads, so no session is retrieved. deepidv documents no order: sorted newest first here.
 */
export const deepidvHistory: VendorHistory = async (t, referenceId, max) => {
  // A refused or failed list call is the route's to answer (routes/history.ts).
  const list = await t.get<DeepidvSessionList>({
    provider: 'deepidv',
    path: 'sessions',
    query: canonicalQuery({ external_id: referenceId, limit: String(max) }),
  })
  const found: LookupFound[] = []
  let invalid = false
  for (const record of list.sessions.slice(0, max)) {
    try {
      found.push(summarizeDeepidv({ session_record: record }))
    } catch {
      invalid = true
    }
  }
  return {
    found,
    complete: !list.next_token && list.sessions.length <= max && !invalid,
    ...(invalid ? { failure: 'upstream-invalid' } : {}),
  }
}
