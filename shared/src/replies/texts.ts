import type { IdKind } from '../vendors/id-registry.ts'

/** The customer texts, each `reply_<name>` in the extension's messages.json (tables.ts says which answers which check). */
export const REPLY_TEXTS = [
  'approved',
  'received',
  'unfinished',
  'review',
  'expired',
  'canceled',
  'retry',
  'declined',
  'unknown',
  'link',
  'id_photo',
  'id_sides',
  'id_expired',
  'id_not_accepted',
  'id_original',
  'id_details',
  'no_id',
  'selfie_photo',
  'selfie_match',
  'selfie_live',
  'selfie_one_face',
  'details',
  'address',
  'code',
  'age',
  'not_verified',
  'document_type',
  'document_recent',
  'document_unreadable',
  'contact',
] as const

export type ReplyText = (typeof REPLY_TEXTS)[number]

/**
 * The text that says only "not verified": the answer to any check that points at fraud, sanctions or
 * another person. It wins over every other failed check, since a reply must never coach anyone past one.
 */
export const NEUTRAL_TEXT = 'not_verified' satisfies ReplyText

/** Texts that say how the attempt stands and ask nothing of the customer about a check. */
export const SETTLED_TEXTS: ReadonlySet<ReplyText> = new Set(['approved', 'received', 'review'])

/** Texts of an attempt that stopped: the reply adds what to fix, when a failed check says it. */
export const STOPPED_TEXTS: ReadonlySet<ReplyText> = new Set(['canceled', 'expired'])

/** Which customer text answers which check, code and status of one vendor (shared/src/vendors/<name>/replies.ts). */
export type VendorReplies = {
  /** A failed check → its customer text. */
  checks: Readonly<Record<string, ReplyText>>
  /** A reason code → its text, when the check itself is not in `checks`. */
  reasons: Readonly<Record<string, ReplyText>>
  /** A code that says more than its check → its text, taken before the check's. */
  codes: Readonly<Record<string, ReplyText>>
  /** A status → the text when no failed check explains it. */
  statuses: Readonly<Record<string, ReplyText>>
  /** Statuses whose reply names the failed check's reason. */
  reasonStatuses: readonly string[]
  /** The status a reply of this kind goes by, when it is not the record's status as it is (an event's name). */
  statusOf?(kind: IdKind, status: string): string | null
}
