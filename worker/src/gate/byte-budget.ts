/**
 * Bytes of large vendor bodies an isolate holds at once (an isolate has 128 MB, and a body is copied
 * several times while it is read, checked, parsed and stored). A body below `largeBytes` takes none:
 * only large answers queue or are refused, never the usual small ones.
 */
export class ByteBudget {
  private used = 0
  /** The most held at once (bench:faults reads it). */
  peak = 0
  private readonly waiting: (() => void)[] = []

  constructor(
    readonly maxBytes: number,
    readonly largeBytes: number,
  ) {}

  /** What a body of `bytes` takes: nothing when it is small, never more than the whole budget. */
  costOf(bytes: number): number {
    return bytes < this.largeBytes ? 0 : Math.min(bytes, this.maxBytes)
  }

  /** Takes `bytes` now if they fit (a small body always does); false when they do not. */
  tryTake(bytes: number): boolean {
    const cost = this.costOf(bytes)
    if (cost === 0) return true
    if (this.used + cost > this.maxBytes) return false
    this.used += cost
    this.peak = Math.max(this.peak, this.used)
    return true
  }

  /** Takes `bytes` as soon as they fit, waiting at most `waitMs`; false when they did not fit in time. */
  async take(bytes: number, waitMs: number): Promise<boolean> {
    if (this.tryTake(bytes)) return true
    let timedOut = false
    // Cleared once settled: a timer left running would outlive the request that set it.
    const timer = setTimeout(() => {
      timedOut = true
      this.wake()
    }, waitMs)
    try {
      while (!this.tryTake(bytes)) {
        if (timedOut) return false
        await new Promise<void>((resolve) => this.waiting.push(resolve))
      }
      return true
    } finally {
      clearTimeout(timer)
    }
  }

  release(bytes: number): void {
    const cost = this.costOf(bytes)
    if (cost === 0) return
    this.used = Math.max(0, this.used - cost)
    this.wake()
  }

  /** Bytes held now (tests and the status read it). */
  get inUse(): number {
    return this.used
  }

  private wake(): void {
    // Every waiter checks again; those that still do not fit wait for the next release.
    for (const resolve of this.waiting.splice(0)) resolve()
  }
}
