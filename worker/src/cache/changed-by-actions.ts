import { RecentMarks } from '../recent-marks.ts'
import type { StoredBody } from './memory-cache.ts'

/** Records changed by an agent action are remembered this long: past any copy's life (an hour fresh, as long stale, 10 minutes if errors). */
const REMEMBER_MS = (3600 * 2 + 600) * 1000

/**
 * The records this isolate's actions changed, and when: a stored copy older than the change that names
 * one (its ID appears in the body), or is a list (which may gain the record), is outdated. Bounded by
 * count and age; IDs only, in memory.
 */
export class ChangedByActions {
  private readonly marks = new RecentMarks({ keepMs: REMEMBER_MS, max: 1000 })

  mark(ids: readonly string[], now: number): void {
    this.marks.mark(ids, now)
  }

  outdates(entry: StoredBody): boolean {
    return this.marks.some((id, when) => entry.storedAt <= when && (entry.list === true || entry.body.includes(id)))
  }
}
