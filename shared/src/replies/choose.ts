import type { IdKind } from '../ids/index.ts'
import { asksReason, REPLY_TABLES, replyStatus, statusText as statusTextOf, VENDOR_REPLIES } from './tables.ts'
import { NEUTRAL_TEXT, SETTLED_TEXTS, STOPPED_TEXTS, type ReplyText } from './texts.ts'

/** One failed check as the lookup gives it: the vendor's check name and its reason codes, raw. */
export type FailedCheck = { check: string; reasons: readonly string[] }

/** What a reply is chosen from: the record's kind and status, and every check that failed on it. */
export type ReplyFacts = {
  kind: IdKind
  status: string
  /** Every failed check known, the newest attempt's first. */
  failed: readonly FailedCheck[]
  /** How many failed in all, when more failed than `failed` lists (a capped list). */
  failedChecks?: number
}

/** One paragraph of the reply: a text, and the team's keys that replace it, most specific first. */
export type ReplyPart = { text: ReplyText; overrides: string[] }

export type ReplyChoice = {
  parts: ReplyPart[]
  /** How many checks failed in all. */
  failed: number
  /** How many of them the reply speaks for; the agent is told when it leaves some out. */
  covered: number
}

const key = (value: string) =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')

type Read = { text: ReplyText | undefined; overrides: string[] }

/** A failed check's text: a code that says more first, then the check's own, then a reason code's. */
function readCheck(failed: FailedCheck): Read {
  const check = key(failed.check)
  const codes = failed.reasons.filter((c): c is string => typeof c === 'string').map(key)
  const byCode = (table: Readonly<Record<string, ReplyText>>) => codes.map((c) => table[c]).find((r) => r !== undefined)
  const text = byCode(REPLY_TABLES.codes) ?? REPLY_TABLES.checks[check] ?? byCode(REPLY_TABLES.reasons)
  return { text, overrides: [`check.${check}`, ...codes.map((c) => `reason.${c}`)] }
}

/**
 * The first failed check that points at fraud, sanctions, a watchlist, another person's data or a tampered
 * or fabricated document (the checks whose reply is "not verified"); undefined when none does. Such a
 * person is never coached or offered another try: the relay refuses a new link, the extension offers none.
 */
export function flaggedCheck(failed: readonly FailedCheck[]): FailedCheck | undefined {
  return failed.find((f) => readCheck(f).text === NEUTRAL_TEXT)
}

/** Texts that only say how an attempt stands (a status's): a check that maps to one tells the customer nothing more. */
const STATUS_LIKE: ReadonlySet<string> = new Set(Object.values(VENDOR_REPLIES).flatMap((r) => Object.values(r.statuses)))
const says = (r: Read): r is Read & { text: ReplyText } => r.text !== undefined && !STATUS_LIKE.has(r.text)

/** The reply's parts for a record with failed checks, by what its status text is (`byReason`: its status asks for the reason). */
function partsFor(byReason: boolean, statusText: ReplyText | undefined, reads: Read[]): ReplyPart[] {
  const neutral = reads.find((r) => r.text === NEUTRAL_TEXT)
  if (neutral) return [{ text: NEUTRAL_TEXT, overrides: neutral.overrides }]
  const first = reads.find(says)
  if (byReason) {
    // No check says what to fix: a code that words the status (Stripe's `consent_declined`), else the status's own.
    const any = first ?? reads.find((r) => r.text !== undefined)
    return [
      any?.text ? { text: any.text, overrides: any.overrides } : { text: statusText ?? 'retry', overrides: reads[0]?.overrides ?? [] },
    ]
  }
  const own = { text: statusText ?? 'unknown', overrides: [] }
  return first && statusText && STOPPED_TEXTS.has(statusText) ? [own, first] : [own]
}

/**
 * Which texts answer a record, and how many of its failed checks they speak for. Every failed check is
 * read: any that maps to "not verified" (fraud, sanctions, another person) makes that the whole reply,
 * so no reply coaches anyone past a suspicion; else the first check that says what to fix, where the
 * status ended for a check, or after the status's own text where the attempt stopped. A settled
 * status (approved, received, in review) answers by itself.
 */
export function chooseReply(facts: ReplyFacts): ReplyChoice {
  const status = key(replyStatus(facts.kind, facts.status))
  const statusText = statusTextOf(facts.kind, status)
  const byReason = asksReason(facts.kind, status)
  const failed = Math.max(facts.failedChecks ?? 0, facts.failed.length)
  if (!facts.failed.length || (statusText && SETTLED_TEXTS.has(statusText))) {
    const text = statusText ?? (byReason ? 'retry' : 'unknown')
    return { parts: [{ text, overrides: [] }], failed, covered: statusText && SETTLED_TEXTS.has(statusText) ? failed : 0 }
  }
  const reads = facts.failed.map(readCheck)
  const parts = partsFor(byReason, statusText, reads)
  const texts = new Set<string>(parts.map((p) => p.text))
  // A check with no text of its own, or a status's, is spoken for by a status's text.
  const byStatus = parts.some((p) => STATUS_LIKE.has(p.text))
  const covered = reads.filter((r) => (r.text && texts.has(r.text)) || (byStatus && !says(r))).length
  return { parts, failed, covered }
}
