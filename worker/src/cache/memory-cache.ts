/**
 * A small LRU kept in the isolate, in front of the Cache API.
 *
 * It answers hot keys without an async Cache API round trip, and it is the only layer on a
 * `*.workers.dev` deployment, where the Cache API accepts writes but never stores them.
 * Bounded by entry count and by total body size so a burst of large lists cannot exhaust the
 * isolate's 128 MB.
 */
export type StoredBody = {
  body: string
  storedAt: number
  /** A remembered vendor 404: fresh for at most 30 s, never served stale. */
  notFound?: boolean
  /** A summary its batch left without part of its data (lookup-batch.ts): fresh for at most 30 s, never revalidated. */
  brief?: boolean
  /**
   * A summary in an end state (each vendor's `settled`): kept up to SETTLED_SECONDS (freshness.ts), past its
   * freshness only while its vendor's gate says no change to what it names was announced since.
   */
  settled?: boolean
  /**
   * A found summary not in an end state: kept up to UNDECIDED_SECONDS (freshness.ts), past a shorter
   * freshness (a brief summary's) only while its vendor's gate says no change was announced since.
   */
  undecided?: boolean
  /** A list: any record's change may add to it or alter it, so an action outdates it whatever it names. */
  list?: boolean
}

export class MemoryCache {
  private readonly entries = new Map<string, StoredBody>()
  private bytes = 0
  private readonly maxEntries: number
  private readonly maxBytes: number

  constructor(maxEntries = 1000, maxBytes = 24 * 1024 * 1024) {
    this.maxEntries = maxEntries
    this.maxBytes = maxBytes
  }

  get(key: string): StoredBody | undefined {
    const entry = this.entries.get(key)
    if (entry) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.entries.delete(key)
      this.entries.set(key, entry)
    }
    return entry
  }

  set(key: string, entry: StoredBody): void {
    this.delete(key)
    this.entries.set(key, entry)
    this.bytes += entry.body.length
    for (const [oldest, old] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break
      this.entries.delete(oldest)
      this.bytes -= old.body.length
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key)
    if (entry) {
      this.entries.delete(key)
      this.bytes -= entry.body.length
    }
  }

  /** Drops every entry `outdated` says is. */
  deleteWhere(outdated: (entry: StoredBody) => boolean): void {
    for (const [key, entry] of this.entries) if (outdated(entry)) this.delete(key)
  }

  clear(): void {
    this.entries.clear()
    this.bytes = 0
  }
}
