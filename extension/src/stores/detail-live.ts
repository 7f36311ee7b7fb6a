import { effect, untracked, type ReadonlySignal } from '@preact/signals'
import type { LiveEvent } from '@idv-lens/shared/api'
import type { DetailStore, DetailView } from './detail-store.ts'

/** Whether a live event is about the view's object, one of its sessions or its case. */
function mentions(view: DetailView, event: LiveEvent): boolean {
  if (event.objectId === view.id) return true
  if (view.kind !== 'persona-inquiry') return false
  const related = [...(view.cases.data.value?.data ?? []), ...(view.sessions.data.value?.data ?? [])]
  return related.some((item) => item.id === event.objectId)
}

/**
 * The open detail follows the vendor: a live event about what it shows (a status changed in the
 * dashboard, a case assigned, a tag added elsewhere) reloads it past the relay's cache, without a
 * click. Each event counts once, however often the hub replays it.
 */
export function followLiveEvents(events: ReadonlySignal<LiveEvent[]>, detail: Pick<DetailStore, 'current' | 'refresh'>): () => void {
  const seen = new Set<string>()
  return effect(() => {
    const fresh = events.value.filter((e) => !seen.has(`${e.vendor}:${e.id}`))
    for (const e of fresh) seen.add(`${e.vendor}:${e.id}`)
    const view = untracked(() => detail.current.value)
    if (view && fresh.some((e) => untracked(() => mentions(view, e)))) detail.refresh(true)
  })
}
