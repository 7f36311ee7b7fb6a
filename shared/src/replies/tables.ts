import { VENDOR_NAMES, type VendorName } from '../api/vendor-name.ts'
import { vendorOfKind, type IdKind } from '../ids/index.ts'
import { VENDOR_REGISTRY } from '../vendors/registry.ts'
import type { ReplyText, VendorReplies } from './texts.ts'

/** Every vendor's tables by its name, from its folder (vendors/<name>/replies.ts). */
export const VENDOR_REPLIES = Object.fromEntries(VENDOR_REGISTRY.map((v) => [v.ids.name, v.replies])) as Readonly<Record<VendorName, VendorReplies>>

type Table = keyof Omit<VendorReplies, 'reasonStatuses' | 'statusOf'>

const all = VENDOR_NAMES.map((name) => VENDOR_REPLIES[name])
const merge = (table: Table): Readonly<Record<string, ReplyText>> => Object.freeze(Object.assign(Object.create(null) as Record<string, ReplyText>, ...all.map((r) => r[table])))

/**
 * Every vendor's tables merged once, at load: check, reason, code and status names do not collide
 * across vendors (tables.test.ts checks it).
 */
export const REPLY_TABLES = {
  checks: merge('checks'),
  reasons: merge('reasons'),
  codes: merge('codes'),
  statuses: merge('statuses'),
  reasonStatuses: new Set(all.flatMap((r) => r.reasonStatuses)) as ReadonlySet<string>,
} as const

/** The status a reply of this kind goes by: the record's own, unless its vendor reads it otherwise (an event's name). */
export function replyStatus(kind: IdKind, status: string): string {
  return VENDOR_REPLIES[vendorOfKind(kind)].statusOf?.(kind, status) ?? status
}
