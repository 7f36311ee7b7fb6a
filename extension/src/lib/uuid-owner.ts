import type { LookupEntry } from '@idv-lens/shared/api'
import { UUID_KINDS, type IdKind } from '@idv-lens/shared/ids'
import { t } from './i18n.ts'
import { kindLabel } from './kind-label.ts'

/*
Whose UUID it is, the one place that says. A bare UUID has every UUID vendor's shape: the page marks it
as the first UUID kind, and the relay's lookup asks each UUID vendor, so its answer names the owner's
kind. A UUID no vendor has comes back as the first UUID kind's "not found", which names no owner.
*/

/** The relay's answer for `id` among a lookup's entries (IDs of caseless kinds in any case). */
export const answerFor = (id: string, entries: readonly LookupEntry[]): LookupEntry | undefined =>
  entries.find((entry) => entry.id.toLowerCase() === id.toLowerCase())

/** The kind `answer` says the ID is, when it is one of `among` (any, by default); else the kind it was marked as. */
export function answeredKind(marked: IdKind, answer: { kind: IdKind } | undefined, among?: readonly IdKind[]): IdKind {
  return answer && (!among || among.includes(answer.kind)) ? answer.kind : marked
}

/** A UUID that no UUID vendor the relay asked has (`notFound`: its answer said so). */
export const uuidNotFound = (kind: IdKind, notFound: boolean): boolean => notFound && UUID_KINDS.length > 1 && UUID_KINDS.includes(kind)

/** "deepidv session", "Onfido workflow run", or "UUID not found at any UUID vendor" for a UUID nobody has. */
export const kindHeading = (kind: IdKind, notFound: boolean): string =>
  uuidNotFound(kind, notFound) ? t('kind_uuid_not_found') : kindLabel(kind)

/** The heading of an ID marked as `marked`, as the relay's answer names it. */
export const answeredKindLabel = (marked: IdKind, answer: LookupEntry | undefined): string =>
  kindHeading(answeredKind(marked, answer), answer?.found === false && answer.error.code === 'not-found')
