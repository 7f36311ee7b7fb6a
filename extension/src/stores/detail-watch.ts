import type { DetailView } from './detail-store.ts'
import { sendMessage, type Send } from '../lib/messages.ts'
import type { WatchSeen } from '../lib/watches.ts'

/** What the detail shows of its object's status: a watch's baseline (events have none: not watchable). */
export function detailSeen(view: DetailView): WatchSeen | null {
  switch (view.kind) {
    case 'persona-inquiry':
    case 'persona-inquiry-session': {
      const data = view.main.data.value?.data
      return data ? { status: data.attributes.status ?? null } : null
    }
    case 'deepidv-session': {
      const data = view.main.data.value
      return data ? { status: data.session_record.status } : null
    }
    case 'stripe-verification-session': {
      const data = view.main.data.value
      return data ? { status: data.status } : null
    }
    // A report is made once and never changes: nothing to watch.
    case 'persona-event':
    case 'stripe-verification-report':
      return null
  }
}

/** The toggle's two calls, through the background (the one writer of the watch list). */
export function watchCalls(send: Send = sendMessage) {
  return {
    read: (id: string) => send('watchState', { id }).then((r) => r.watching),
    write: (id: string, on: boolean, seen?: WatchSeen) => send('setWatch', { id, on, seen }),
  }
}
