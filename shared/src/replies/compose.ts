import type { IdKind } from '../ids/index.ts'
import { chooseReply, type FailedCheck, type ReplyChoice } from './choose.ts'
import type { ReplyText } from './texts.ts'

/** A record as a lookup summary gives it: `failed` lists every failed check; a summary cached before it did holds only the first. */
export type ReplyRecord = {
  kind: IdKind
  status: string
  reason: { check: string; reasons: readonly string[]; failedChecks: number; failed?: readonly FailedCheck[] } | null
}

/** The reply's choice for a record: every failed check, the first alone when that is all an older summary holds. */
export function chooseReplyFor(record: ReplyRecord): ReplyChoice {
  const r = record.reason
  const failed = r ? (r.failed ?? [{ check: r.check, reasons: r.reasons }]) : []
  return chooseReply({ kind: record.kind, status: record.status, failed, failedChecks: r?.failedChecks ?? 0 })
}

/** Where a reply's words come from: the built-in `reply_<name>` messages, the team's texts in the same language, a new link. */
export type ReplyWording = {
  /** The built-in message by its name (`reply_id_photo`), or null when no locale has it. */
  message: (name: string) => string | null
  /** The team's texts in the reply's language (policy's or the relay's `replyTexts`). */
  team?: Readonly<Record<string, string>> | undefined
  link?: string | undefined
}

/** The team's text for the most specific key it has, else the built-in one. */
function wording(name: string, overrides: readonly string[], words: ReplyWording): string {
  for (const k of [...overrides, name]) {
    const text = words.team && Object.hasOwn(words.team, k) ? words.team[k] : undefined
    if (typeof text === 'string' && text.trim()) return text
  }
  return words.message(`reply_${name}`) ?? name
}

/**
 * The reply's text: its parts a paragraph each, then, when a new link is given, how to use it and the
 * link. Nothing internal: no check or reason code, no case, no dashboard link, no ID.
 */
export function composeReply(choice: ReplyChoice, words: ReplyWording): string {
  const lines = choice.parts.flatMap((part, i) => [...(i ? [''] : []), wording(part.text, part.overrides, words)])
  const link = words.link?.trim()
  if (link) lines.push('', wording('link', [], words), link)
  return lines.join('\n')
}

/** Texts that ask the customer to try again, go on or start anew: any other (approved, in review, declined, not verified, age) asks nothing. */
const RETRY_TEXTS: ReadonlySet<ReplyText> = new Set<ReplyText>([
  'unfinished',
  'expired',
  'canceled',
  'retry',
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
  'document_type',
  'document_recent',
  'document_unreadable',
  'contact',
])

/** Whether the reply invites the customer to try again: every part does (a "not verified" reply never does). */
export const mayRetry = (choice: ReplyChoice): boolean => choice.parts.every((part) => RETRY_TEXTS.has(part.text))
