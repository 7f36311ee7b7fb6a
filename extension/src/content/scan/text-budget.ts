/**
 * How much text the scanner may read per sliding time window. A live helpdesk rewrites parts of
 * itself all day (a ticking "updated 3 s ago", a typing indicator), and each change rescans its
 * block: a budget per page life runs out on such a tab and inline lookups go blank, while no budget
 * at all lets a page that keeps rewriting 200 KB keep us busy forever. Per window, the work is
 * bounded and there is always room again a few seconds later.
 * Spending is counted in one-second buckets, so the window slides without keeping an entry per run.
 */
export type TextBudgetOptions = { maxChars: number; windowMs: number; now?: () => number }

const BUCKET_MS = 1000

export function createTextBudget(options: TextBudgetOptions) {
  const now = options.now ?? (() => performance.now())
  const buckets = new Map<number, number>()
  const bucketOf = (t: number) => Math.floor(t / BUCKET_MS)
  const windowBuckets = Math.max(1, Math.ceil(options.windowMs / BUCKET_MS))
  // The scanner asks per text run (tens of thousands on a big ticket): reading the clock each time
  // cost more than a third of the scan. Room is granted as credit from one look at the window, and
  // what is spent from it is booked at the next look (a little late, so it leaves the window a
  // little late: never more than the budget).
  let credit = 0
  let unbooked = 0

  /** Characters read within the window (older buckets are dropped on the way). */
  function used(): number {
    const current = bucketOf(now())
    if (unbooked > 0) {
      buckets.set(current, (buckets.get(current) ?? 0) + unbooked)
      unbooked = 0
    }
    const oldest = current - windowBuckets + 1
    let sum = 0
    for (const [bucket, chars] of buckets) {
      if (bucket < oldest) buckets.delete(bucket)
      else sum += chars
    }
    credit = Math.max(0, options.maxChars - sum)
    return sum
  }

  return {
    used,
    /** Whether `chars` more may be read now. A text longer than the whole budget passes when the window is empty, so it is read at all. */
    allows(chars: number): boolean {
      if (chars <= credit) return true
      return used() === 0 || chars <= credit
    },
    /** Whether anything at all may be read now. */
    hasRoom: () => credit > 0 || used() < options.maxChars,
    spend(chars: number): void {
      unbooked += chars
      credit = Math.max(0, credit - chars)
    },
    /** Milliseconds until the oldest spending leaves the window (when there may be room again). */
    msUntilRoom(): number {
      used()
      if (buckets.size === 0) return 0
      const oldest = Math.min(...buckets.keys())
      return Math.max(1, (oldest + windowBuckets) * BUCKET_MS - now())
    },
    reset(): void {
      buckets.clear()
      unbooked = 0
      credit = 0
    },
  }
}
