import { effect, type ReadonlySignal } from '@preact/signals'
import type { PageId, Send } from '../lib/messages.ts'
import { watchesItem } from '../lib/watch-storage.ts'
import { forwardChangedObjects } from './changed-objects.ts'
import { createLiveFilter } from '../stores/live-filter.ts'
import type { LiveStore } from '../stores/live-store.ts'
import { createWatchedStore, forwardWatchedEvents } from '../stores/watched-store.ts'

/**
 * What a surface with live events adds for watches: the watched list, the Live tab's filter, and
 * the live events about watched IDs passed on to the background. Call inside a model's factory,
 * so the effects end with it.
 */
export function watchSurface(send: Send, live: Pick<LiveStore, 'events'>, pageIds: ReadonlySignal<readonly PageId[]>) {
  const watched = createWatchedStore(send, watchesItem)
  effect(() => watched.dispose)
  effect(() => forwardWatchedEvents(live.events, watched, send))
  // What a live event changed is re-read wherever it shows (background/object-changes.ts).
  effect(() => forwardChangedObjects({ events: live.events, watches: watched.watches, send }))
  const liveFilter = createLiveFilter(watched.watches, pageIds)
  return { watched, liveFilter }
}
