import type { Send } from '../lib/messages.ts'
import { deepidvSource, eventsSource, inquiriesSource, sessionsSource, type ListKind } from './list-sources.ts'
import { createListStore } from './list-store.ts'

export const LIST_KINDS: readonly ListKind[] = ['sessions', 'inquiries', 'events', 'deepidv']

/** The lists the popup and the side panel show, each with its own pages and filters (a store loads only when shown). */
export function createLists(send: Send, pageSize: number) {
  return {
    sessions: createListStore(sessionsSource, { send, pageSize }),
    inquiries: createListStore(inquiriesSource, { send, pageSize }),
    events: createListStore(eventsSource, { send, pageSize }),
    deepidv: createListStore(deepidvSource, { send, pageSize }),
  }
}

export type Lists = ReturnType<typeof createLists>

/** After a settings change: reload what was already shown, with the new relay or token. */
export function reloadShown(lists: Lists): void {
  for (const kind of LIST_KINDS) {
    if (lists[kind].status.peek() !== 'idle') void lists[kind].load()
  }
}
