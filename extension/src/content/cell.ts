/**
 * One value of the model and who wants to hear of its changes. Shaped like a Preact signal (`value`,
 * `subscribe`), so the UI, loaded later with Preact, mirrors each cell in a signal of its own
 * (inline-ui.tsx) and its components read either the same way. The eager script carries no UI library.
 */
export type Cell<T> = { value: T; subscribe(listener: (value: T) => void): () => void }

export function cell<T>(initial: T): Cell<T> {
  let value = initial
  const listeners = new Set<(value: T) => void>()
  return {
    get value() {
      return value
    },
    set value(next: T) {
      if (Object.is(next, value)) return
      value = next
      for (const listener of listeners) listener(next)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}
