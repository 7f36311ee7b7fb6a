import { effect, type ReadonlySignal } from '@preact/signals'
import type { LiveEvent } from '@idv-lens/shared/api'
import type { Send } from '../lib/messages.ts'
import type { Watch } from '../lib/watches.ts'
import { isCaseId, isChangeableId, onObjectsChanged } from '../lib/change-notice.ts'
import { rereadChanged, type Lists } from './lists.ts'

/** A live event older than this when it arrives is a replay of the hub's window: what it changed was read since. */
export const LIVE_NEWS_MS = 60_000

/**
 * The objects a live event says changed: its object (a case too: the open detail showing it re-reads),
 * and for a case, the watched inquiry it belongs to (its card and watch show the case).
 */
export function changedBy(event: Pick<LiveEvent, 'objectId'>, watches: readonly Watch[]): string[] {
  if (!isChangeableId(event.objectId)) return []
  if (!isCaseId(event.objectId)) return [event.objectId]
  const owner = watches.find((w) => w.caseId !== null && w.caseId === event.objectId)
  return owner ? [event.objectId, owner.id] : [event.objectId]
}

/** A live event's identity across surfaces: the vendor's event ID. */
export const liveEventKey = (event: Pick<LiveEvent, 'vendor' | 'id'>): string => `${event.vendor}:${event.id}`.slice(0, 200)

/**
 * Passes what new live events changed to the background's `objectChanged`, which has the open
 * detail, the lists and the cards re-read it. Events on screen when this starts, and replays older
 * than LIVE_NEWS_MS, are not news. Returns the effect's disposer.
 */
export function forwardChangedObjects(deps: {
  events: ReadonlySignal<LiveEvent[]>
  watches: ReadonlySignal<readonly Watch[]>
  send: Send
  now?: () => number
}): () => void {
  const now = deps.now ?? Date.now
  const sent = new Set<number>(deps.events.peek().map((e) => e.seq))
  return effect(() => {
    const fresh = deps.events.value.filter((e) => !sent.has(e.seq))
    if (fresh.length === 0) return
    for (const e of fresh) sent.add(e.seq)
    const watches = deps.watches.peek()
    const at = now()
    const news = fresh.filter((e) => at - Date.parse(e.createdAt) < LIVE_NEWS_MS)
    const ids = [...new Set(news.flatMap((e) => changedBy(e, watches)))]
    // `live` names the events: the popup and the side panel both forward them, the background announces once.
    if (ids.length > 0)
      void deps.send('objectChanged', { ids: ids.slice(0, 100), live: news.slice(0, 100).map(liveEventKey) }).catch(() => {})
  })
}

/**
 * A surface's views follow announced changes (background/object-changes.ts): the detail on screen, if
 * any, and the lists showing a changed object re-read it. Returns the unsubscribe.
 */
export function followChangedObjects(views: {
  lists: Lists
  pageSize: number
  detail?: { reread(ids: readonly string[]): unknown }
}): () => void {
  return onObjectsChanged((ids) => {
    views.detail?.reread(ids)
    rereadChanged(views.lists, ids, views.pageSize)
  })
}
