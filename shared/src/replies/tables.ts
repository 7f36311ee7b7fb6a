import { VENDOR_NAMES, type VendorName } from '../api/vendor-name.ts'
import { vendorOfKind, type IdKind } from '../ids/index.ts'
import { VENDOR_REGISTRY } from '../vendors/registry.ts'
import type { ReplyText, VendorReplies } from './texts.ts'

/** Every vendor's tables by its name, from its folder (vendors/<name>/replies.ts). */
export const VENDOR_REPLIES = Object.fromEntries(VENDOR_REGISTRY.map((v) => [v.ids.name, v.replies])) as Readonly<
  Record<VendorName, VendorReplies>
>

type Table = keyof Omit<VendorReplies, 'reasonStatuses' | 'statusOf'>

const all = VENDOR_NAMES.map((name) => VENDOR_REPLIES[name])
const merge = (table: Table): Readonly<Record<string, ReplyText>> =>
  Object.freeze(Object.assign(Object.create(null) as Record<string, ReplyText>, ...all.map((r) => r[table])))

/**
 * Every vendor's tables merged once, at load: check, reason and code names do not collide across
 * vendors (tables.test.ts checks it). `statuses` lists every vendor's, to name them all; a reply reads
 * its own vendor's (statusText), so a vendor's status never rewords another's.
 */
export const REPLY_TABLES = {
  checks: merge('checks'),
  reasons: merge('reasons'),
  codes: merge('codes'),
  statuses: merge('statuses'),
} as const

/** The status a reply of this kind goes by: the record's own, unless its vendor reads it otherwise (an event's name). */
export function replyStatus(kind: IdKind, status: string): string {
  return VENDOR_REPLIES[vendorOfKind(kind)].statusOf?.(kind, status) ?? status
}

/** The text a status of this kind answers with, from its own vendor's table only. */
export function statusText(kind: IdKind, status: string): ReplyText | undefined {
  const own = VENDOR_REPLIES[vendorOfKind(kind)].statuses
  return Object.hasOwn(own, status) ? own[status] : undefined
}

/** Whether a status of this kind answers with the failed check's reason (its own vendor's list). */
export const asksReason = (kind: IdKind, status: string): boolean => VENDOR_REPLIES[vendorOfKind(kind)].reasonStatuses.includes(status)
