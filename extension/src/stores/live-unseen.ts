import { computed, effect, signal, untracked, type ReadonlySignal } from '@preact/signals'
import type { LiveEvent } from '@idv-lens/shared/api'

/**
 * Which live events the agent has not looked at yet: those that happened since the surface opened and
 * arrived while the Live tab was not shown. The relay's replayed backlog is history, not news, so it is
 * never counted ("200 new" on every open would teach the agent to ignore the count). `count` labels the
 * Live tab ("3 new"); `isNew` marks the rows that arrived since the agent last looked.
 */
export function createLiveUnseen(events: ReadonlySignal<LiveEvent[]>, shown: ReadonlySignal<boolean>, openedAt: number) {
  const fresh = computed(() => events.value.filter((e) => Date.parse(e.createdAt) >= openedAt))
  const topSeq = (list: LiveEvent[]) => list.reduce((max, e) => Math.max(max, e.seq), 0)
  // The newest seq the agent has had on screen; backlog rows count as seen.
  const seenSeq = signal(0)
  const newFrom = signal(Number.POSITIVE_INFINITY)
  const dispose = effect(() => {
    const list = events.value
    const backlog = list.filter((e) => Date.parse(e.createdAt) < openedAt)
    const floor = topSeq(backlog)
    if (untracked(() => seenSeq.value) < floor) seenSeq.value = floor
    if (!shown.value) return
    const top = topSeq(list)
    untracked(() => {
      if (newFrom.value === Number.POSITIVE_INFINITY) newFrom.value = seenSeq.value
      seenSeq.value = Math.max(seenSeq.value, top)
    })
  })
  // Leaving the tab: the next visit marks only what arrives after this one.
  const disposeLeave = effect(() => {
    if (!shown.value) untracked(() => (newFrom.value = Number.POSITIVE_INFINITY))
  })
  return {
    count: computed(() => fresh.value.filter((e) => e.seq > seenSeq.value).length),
    /** Marked new on the Live tab: arrived since the agent last looked, and not replayed history. */
    isNew: (event: LiveEvent) => event.seq > newFrom.value && Date.parse(event.createdAt) >= openedAt,
    dispose() {
      dispose()
      disposeLeave()
    },
  }
}

export type LiveUnseen = ReturnType<typeof createLiveUnseen>
