import { ApiError } from '../../kit/errors.ts'
import type { LookupId, LookupTools, Resolved } from '../../kit/lookup.ts'
import { relayedRunCall } from './relayed.ts'
import { readsReports, reportReason } from './report-reason.ts'
import { summarizeOnfidoRun } from './summary.ts'
import type { OnfidoWorkflowRun } from './types.ts'

/**
 * Declined runs without `reasons` whose reports one batch reads (2 calls each as a rule, 3 at most):
 * 30 calls at most, a twelfth of Onfido's minute. The rest are summarized without a reason and kept
 * briefly (lookup-batch.ts), so the next lookup reads them; a decided run's summary is then held.
 */
export const LOOKUP_REPORT_READS_PER_BATCH = 10

/** Onfido's IDs of a lookup batch: a run is retrieved on its own (its list filters by applicant, not by ID). */
export function lookupOnfidoIds(t: LookupTools, items: LookupId[], out: Resolved): Promise<void> {
  let readsLeft = LOOKUP_REPORT_READS_PER_BATCH
  return t.oneByOne(items, out, async (item) => {
    const run = await t.get<OnfidoWorkflowRun>(relayedRunCall(item.id))
    const summary = summarizeOnfidoRun(run)
    if (!readsReports(run)) return summary
    if (readsLeft-- <= 0) {
      ;(out.deferred ??= new Set()).add(item.id)
      return summary
    }
    try {
      return { ...summary, reason: await reportReason(t, run) }
    } catch (err) {
      // A failed read leaves the reason out, and the summary uncached; a vanished check means none.
      if (!(err instanceof ApiError && err.code === 'not-found')) (out.partial ??= new Set()).add(item.id)
      return summary
    }
  })
}
