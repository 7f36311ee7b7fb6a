import { storage } from '#imports'
import type { MessageKey } from '../lib/i18n.ts'
import type { Fetched } from './fetch-state.ts'
import type { ListKind } from './list-sources.ts'

/** How many rows each of the popup's lists shows (one page, no paging there). */
export const POPUP_PAGE_SIZE = 10

/**
 * The last first page a list showed, as kept between popup opens. The popup's page of the list it
 * opens on also has the popup's tab names (pages/surface-tab.ts POPUP_TAB_NAMES), which its first
 * paint draws with the rows and cannot ask the registry for (entrypoints/popup/first-paint.ts).
 */
export type ListSnapshot<T> = { items: T[]; cursor: string | null; fetched: Fetched; tabs?: readonly MessageKey[] }

export type SnapshotStore<T> = {
  read(): Promise<ListSnapshot<T> | null>
  write(snapshot: ListSnapshot<T>): Promise<void>
}

const PREFIX = 'lists.'

/**
 * The last unfiltered first page of a list, in storage.session: the popup paints it the moment it
 * opens while the refresh runs, instead of a skeleton. Session storage is memory only (gone when
 * the browser closes) and hidden from content scripts; it holds what the popup showed anyway.
 */
export function sessionSnapshot<T>(kind: ListKind, pageSize: number): SnapshotStore<T> {
  const item = storage.defineItem<ListSnapshot<T> | null>(`session:${PREFIX}${kind}.${pageSize}`, { fallback: null })
  return {
    read: () => item.getValue().catch(() => null),
    write: (snapshot) => item.setValue(snapshot).catch(() => {}),
  }
}

/** Forgets every list snapshot (the relay or the token changed: they may be another relay's data). */
export async function clearListSnapshots(): Promise<void> {
  const all = await storage.snapshot('session')
  const keys = Object.keys(all).filter((key) => key.startsWith(PREFIX))
  if (keys.length > 0) await storage.removeItems(keys.map((key) => `session:${key}` as const))
}
