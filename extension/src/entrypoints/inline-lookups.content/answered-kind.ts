import { UUID_KINDS, type IdKind } from '@idv-lens/shared/ids'
import type { LookupState } from '../../content/lookups/lookup-queue.ts'
import { t } from '../../lib/i18n.ts'
import { kindLabel } from '../../lib/kind-label.ts'

/**
 * The kind an ID is, as the relay answered it: a bare UUID is marked as the first UUID kind, and the
 * relay's lookup asks each UUID vendor, so its answer says whose it is. Until then, what the page said.
 */
export function answeredKind(kind: IdKind, state: LookupState | undefined): IdKind {
  return state?.state === 'found' || state?.state === 'missing' ? state.entry.kind : kind
}

/** A UUID that no UUID vendor the relay asked has: its answer is the first UUID kind's "not found", which names no owner. */
export function uuidNotFound(kind: IdKind, state: LookupState | undefined): boolean {
  return UUID_KINDS.length > 1 && UUID_KINDS.includes(kind) && state?.state === 'missing' && state.entry.error.code === 'not-found'
}

/** "deepidv session", "Onfido workflow run" as answered, or "UUID not found at any UUID vendor". */
export function answeredKindLabel(kind: IdKind, state: LookupState | undefined): string {
  return uuidNotFound(kind, state) ? t('kind_uuid_not_found') : kindLabel(answeredKind(kind, state))
}
