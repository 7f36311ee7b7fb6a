import type { PersonaInquiry } from '@idv-lens/shared/api'
import type { Send } from '../lib/messages.ts'
import { deepidvSource, eventsSource, inquiriesSource, sessionsSource, type ListKind } from './list-sources.ts'
import { createListStore } from './list-store.ts'
import { withFirstPaint } from './first-paint-keeper.ts'
import { POPUP_PAGE_SIZE, sessionSnapshot } from './list-snapshot.ts'
import { stripeSource } from '../vendors/stripe/stripe-source.ts'

export const LIST_KINDS: readonly ListKind[] = ['sessions', 'inquiries', 'events', 'deepidv', 'stripe']

/** The lists the popup and the side panel show, each with its own pages and filters (a store loads only when shown). */
export function createLists(send: Send, pageSize: number) {
  // Each list's last first page, kept in storage.session, paints at once on the next open.
  const options = <T>(kind: ListKind) => ({ send, pageSize, snapshot: sessionSnapshot<T>(kind, pageSize) })
  return {
    sessions: createListStore(sessionsSource, options('sessions')),
    // The popup's page is also the first screen its next open draws before any code has loaded.
    inquiries: createListStore(inquiriesSource, pageSize === POPUP_PAGE_SIZE ? { ...options<PersonaInquiry>('inquiries'), snapshot: withFirstPaint(sessionSnapshot('inquiries', pageSize)) } : options('inquiries')),
    events: createListStore(eventsSource, options('events')),
    deepidv: createListStore(deepidvSource, options('deepidv')),
    stripe: createListStore(stripeSource, options('stripe')),
  }
}

export type Lists = ReturnType<typeof createLists>

/** After a settings change: reload what was already shown, with the new relay or token. */
export function reloadShown(lists: Lists): void {
  for (const kind of LIST_KINDS) {
    if (lists[kind].status.peek() !== 'idle') void lists[kind].load()
  }
}

/** The object IDs a list row shows: its own, and the inquiry a session belongs to. */
function rowIds(item: { id: string }): string[] {
  const inquiry = (item as { relationships?: { inquiry?: { data?: { id?: unknown } | null } } }).relationships?.inquiry?.data?.id
  return typeof inquiry === 'string' ? [item.id, inquiry] : [item.id]
}

/**
 * Objects changed (background/object-changes.ts): each list that was shown and holds one of them in
 * its first page re-reads that page past the relay's cache, as background work (nobody clicked).
 */
export function rereadChanged(lists: Lists, ids: readonly string[], pageSize: number): ListKind[] {
  const changed = new Set(ids)
  const reread: ListKind[] = []
  for (const kind of LIST_KINDS) {
    const list = lists[kind]
    if (list.status.peek() === 'idle') continue
    const firstPage = (list.items.peek() as { id: string }[]).slice(0, pageSize)
    if (!firstPage.some((item) => rowIds(item).some((id) => changed.has(id)))) continue
    void list.load(true, true)
    reread.push(kind)
  }
  return reread
}
