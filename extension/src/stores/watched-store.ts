import { effect, signal, type ReadonlySignal } from '@preact/signals'
import type { LiveEvent } from '@idv-lens/shared/api'
import type { Send } from '../lib/messages.ts'
import { concernsWatch, type Watch } from '../lib/watches.ts'

type Watchable = { watch(cb: () => void): () => void }

/**
 * The watched IDs as a page shows them (popup list, Live filter): asked of the background, which
 * drops another relay's or agent's, and asked again whenever the stored list changes.
 */
export function createWatchedStore(send: Send, stored: Watchable) {
  const watches = signal<Watch[]>([])
  const load = () =>
    send('listWatches', undefined).then(
      (list) => void (watches.value = list),
      () => {},
    )
  void load()
  const unwatch = stored.watch(() => void load())
  return { watches: watches as ReadonlySignal<Watch[]>, load, dispose: unwatch }
}

export type WatchedStore = ReturnType<typeof createWatchedStore>

/**
 * Passes the live events a page receives about watched IDs (or their cases) to the background,
 * which notifies changes: the page holds the live connection, the background the watch list.
 * Each event goes once; events already on screen when this starts are not sent.
 */
export function forwardWatchedEvents(events: ReadonlySignal<LiveEvent[]>, watched: WatchedStore, send: Send): () => void {
  const sent = new Set<number>(events.peek().map((e) => e.seq))
  return effect(() => {
    const list = { owner: '', watches: watched.watches.value }
    const fresh = events.value.filter((e) => !sent.has(e.seq))
    for (const e of fresh) sent.add(e.seq)
    const concerning = fresh.filter((e) => concernsWatch(list, e))
    if (concerning.length) void send('watchLiveEvents', { events: concerning }).catch(() => {})
  })
}
