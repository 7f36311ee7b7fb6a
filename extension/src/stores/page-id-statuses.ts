import { effect, signal, type ReadonlySignal } from '@preact/signals'
import { MAX_IDS_PER_LOOKUP, type IdKind } from '@idv-lens/shared/ids'
import type { PageId, Send } from '../lib/messages.ts'

/** What "On this page" shows of an ID: its status, `null` while unknown, 'not-found' when the vendor has none. */
export type PageIdStatus = string | null

/**
 * The status of each ID on the popup's tab: one batched lookup (the relay has them cached from the
 * page's cards) for the IDs not asked yet, as background work. IDs only; nothing is kept. `kinds`:
 * each answered ID's kind, as the relay named it (a bare UUID's vendor).
 */
export function createPageIdStatuses(send: Send, ids: ReadonlySignal<readonly PageId[]>) {
  const statuses = signal<ReadonlyMap<string, PageIdStatus>>(new Map())
  const kinds = signal<ReadonlyMap<string, IdKind>>(new Map())
  const asked = new Set<string>()
  const dispose = effect(() => {
    const fresh = ids.value
      .map((p) => p.id)
      .filter((id) => !asked.has(id))
      .slice(0, MAX_IDS_PER_LOOKUP)
    if (fresh.length === 0) return
    for (const id of fresh) asked.add(id)
    void send('lookupIds', { ids: fresh, background: true }).then(
      (result) => {
        if (!result.ok) return
        const next = new Map(statuses.peek())
        const named = new Map(kinds.peek())
        for (const entry of result.data.data) {
          next.set(entry.id, entry.found ? entry.status : entry.error.code === 'not-found' ? 'not-found' : null)
          if (entry.kind) named.set(entry.id, entry.kind)
        }
        statuses.value = next
        kinds.value = named
      },
      () => {},
    )
  })
  return {
    statuses: statuses as ReadonlySignal<ReadonlyMap<string, PageIdStatus>>,
    kinds: kinds as ReadonlySignal<ReadonlyMap<string, IdKind>>,
    dispose,
  }
}
