import type { LookupCase, LookupReason } from '@idv-lens/shared/api'
import type { IdKind } from '@idv-lens/shared/ids'
import { codeFailure, flaggedReason, reasonFailure, reasonWords } from './check-words.ts'
import { kindLabel } from './kind-label.ts'
import { exactTime, parseTime } from './format.ts'
import { t, tn } from './i18n.ts'
import { vendorWord } from './vendor-words.ts'

/**
 * What a summary says about one object: what the relay hands out anyway (a lookup summary or the
 * detail's own objects), never a personal value, since none reaches the extension.
 */
export type SummaryFacts = {
  kind: IdKind
  id: string
  status: string
  /** `failed` lists every failed check; a summary cached before it did holds only the first. */
  reason: (Pick<LookupReason, 'check' | 'reasons' | 'failedChecks'> & Partial<Pick<LookupReason, 'failed'>>) | null
  case: Pick<LookupCase, 'status' | 'resolution'> | null
  createdAt: string | null
  updatedAt: string | null
  dashboardUrl: string
}

export type SummaryFormat = 'text' | 'markdown'

/** "the selfie does not match the ID photo (does not match); 1 more check failed" */
function reasonPhrase(reason: NonNullable<SummaryFacts['reason']>): string {
  // A code that says it all (Stripe's `selfie_face_mismatch`) is the phrase itself; the others qualify it.
  const codes = reasonWords(reason.reasons.filter((c) => !(typeof c === 'string' && codeFailure(c) !== null)))
  const more = reason.failedChecks > 1 ? `; ${tn('summaryMoreFailed', reason.failedChecks - 1)}` : ''
  return `${reasonFailure(reason)}${codes ? ` (${codes})` : ''}${more}`
}

function caseWords(c: NonNullable<SummaryFacts['case']>): string {
  return c.resolution && c.resolution.toLowerCase() !== c.status.toLowerCase()
    ? `${vendorWord(c.status)} (${vendorWord(c.resolution)})`
    : vendorWord(c.status)
}

const when = (iso: string | null) => {
  const at = parseTime(iso)
  return at === null ? null : exactTime(at)
}

/** Markdown's special characters in a value, escaped (a vendor's word could hold one). */
const md = (text: string) => text.replace(/([\\`*_[\]<>|#])/g, '\\$1')

/**
 * The internal note an agent pastes into a ticket: Markdown (or the same as plain text), never for
 * the customer (that is lib/customer-reply.ts). Vendor and kind, ID, outcome, reason in words, case, dates (with their time zone, for a
 * reader elsewhere) and the dashboard link, in the agent's language.
 */
export function summaryText(facts: SummaryFacts, format: SummaryFormat): string {
  // A fraud check's flag leads, so the next colleague reads it first.
  const flagged = flaggedReason(facts.reason)
  const items = [...(flagged ? [t('summaryFlagged', reasonFailure(flagged))] : []), t('summaryOutcome', vendorWord(facts.status))]
  if (facts.reason) items.push(t('summaryReason', reasonPhrase(facts.reason)))
  if (facts.case) items.push(t('summaryCase', caseWords(facts.case)))
  const created = when(facts.createdAt)
  if (created) items.push(t('summaryCreated', created))
  const updated = when(facts.updatedAt)
  if (updated && updated !== created) items.push(t('summaryUpdated', updated))
  const name = kindLabel(facts.kind)
  if (format === 'text') return [`${name} ${facts.id}`, ...items, t('summaryLink', facts.dashboardUrl)].join('\n')
  // The heading names the object and links it to the dashboard; the rest renders as a list in a note.
  return [`**${md(name)}** [\`${facts.id}\`](${facts.dashboardUrl})`, ...items.map((item) => `- ${md(item)}`)].join('\n')
}
