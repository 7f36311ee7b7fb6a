import { RecentMarks } from '../recent-marks.ts'

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
  // A mark matters to calls begun before it: the floor's seconds, or a slow vendor call's.
  private readonly marks = new RecentMarks({ keepMs: FORGET_AFTER_MS, max: MAX_MARKS })

  mark(ids: readonly string[], now: number): void {
    this.marks.mark(ids, now)
  }

  /** True when the call names a record marked changed at or after `since`. */
  since(call: { path: string; query: string }, since: number): boolean {
    if (this.marks.size === 0) return false
    const subject = subjectOf(call)
    return this.marks.some((id, when) => when >= since && subject.includes(id))
  }
}
