import type { IdKind } from '@idv-lens/shared/ids'
import type { LookupState } from '../../content/lookups/lookup-queue.ts'

/**
 * The kind an ID is, as the relay answered it: a bare UUID is marked as the first UUID kind, and the
 * relay's lookup asks each UUID vendor, so its answer says whose it is. Until then, what the page said.
 */
export function answeredKind(kind: IdKind, state: LookupState | undefined): IdKind {
  return state?.state === 'found' || state?.state === 'missing' ? state.entry.kind : kind
}
