/**
 * Bytes of large vendor bodies an isolate holds at once (128 MB an isolate; a body is copied several
 * times while read, parsed and stored), held through a `RoomLease` that grows as bytes arrive and is
 * given back whole in a `finally` by the code that took it. Bodies below `largeBytes` take none.
 * A lease grows only while every holder could still finish in turn (a banker's check on the leases'
 * ceilings), so room for one whole body is never given away in parts no one can complete.
 */
export class ByteBudget {
  private used = 0
  /** The most held at once (bench:faults reads it). */
  peak = 0
  /** Leases that held room, and those that gave it back: equal whenever no body is in hand. */
  takes = 0
  releases = 0
  private readonly holders = new Set<RoomLease>()
  private readonly waiting: (() => void)[] = []

  readonly maxBytes: number
  readonly largeBytes: number

  constructor(maxBytes: number, largeBytes: number) {
    this.maxBytes = maxBytes
    this.largeBytes = largeBytes
  }

  /** What a body of `bytes` takes: nothing when it is small, never more than the whole budget. */
  costOf(bytes: number): number {
    return bytes < this.largeBytes ? 0 : Math.min(bytes, this.maxBytes)
  }

  /** A lease on no room yet, for a body of at most `ceilingBytes` (what the safety check plans for). */
  lease(ceilingBytes: number): RoomLease {
    const lease = new RoomLease(this, this.costOf(ceilingBytes))
    this.holders.add(lease)
    return lease
  }

  /** Bytes held now (tests, the status and bench:faults read it). */
  get inUse(): number {
    return this.used
  }

  /** Leases waiting for room now (a test waits for them instead of for a clock). */
  get waiters(): number {
    return this.waiting.length
  }

  /** @internal RoomLease's grant: true when `lease` now holds `cost`. */
  tryGrant(lease: RoomLease, cost: number): boolean {
    const more = cost - lease.cost
    if (more <= 0) return true
    if (this.used + more > this.maxBytes || !this.safeAfter(lease, cost)) return false
    if (lease.cost === 0) this.takes++
    this.used += more
    lease.cost = cost
    this.peak = Math.max(this.peak, this.used)
    return true
  }

  /** @internal RoomLease's release. */
  giveBack(lease: RoomLease): void {
    if (!this.holders.delete(lease)) return
    if (lease.cost > 0) {
      this.releases++
      this.used -= lease.cost
      lease.cost = 0
    }
    this.wake()
  }

  /** @internal Waits for the next release (or `wakeAll`). */
  nextRelease(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  /** @internal Every waiter checks again (a lease that gave up its wait, for instance). */
  wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve()
  }

  /** After granting `lease` up to `cost`: can every holder still reach its ceiling, the smallest needs first? */
  private safeAfter(lease: RoomLease, cost: number): boolean {
    let free = this.maxBytes - this.used - (cost - lease.cost)
    const needs = [...this.holders]
      .map((h) => {
        const held = h === lease ? cost : h.cost
        return { held, need: Math.max(0, Math.max(h.ceiling, held) - held) }
      })
      .sort((a, b) => a.need - b.need)
    for (const { held, need } of needs) {
      if (need > free) return false
      free += held
    }
    return true
  }
}

/** Room one body holds in a ByteBudget: grown as its bytes arrive, released whole (once) when done with. */
export class RoomLease {
  /** Bytes of room held now. */
  cost = 0

  private readonly budget: ByteBudget
  /** The most this lease will ever ask (its body's cap), in room. */
  readonly ceiling: number

  constructor(budget: ByteBudget, ceiling: number) {
    this.budget = budget
    this.ceiling = ceiling
  }

  /**
   * Holds room for a body of `bytes` so far, waiting for others to give room back, until `waitMs`
   * passed or `signal` aborted (then false, the room held before kept until release).
   */
  async grow(bytes: number, until: { waitMs?: number; signal?: AbortSignal } = {}): Promise<boolean> {
    const cost = this.budget.costOf(bytes)
    if (this.budget.tryGrant(this, cost)) return true
    let gaveUp = until.signal?.aborted ?? false
    const stop = () => {
      gaveUp = true
      this.budget.wake()
    }
    // Cleared once settled: a timer left running would outlive the request that set it.
    const timer = until.waitMs === undefined ? undefined : setTimeout(stop, until.waitMs)
    until.signal?.addEventListener('abort', stop)
    try {
      while (!this.budget.tryGrant(this, cost)) {
        if (gaveUp) return false
        await this.budget.nextRelease()
      }
      return true
    } finally {
      if (timer !== undefined) clearTimeout(timer)
      until.signal?.removeEventListener('abort', stop)
    }
  }

  /** Gives every byte back; a second call does nothing. */
  release(): void {
    this.budget.giveBack(this)
  }
}
