import type { Bindings } from '../bindings.ts'

/**
 * The audit writer's failures as Analytics Engine data points, in the request points' layout (see
 * request-metrics.ts) so one query finds them: route `(audit)`, outcome `audit-write-failed`,
 * double1 0 (no HTTP status), double4 the rows the failed batch held (they are kept and retried).
 * Never a row's contents or the error text (it may quote SQL values).
 */
export function auditFailureMetric(metrics: Bindings['METRICS'] | undefined, rows: number, _error: string): void {
  try {
    metrics?.writeDataPoint({ indexes: ['(audit)'], blobs: ['(audit)', '', 'audit-write-failed', '', '', ''], doubles: [0, 0, 0, rows] })
  } catch {
    // Metrics are best effort; the log line (audit/store.ts) already says it.
  }
}

/**
 * Audit rows at risk, in the same layout: outcome `audit-rows-dropped` (over the pending bound: gone)
 * or `audit-rows-stranded` (still pending when a flush's retries ran out and the spool did not take
 * them: lost if the isolate is evicted before a later request flushes them), double4 the rows.
 */
export function auditRowsAtRiskMetric(metrics: Bindings['METRICS'] | undefined, rows: number, why: 'dropped' | 'stranded'): void {
  try {
    metrics?.writeDataPoint({ indexes: ['(audit)'], blobs: ['(audit)', '', `audit-rows-${why}`, '', '', ''], doubles: [0, 0, 0, rows] })
  } catch {
    // Best effort, as above.
  }
}
