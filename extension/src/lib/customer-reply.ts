import { chooseReplyFor, composeReply, REPLY_LANGS, type ReplyLang, type ReplyTexts } from '@idv-lens/shared/replies'
import type { SummaryFacts } from './copy-summary.ts'
import { flaggedReason } from './check-words.ts'
import { lookupMessage, t, tn } from './i18n.ts'

export type { ReplyTexts } from '@idv-lens/shared/replies'

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

/**
 * "This reply covers 1 of 3 failed checks": for the agent, beside "Copy reply", when the reply leaves some out;
 * for a flagged record, why it stays neutral instead (no invitation to add the rest); else null.
 */
export function replyCoverage(facts: SummaryFacts): string | null {
  if (flaggedReason(facts.reason)) return t('replyFlagged')
  const { covered, failed } = chooseReplyFor(facts)
  return covered < failed ? tn('replyCovers', failed, covered) : null
}

/**
 * What the agent pastes to the customer: what happened and what to do next, in plain sentences in
 * the agent's language, and when a new link is given, how to use it and the link. Nothing internal:
 * no check or reason code, no case, no dashboard link, no ID (the inquiry's own ID means nothing to
 * a customer). When any failed check points at fraud, sanctions or another person, it says only "not verified".
 */
export function customerReply(facts: SummaryFacts, options: CustomerReplyOptions = {}): string {
  return composeReply(chooseReplyFor(facts), { message: lookupMessage, team: options.texts?.[replyLang()], link: options.link })
}
