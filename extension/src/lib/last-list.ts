/**
 * The list (or live tab) the agent last chose, in the popup or the side panel: both open on it.
 * localStorage, read in the same task as the popup's first paint (lib/first-paint-snapshot.ts);
 * it holds a tab's key, nothing about a record.
 */
export const LAST_LIST_STORAGE_KEY = 'idv-lens.last-list'

/** The kept tab key, or null (none kept, or no storage). */
export function readLastList(store: Storage | null): string | null {
  try {
    return store?.getItem(LAST_LIST_STORAGE_KEY) ?? null
  } catch {
    return null
  }
}

export function keepLastList(store: Storage | null, key: string): void {
  try {
    store?.setItem(LAST_LIST_STORAGE_KEY, key)
  } catch {
    // A disabled store: the surfaces open on their first list.
  }
}
