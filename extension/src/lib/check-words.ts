import type { LookupReason } from '@idv-lens/shared/api'
import { flaggedCheck } from '@idv-lens/shared/replies'
import { lookupMessage, t } from './i18n.ts'
import { humanize } from './vendor-text.ts'
import { vendorWord } from './vendor-words.ts'

/*
A vendor's check names and reason codes in the agent's words, English and German. They are code
names (`id_selfie_comparison`, deepidv's `id_matches_selfie`) that no agent should have to decode;
both vendors say their lists are open, so an unknown one is made readable, never hidden. The raw
name goes in a tooltip wherever one is shown (VendorTerm).
*/

const key = (value: string) =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')

/** What a check makes sure of ("Selfie matches the ID photo"): a passed check's line, a check's name. */
export function checkName(name: string): string {
  const words = lookupMessage(`checkname_${key(name)}`)
  if (words) return words
  const readable = humanize(name)
  return readable.charAt(0).toUpperCase() + readable.slice(1)
}

/** What a failed check means for the person ("the selfie does not match the ID photo"), lower case to follow a colon. */
export function checkFailure(name: string): string {
  return lookupMessage(`checkfail_${key(name)}`) ?? t('checkFailedUnknown', humanize(name))
}

/** One reason code in words (`expired` → "expired", "abgelaufen"); unknown codes readable. */
export function reasonWord(code: string): string {
  return lookupMessage(`reason_${key(code)}`) ?? humanize(code)
}

/** A check's reason codes as one phrase ("expired, could not be read"), or null when it gave none. */
export function reasonWords(codes: readonly (string | null)[]): string | null {
  const words = codes.filter((c): c is string => typeof c === 'string' && c.trim() !== '').map(reasonWord)
  return words.length ? words.join(', ') : null
}

/** A phrase as a sentence's start: its first letter upper case. */
export const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** "Declined": the vendor's status as the first word of a line. */
export function outcomeWord(status: string): string {
  const word = vendorWord(status)
  return word.charAt(0).toUpperCase() + word.slice(1)
}

/**
 * What an error code means for the person, when the code says more than its check does: Stripe's
 * `last_error.code` and report check errors (`document_expired` → "the ID document has expired").
 * Null for codes that only qualify a check (Persona's `expired`, `mismatch`). The `_text` ends
 * the key because some codes end in `_other`, a plural form's ending in messages.json.
 */
export function codeFailure(code: string): string | null {
  return lookupMessage(`codefail_${key(code)}_text`)
}

/** The main reason in words: the first code that says it all, else what the failed check means. */
export function reasonFailure(reason: Pick<LookupReason, 'check' | 'reasons'>): string {
  for (const code of reason.reasons) {
    const words = typeof code === 'string' ? codeFailure(code) : null
    if (words) return words
  }
  return checkFailure(reason.check)
}

/**
 * The card's one line: the outcome and its main reason ("Declined: the selfie does not match the ID
 * photo"), or null when no check failed (the status pill says the outcome already).
 */
export function reasonLine(status: string, reason: FailedReason | null): string | null {
  if (!reason) return null
  const flagged = flaggedReason(reason)
  return flagged ? t('reasonFlagged', reasonFailure(flagged)) : t('reasonLine', outcomeWord(status), reasonFailure(reason))
}

type FailedReason = Pick<LookupReason, 'check' | 'reasons'> & Partial<Pick<LookupReason, 'failed'>>

/**
 * The failed check a fraud check flagged (fraud, sanctions, another person, a tampered or fabricated
 * document: the replies' neutral class), of every failed check the record holds; null when none. Such a
 * person is never coached or offered another try: the headline and note lead with it, no new link is offered.
 */
export function flaggedReason(reason: FailedReason | null): Pick<LookupReason, 'check' | 'reasons'> | null {
  if (!reason) return null
  const found = flaggedCheck(reason.failed ?? [{ check: reason.check, reasons: reason.reasons }])
  return found ? { check: found.check, reasons: [...found.reasons] } : null
}
