import type { Send } from '../lib/messages.ts'
import { POPUP_LIST, TAB_LISTS } from '../vendors/index.ts'
import { listSource, type Listed, type ListKind } from '../stores/list-sources.ts'
import { createListStore, type ListStore } from '../stores/list-store.ts'
import { withFirstPaint } from '../stores/first-paint-keeper.ts'
import type { VendorList } from '../vendors/vendor.ts'
import { POPUP_PAGE_SIZE, sessionSnapshot } from '../stores/list-snapshot.ts'
import { POPUP_TAB_NAMES } from './surface-tab.ts'

/** Every vendor's lists that have a tab, in the side panel's order (vendors/index.ts). */
export const LIST_KINDS: readonly ListKind[] = TAB_LISTS.map((list) => list.key)

export type Lists = Readonly<Record<ListKind, ListStore<Listed>>>

/** The lists the popup and the side panel show, each with its own pages and filters (a store loads only when shown). */
export function createLists(send: Send, pageSize: number): Lists {
  // Each list's last first page, kept in storage.session, paints at once on the next open.
  const snapshot = (list: VendorList) => {
    const kept = sessionSnapshot<Listed>(list.key, pageSize)
    // The popup's page of the list it opens on is also the first screen its next open draws before any code has loaded.
    return list === POPUP_LIST && pageSize === POPUP_PAGE_SIZE ? withFirstPaint(kept, POPUP_TAB_NAMES) : kept
  }
  return Object.fromEntries(
    TAB_LISTS.map((list) => [list.key, createListStore(listSource(list), { send, pageSize, snapshot: snapshot(list) })]),
  )
}

/** The list a tab shows (every tab's list exists: createLists makes one per tab). */
export const listOf = (lists: Lists, kind: ListKind): ListStore<Listed> => lists[kind]!

/** After a settings change: reload what was already shown, with the new relay or token. */
export function reloadShown(lists: Lists): void {
  for (const list of Object.values(lists)) {
    if (list.status.peek() !== 'idle') void list.load()
  }
}

/** The object IDs a list row shows: its own, and those its list names (a session's inquiry). */
function rowIds(kind: ListKind, item: Listed): string[] {
  return [item.id, ...(TAB_LISTS.find((list) => list.key === kind)?.rowIds?.(item) ?? [])]
}

/**
 * Objects changed (background/object-changes.ts): each list that was shown and holds one of them in
 * its first page re-reads that page past the relay's cache, as background work (nobody clicked).
 */
export function rereadChanged(lists: Lists, ids: readonly string[], pageSize: number): ListKind[] {
  const changed = new Set(ids)
  const reread: ListKind[] = []
  for (const [kind, list] of Object.entries(lists)) {
    if (list.status.peek() === 'idle') continue
    const firstPage = list.items.peek().slice(0, pageSize)
    if (!firstPage.some((item) => rowIds(kind, item).some((id) => changed.has(id)))) continue
    void list.load(true, true)
    reread.push(kind)
  }
  return reread
}
