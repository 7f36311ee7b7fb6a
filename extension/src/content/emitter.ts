/** A minimal typed event emitter: listeners run in the order they subscribed. */
export function createEmitter<Events extends Record<string, unknown>>() {
  const listeners: { [E in keyof Events]?: ((value: Events[E]) => void)[] } = {}
  return {
    /** Calls `listener` on each `event`; returns the unsubscribe. */
    on<E extends keyof Events>(event: E, listener: (value: Events[E]) => void): () => void {
      const list = (listeners[event] ??= [])
      list.push(listener)
      return () => {
        const at = list.indexOf(listener)
        if (at >= 0) list.splice(at, 1)
      }
    },
    emit<E extends keyof Events>(event: E, value: Events[E]): void {
      // A copy: a listener that unsubscribes while called must not make the next one miss this event.
      for (const listener of [...(listeners[event] ?? [])]) listener(value)
    },
  }
}
