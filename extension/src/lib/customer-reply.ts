import { chooseReply, type ReplyChoice } from '@idv-lens/shared/replies'
import type { SummaryFacts } from './copy-summary.ts'
import { lookupMessage, t, tn } from './i18n.ts'
import { REPLY_LANGS, type ReplyLang, type ReplyTexts } from './reply-texts.ts'

export type { ReplyTexts } from './reply-texts.ts'

export type CustomerReplyOptions = {
  /** A new link for the customer (a one-time link the agent just made); the reply says how to use it. */
  link?: string
  /** The team's own texts (policy's `replyTexts`), laid over the built-in ones. */
  texts?: ReplyTexts
}

/** The reply's language: the one the extension's words are in, when a team may word replies in it. */
function replyLang(): ReplyLang {
  const lang = t('htmlLang').toLowerCase()
  return (REPLY_LANGS as readonly string[]).includes(lang) ? (lang as ReplyLang) : 'en'
}

/** The reply's choice for these facts (shared/src/replies): every failed check, the first alone when that is all an older summary holds. */
function choice(facts: SummaryFacts): ReplyChoice {
  const r = facts.reason
  const failed = r ? (r.failed ?? [{ check: r.check, reasons: r.reasons }]) : []
  return chooseReply({ kind: facts.kind, status: facts.status, failed, failedChecks: r?.failedChecks ?? 0 })
}

/** "This reply covers 1 of 3 failed checks": for the agent, beside "Copy reply", when the reply leaves some out; else null. */
export function replyCoverage(facts: SummaryFacts): string | null {
  const { covered, failed } = choice(facts)
  return covered < failed ? tn('replyCovers', failed, covered) : null
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
 * a customer). When any failed check points at fraud, sanctions or another person, it says only "not verified".
 */
export function customerReply(facts: SummaryFacts, options: CustomerReplyOptions = {}): string {
  const lines = choice(facts).parts.flatMap((part, i) => [...(i ? [''] : []), wording(part.text, part.overrides, options.texts)])
  const link = options.link?.trim()
  if (link) lines.push('', wording('link', [], options.texts), link)
  return lines.join('\n')
}
