import { getIdPattern, type IdKind } from '@idv-lens/shared/ids'
import { vendorReplies } from '../vendors/replies.ts'
import type { ReplyText } from './reply-texts.ts'
import type { VendorReplies } from '../vendors/vendor.ts'

/*
Which customer text answers which reason: every vendor's tables (vendors/<name>/<name>-replies.ts) merged.
The texts themselves are in messages.json (`reply_<text>`, English and German, with the rest of the
UI's words); a team replaces any of them through policy (`replyTexts`, lib/reply-texts.ts). Reasons
that point at fraud, sanctions or another person (tampering, a reused face, a PEP match) all get
`not_verified`: a reply must never tip anyone off.
*/

const merged = (table: keyof Omit<VendorReplies, 'reasonStatuses' | 'statusOf'>): Readonly<Record<string, ReplyText>> =>
  Object.assign({}, ...Object.values(vendorReplies()).map((r) => r[table]))

/** A failed check → its customer text. */
export const CHECK_TEXT = merged('checks')

/** A reason code → its customer text, used when the check itself is one this table does not know. */
export const REASON_TEXT = merged('reasons')

/** A code that says more than its check → its customer text, taken before the check's. */
export const CODE_TEXT = merged('codes')

/** A vendor's status → what the reply says when no failed check explains it (`failed` with a reason uses the reason's text). */
export const STATUS_TEXT = merged('statuses')

/** Statuses whose reply names the failed check's reason: the attempt ended for it and the customer can act on it. */
export const REASON_STATUSES: ReadonlySet<string> = new Set(Object.values(vendorReplies()).flatMap((r) => r.reasonStatuses))

/** The status a reply of this kind goes by: the record's own, unless its vendor reads it otherwise (an event's name). */
export function replyStatus(kind: IdKind, status: string): string {
  return vendorReplies()[getIdPattern(kind).provider]?.statusOf?.(kind, status) ?? status
}
