import { signal, type ReadonlySignal, type Signal } from '@preact/signals'
import type { UiActions, UiModel } from '../../content/card/ui-model.ts'
import type { LookupState } from '../../content/lookups/lookup-queue.ts'

/** One ID's lookup state as a signal: the card and that ID's list row read it. */
export type LookupOf = (key: string) => ReadonlySignal<LookupState | undefined>

/**
 * A signal per ID, mirroring the content script's cell of that ID (UiActions.lookup): made when a
 * card or a row first reads it, dropped once the ID is neither in the list nor on the card.
 */
export function lookupSignals(model: UiModel, actions: UiActions): { lookupOf: LookupOf; stop(): void } {
  const held = new Map<string, { signal: Signal<LookupState | undefined>; stop(): void }>()
  const lookupOf: LookupOf = (key) => {
    let entry = held.get(key)
    if (!entry) {
      const source = actions.lookup(key)
      const mirrored = signal(source.value)
      held.set(key, (entry = { signal: mirrored, stop: source.subscribe((value) => (mirrored.value = value)) }))
    }
    return entry.signal
  }
  const prune = () => {
    const kept = new Set(model.ids.value.map((p) => p.key))
    if (model.card.value) kept.add(model.card.value.key)
    for (const [key, entry] of held) {
      if (kept.has(key)) continue
      entry.stop()
      held.delete(key)
    }
  }
  const stops = [model.ids.subscribe(prune), model.card.subscribe(prune)]
  return {
    lookupOf,
    stop() {
      stops.forEach((stop) => stop())
      for (const entry of held.values()) entry.stop()
      held.clear()
    },
  }
}
