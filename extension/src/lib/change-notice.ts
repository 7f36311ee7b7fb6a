import { storage } from '#imports'
import { classifyId } from '@idv-lens/shared/ids'

/*
 * "These objects changed: re-read them." The background writes it (background/object-changes.ts)
 * after an action, a live event or a watch re-check saw a change; every open extension page (detail,
 * lists) watches it and re-reads what it shows of them past the relay's cache. Session storage:
 * IDs only, in memory, closed to content scripts (a card hears of its own IDs by message).
 */
/** A Persona case ID (`case_…`): no ID kind (pages are not scanned for them), yet an inquiry's detail shows its cases. */
export const isCaseId = (id: string): boolean => /^case_[A-Za-z0-9]{1,64}$/.test(id)

/** A Persona verification ID (`ver_…`): no ID kind either; an inquiry's detail shows its verifications. */
const isVerificationId = (id: string): boolean => /^ver_[A-Za-z0-9]{1,64}$/.test(id)

/** What can be announced as changed: an ID of a kind we know, or a case or verification an open detail may show. */
export const isChangeableId = (id: string): boolean => classifyId(id) !== null || isCaseId(id) || isVerificationId(id)

export type ChangedObjects = { ids: string[]; at: number; seq: number }

export const changedObjectsItem = storage.defineItem<ChangedObjects | null>('session:changedObjects', { fallback: null })

/** Calls `onChange` with the IDs of each announcement from now on; returns the unsubscribe. */
export function onObjectsChanged(
  onChange: (ids: readonly string[]) => void,
  item: Pick<typeof changedObjectsItem, 'watch'> = changedObjectsItem,
): () => void {
  return item.watch((next) => {
    if (next && next.ids.length > 0) onChange(next.ids)
  })
}
