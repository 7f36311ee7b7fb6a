import { storage } from '#imports'

/**
 * "These objects changed: re-read them." The background writes it (background/object-changes.ts)
 * after an action, a live event or a watch re-check saw a change; every open extension page (detail,
 * lists) watches it and re-reads what it shows of them past the relay's cache. Session storage:
 * IDs only, in memory, closed to content scripts (a card hears of its own IDs by message).
 */
export type ChangedObjects = { ids: string[]; at: number; seq: number }

export const changedObjectsItem = storage.defineItem<ChangedObjects | null>('session:changedObjects', { fallback: null })

/** Calls `onChange` with the IDs of each announcement from now on; returns the unsubscribe. */
export function onObjectsChanged(onChange: (ids: readonly string[]) => void, item: Pick<typeof changedObjectsItem, 'watch'> = changedObjectsItem): () => void {
  return item.watch((next) => {
    if (next && next.ids.length > 0) onChange(next.ids)
  })
}
