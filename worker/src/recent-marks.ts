/**
 * IDs marked with when, bounded by count and age: a mark older than `keepMs`, or past the `max`
 * newest, is forgotten at the next mark. Insertion order is age order (a mark again moves to the end).
 */
export class RecentMarks {
  private readonly at = new Map<string, number>()
  /** The newest time of a mark forgotten for room (not for age): what happened up to then is no longer known. */
  droppedUpTo = -Infinity

  private readonly limits: { keepMs: number; max: number }

  constructor(limits: { keepMs: number; max: number }) {
    this.limits = limits
  }

  get size(): number {
    return this.at.size
  }

  mark(ids: readonly string[], now: number): void {
    for (const id of ids) {
      this.at.delete(id)
      this.at.set(id, now)
    }
    for (const [id, when] of this.at) {
      const old = now - when > this.limits.keepMs
      if (!old && this.at.size <= this.limits.max) break
      if (!old) this.droppedUpTo = Math.max(this.droppedUpTo, when)
      this.at.delete(id)
    }
  }

  /** True when some mark passes `test` (every mark is looked at: a few hundred at most). */
  some(test: (id: string, at: number) => boolean): boolean {
    for (const [id, when] of this.at) if (test(id, when)) return true
    return false
  }

  /** The IDs marked at or after `since`. */
  since(since: number): string[] {
    return [...this.at].flatMap(([id, when]) => (when >= since ? [id] : []))
  }
}
