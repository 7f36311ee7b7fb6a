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
}

/**
 * Tells the background which distinct IDs the page holds, when that set changes (a quarter second
 * after the first change of a burst, so a scan reports a few times, not once per ID). Only the IDs
 * and their kinds leave the page.
 */
export function createPageIdsReport(deps: PageIdsReportDeps) {
  const delay = deps.delayMs ?? 250
  let scheduled = false
  let reported = -1
  /** The keys of the last list sent: a report that would say the same again is not sent. */
  let lastSent: string | null = null

  function publish(force: boolean): Promise<void> {
    if (!force && deps.store.version === reported) return Promise.resolve()
    reported = deps.store.version
    const ids = deps.store.ids()
    deps.onPublish(ids)
    const sent = ids.map(({ id, kind }) => ({ id, kind }))
    const keys = sent
      .map((p) => idKey(p.id, p.kind))
      .sort()
      .join('\n')
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
    /** Report now if the set changed since the last report (a scan finished: no need to wait). */
    flush: () => publish(false),
    /**
     * Report now, even if nothing changed (the background forgot the tab, the popup asks).
     * Resolves once the background has the list (never rejects).
     */
    now: () => publish(true),
  }
}
