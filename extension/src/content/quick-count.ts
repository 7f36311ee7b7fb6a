import type { PageId } from '../lib/messages.ts'
import { MAX_DISTINCT_IDS } from './marks/mark-store.ts'
import { createIdCount } from './scan/id-count.ts'
import { TEXT_BUDGET } from './scan/page-scanner.ts'
import { defaultRequestSlice } from './scan/slicer.ts'

/**
 * The quick count's share of a task (the scan's first slice gets what is left of it): under 50 ms,
 * a long task, with our setup and the report's message. The clock is read every few hundred text nodes.
 */
export const COUNT_TASK_MS = 30

/** The quick count's rules: the mark store's cap and the scan's text window (bare UUIDs wait for the site's settings). */
const countOptions = (uuids = false) => ({ uuids, maxIds: MAX_DISTINCT_IDS, maxChars: TEXT_BUDGET.maxChars })

export type QuickCountDeps = {
  /** The report's `early`: the badge shows what the count found so far. */
  report: (ids: PageId[]) => unknown
  uuids: () => boolean
  /** False once the extension was updated or removed: the count stops. */
  isValid: () => boolean
}

/**
 * Count first, mark later: the badge needs only the distinct IDs, and one walk that makes no ranges
 * finds them in a task or a few. The sliced scan that makes the marks takes several tasks more.
 */
export function createQuickCount({ report, uuids, isValid }: QuickCountDeps) {
  const figures = {
    /** When the count was done, how long it worked, in how many tasks, and how many IDs it found. */
    countedAt: null as number | null,
    countMs: 0,
    countTasks: 0,
    counted: 0,
    /** Wall-clock time (timeOrigin + now) the complete count's report went to the background. */
    reportedAt: null as number | null,
  }
  return {
    figures,
    /** Counts `root` in this task and the next ones; returns the milliseconds it took in this one. */
    start(root: Node): number {
      const count = createIdCount(root, countOptions(uuids()))
      const step = (): number => {
        const t0 = performance.now()
        const done = count.step(COUNT_TASK_MS)
        const took = performance.now() - t0
        figures.countMs += took
        figures.countTasks++
        figures.counted = count.size
        // Reported at each step: the count only grows, so the badge never goes back.
        void report(count.ids())
        if (done) {
          figures.reportedAt = performance.timeOrigin + performance.now()
          figures.countedAt = performance.now()
        }
        // The rest in the next task, ahead of the scan's slices (queued after it, at the same priority).
        else defaultRequestSlice(() => void (isValid() && step()), 'user-blocking')
        return took
      }
      return step()
    },
  }
}

export type QuickCount = ReturnType<typeof createQuickCount>
