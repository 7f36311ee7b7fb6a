import type { PageId as ReportedId } from '../../lib/messages.ts'
import { idKey, type MarkStore, type PageId } from '../marks/mark-store.ts'

export type PageIdsReportDeps = {
  store: MarkStore
  /** The background's `reportPageIds` (badge, popup). */
  send: (ids: ReportedId[]) => Promise<unknown>
  /** The same list, for our own UI. */
  onPublish: (ids: PageId[]) => void
  setTimer: (run: () => void, ms: number) => unknown
  delayMs?: number
  /** The store's cap on distinct IDs (a report joined with the quick count stays within it). */
  maxIds?: number
}

/**
 * Tells the background which distinct IDs the page holds, when that set changes (a quarter second
 * after the first change of a burst, so a scan reports a few times, not once per ID). Only the IDs
 * and their kinds leave the page.
 */
export function createPageIdsReport(deps: PageIdsReportDeps) {
  const delay = deps.delayMs ?? 250
  const maxIds = deps.maxIds ?? Number.POSITIVE_INFINITY
  let scheduled = false
  let reported = -1
  /*
  The IDs a quick count found before the scan marked them (id-count.ts). Until the scan's first pass
  ends, every report is that count joined with the marks found so far, so the badge goes straight to
  the count and never drops back while the marks catch up.
  */
  let early: ReportedId[] | null = null
  /** The keys of the last list sent: a report that would say the same again is not sent. */
  let lastSent: string | null = null
  let earlyEnded = false

  function publish(force: boolean): Promise<void> {
    if (!force && early === null && deps.store.version === reported) return Promise.resolve()
    reported = deps.store.version
    const ids = deps.store.ids()
    deps.onPublish(ids)
    let sent = ids.map(({ id, kind }) => ({ id, kind }))
    if (early !== null) {
      // The count first (it is in reading order and complete), then marks it did not see (the page
      // changed since), within the store's cap.
      const counted = new Set(early.map((p) => idKey(p.id, p.kind)))
      sent = [...early, ...ids.filter((p) => !counted.has(p.key)).map(({ id, kind }) => ({ id, kind }))].slice(0, maxIds)
    }
    const keys = sent.map((p) => idKey(p.id, p.kind)).sort().join('\n')
    if (!force && keys === lastSent) return Promise.resolve()
    lastSent = keys
    return deps.send(sent).then(
      () => {},
      () => {
        // The background is restarting or the extension was updated; the next change reports again.
      },
    )
  }

  /** Something changed: report soon. */
  function changed(): void {
    if (scheduled) return
    scheduled = true
    deps.setTimer(() => {
      scheduled = false
      void publish(false)
    }, delay)
  }
  // Every new or lost mark may change the set of distinct IDs.
  deps.store.on('added', changed)
  deps.store.on('removed', changed)

  return {
    changed,
    /** The quick count's IDs: reported now, and joined to every report until `endEarly`. */
    early(ids: ReportedId[]): Promise<void> {
      // A count that finishes after the scan's first pass has nothing to add: the marks are complete.
      if (earlyEnded) return Promise.resolve()
      early = ids
      return publish(false)
    },
    /** The scan's first pass is done: from now on the marks alone are the page's IDs. */
    endEarly(): Promise<void> {
      earlyEnded = true
      early = null
      // The marks may not have changed since the last report, while what was sent did (the count).
      reported = -1
      return publish(false)
    },
    /** Report now if the set changed since the last report (a scan finished: no need to wait). */
    flush: () => publish(false),
    /**
     * Report now, even if nothing changed (the background forgot the tab, the popup asks).
     * Resolves once the background has the list (never rejects).
     */
    now: () => publish(true),
  }
}
