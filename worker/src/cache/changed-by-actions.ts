import type { StoredBody } from './memory-cache.ts'

/** Records changed by an agent action are remembered this long: past any copy's life (an hour fresh, as long stale, 10 minutes if errors). */
const REMEMBER_MS = (3600 * 2 + 600) * 1000
const MAX_RECORDS = 1000

/**
 * The records this isolate's actions changed, and when: a stored copy that names one (its ID appears in
 * the body) and is older than the change is outdated. Bounded by count and age; IDs only, in memory.
 */
export class ChangedByActions {
  private readonly at = new Map<string, number>()

  mark(ids: readonly string[], now: number): void {
    for (const id of ids) {
      // Insertion order is age order: a record marked again moves to the end.
      this.at.delete(id)
      this.at.set(id, now)
    }
    for (const [id, when] of this.at) {
      if (this.at.size <= MAX_RECORDS && now - when < REMEMBER_MS) break
      this.at.delete(id)
    }
  }

  outdates(entry: StoredBody): boolean {
    for (const [id, when] of this.at) if (entry.storedAt <= when && entry.body.includes(id)) return true
    return false
  }
}
