import { sendMessage, type Send } from '../lib/messages.ts'
import type { WatchSeen } from '../lib/watches.ts'

/** The toggle's two calls, through the background (the one writer of the watch list). */
export function watchCalls(send: Send = sendMessage) {
  return {
    read: (id: string) => send('watchState', { id }).then((r) => r.watching),
    write: (id: string, on: boolean, seen?: WatchSeen) => send('setWatch', { id, on, seen }),
  }
}
