import { RecentMarks } from '../recent-marks.ts'

/**
 * Past the longest a settled lookup summary is kept (cache/freshness.ts, 10 minutes), the refresh
 * floor and any vendor call: a mark matters to every copy made before it that may still answer.
 */
const FORGET_AFTER_MS = 12 * 60_000
/** Marks kept at most: every vendor call is checked against them, so a burst of webhooks stays cheap. */
const MAX_MARKS = 1000
/** The Worker's clock and the gate's may differ a little: a change this close before a copy counts as after it. */
const CLOCK_SKEW_MS = 2000

/** What a vendor call is about, as its path and query name it (IDs are validated before they get there). */
function subjectOf(call: { path: string; query: string }): string {
  try {
    return `${call.path}?${decodeURIComponent(call.query)}`
  } catch {
    return `${call.path}?${call.query}`
  }
}

/**
 * What an answer is about: the call, its body once there is one, and `wide` for a list, which any
 * change may alter (a list can gain a record it never named).
 */
export type Asked = { call: { path: string; query: string }; body?: string; wide?: boolean }

/** Records changed since a time, or `complete: false` when marks from after it were forgotten for room. */
export type Changes = { ids: string[]; complete: boolean }

/**
 * Records a verified webhook or an agent action said changed, with when. The refresh floor shares a
 * recent answer only while nothing it is about has changed since it was asked: a re-check right
 * after a change must see the change, not the copy from before it.
 */
export class ChangedRecords {
  private readonly marks = new RecentMarks({ keepMs: FORGET_AFTER_MS, max: MAX_MARKS })

  mark(ids: readonly string[], now: number): void {
    this.marks.mark(ids, now)
  }

  /** True when the call names a record marked changed at or after `since`. */
  since(call: { path: string; query: string }, since: number): boolean {
    return this.outdates({ call }, since)
  }

  /** True when a record marked changed at or after `since` is one the answer is about (see Asked). */
  outdates({ call, body, wide }: Asked, since: number): boolean {
    if (this.marks.size === 0) return false
    if (this.marks.droppedUpTo >= since) return true
    const subject = subjectOf(call)
    return this.marks.some((id, when) => when >= since && (wide || subject.includes(id) || (body?.includes(id) ?? false)))
  }

  /** The records marked changed since `since` (on the Worker's clock): what a copy kept from then may no longer say. */
  changesSince(since: number): Changes {
    const from = since - CLOCK_SKEW_MS
    return { ids: this.marks.since(from), complete: this.marks.droppedUpTo < from }
  }
}
