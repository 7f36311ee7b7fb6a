/**
 * The gate's vendor connections open at once. The Workers runtime keeps at most six per invocation and,
 * when more wait while none of the open ones is being read, cancels the oldest: a body paused while it
 * waits for room (bodies/byte-budget.ts) would be cut off. Calls past the limit wait here instead, where
 * nothing is cancelled, until a slot is free or their own deadline.
 */
export class ConnectionSlots {
  private open = 0
  private readonly waiting: (() => void)[] = []

  readonly limit: number

  constructor(limit: number) {
    this.limit = limit
  }

  /** A slot, once one is free; false when `signal` ended the wait first. Give it back with `release`. */
  async take(signal: AbortSignal): Promise<boolean> {
    while (this.open >= this.limit) {
      if (signal.aborted) return false
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal.removeEventListener('abort', wake)
          resolve()
        }
        this.waiting.push(wake)
        signal.addEventListener('abort', wake)
      })
    }
    this.open++
    return true
  }

  release(): void {
    this.open--
    // Every waiter checks again: one that gave up on its deadline must not swallow the free slot.
    for (const wake of this.waiting.splice(0)) wake()
  }
}
