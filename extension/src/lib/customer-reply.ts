import type { SummaryFacts } from './copy-summary.ts'
import { lookupMessage, t } from './i18n.ts'
import { CHECK_TEXT, CODE_TEXT, REASON_STATUSES, REASON_TEXT, replyStatus, STATUS_TEXT } from './reply-reasons.ts'
import { REPLY_LANGS, type ReplyLang, type ReplyText, type ReplyTexts } from './reply-texts.ts'

export type { ReplyTexts } from './reply-texts.ts'

export type CustomerReplyOptions = {
  /** A new link for the customer (a one-time link the agent just made); the reply says how to use it. */
  link?: string
  /** The team's own texts (policy's `replyTexts`), laid over the built-in ones. */
  texts?: ReplyTexts
}

const key = (value: string) => value.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')

/** The reply's language: the one the extension's words are in, when a team may word replies in it. */
function replyLang(): ReplyLang {
  const lang = t('htmlLang').toLowerCase()
  return (REPLY_LANGS as readonly string[]).includes(lang) ? (lang as ReplyLang) : 'en'
}

type Choice = {
  /** The text the reply uses unless the team replaced it. */
  text: ReplyText
  /** The team's keys that replace it, most specific first (`check.…`, `reason.…`). */
  overrides: string[]
}

/** What the reply answers: the failed check's reason where the attempt ended for one, else the status. */
function choose(facts: SummaryFacts): Choice {
  const status = key(replyStatus(facts.kind, facts.status))
  const reason = facts.reason
  if (reason && REASON_STATUSES.has(status)) {
    const check = key(reason.check)
    const codes = reason.reasons.filter((c): c is string => typeof c === 'string').map(key)
    const overrides = [`check.${check}`, ...codes.map((c) => `reason.${c}`)]
    const byCode = (table: Readonly<Record<string, ReplyText>>) => codes.map((c) => table[c]).find((r) => r !== undefined)
    const text = byCode(CODE_TEXT) ?? CHECK_TEXT[check] ?? byCode(REASON_TEXT)
    if (text) return { text, overrides }
    return { text: STATUS_TEXT[status] ?? 'retry', overrides }
  }
  return { text: STATUS_TEXT[status] ?? 'unknown', overrides: [] }
}

/** The team's text for the most specific key it has, else the built-in one. */
function wording(name: string, overrides: string[], texts: ReplyTexts | undefined): string {
  const team = texts?.[replyLang()]
  for (const k of [...overrides, name]) {
    const text = team && Object.hasOwn(team, k) ? team[k] : undefined
    if (typeof text === 'string' && text.trim()) return text
  }
  return lookupMessage(`reply_${name}`) ?? name
}

/**
 * What the agent pastes to the customer: what happened and what to do next, in plain sentences in
 * the agent's language, and when a new link is given, how to use it and the link. Nothing internal:
 * no check or reason code, no case, no dashboard link, no ID (the inquiry's own ID means nothing to
 * a customer). Reason texts that would tip off a fraud or sanctions finding say only "not verified".
 */
export function customerReply(facts: SummaryFacts, options: CustomerReplyOptions = {}): string {
  const { text, overrides } = choose(facts)
  const lines = [wording(text, overrides, options.texts)]
  const link = options.link?.trim()
  if (link) lines.push('', wording('link', [], options.texts), link)
  return lines.join('\n')
}
