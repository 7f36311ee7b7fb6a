/** Longer than any vendor call and the refresh floor together. */
const FORGET_AFTER_MS = 120_000
/** Marks kept at most: every vendor call is checked against them, so a burst of webhooks stays cheap. */
const MAX_MARKS = 1000

/** What a vendor call is about, as its path and query name it (IDs are validated before they get there). */
function subjectOf(call: { path: string; query: string }): string {
  try {
    return `${call.path}?${decodeURIComponent(call.query)}`
  } catch {
    return `${call.path}?${call.query}`
  }
}

/**
 * Records a verified webhook said changed, with when. The refresh floor shares a recent answer
 * only while nothing it is about has changed since it was asked: a re-check right after a change
 * must see the change, not the copy from before it.
 */
export class ChangedRecords {
  // Insertion order is age order: a record marked again moves to the end.
  private readonly at = new Map<string, number>()

  mark(ids: readonly string[], now: number): void {
    for (const id of ids) {
      this.at.delete(id)
      this.at.set(id, now)
    }
    // A mark matters to calls begun before it: the floor's seconds, or a slow vendor call's.
    for (const [id, when] of this.at) {
      if (now - when <= FORGET_AFTER_MS && this.at.size <= MAX_MARKS) break
      this.at.delete(id)
    }
  }

  /** True when the call names a record marked changed at or after `since`. */
  since(call: { path: string; query: string }, since: number): boolean {
    if (this.at.size === 0) return false
    const subject = subjectOf(call)
    for (const [id, when] of this.at) if (when >= since && subject.includes(id)) return true
    return false
  }
}
