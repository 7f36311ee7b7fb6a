import { dashboardUrl } from '@idv-lens/shared/ids'
import { isRecord, keepAllowed, list, object, value, values, type Rule } from '../allowlist-walk.ts'
import type { OnfidoCheck, OnfidoCheckList, OnfidoReport, OnfidoReportList, OnfidoWorkflowRun } from './types.ts'

/**
 * What of Onfido's bodies may leave the relay (docs/vendors/onfido.md §3; docs/vendors/allowlist.md).
 * Kept: IDs, statuses, results, sub-results, each breakdown item's result, reasons, tags, times, the
 * run's `customer_user_id` (the team's own key) and `dashboard_url` (rebuilt from its ID). Never
 * copied: the applicant, a run's `output`, `link.url`, `sdk_token` and error message, a report's
 * `properties`, documents, photos and videos.
 */

const plain = (names: string[]) => Object.fromEntries(names.map((name) => [name, value]))

/** A breakdown (any item names): each item's `result`, and with `inner` its sub-items', never `properties`. */
function resultsOnly(inner: Rule | null): Rule {
  return {
    kind: 'choose',
    choose: (v) =>
      isRecord(v)
        ? object(Object.fromEntries(Object.keys(v).map((k) => [k, object({ result: value, ...(inner ? { breakdown: inner } : {}) })])))
        : null,
  }
}
// Two levels, as the spec nests them (`data_validation.breakdown.document_expiration.result`).
const BREAKDOWN = resultsOnly(resultsOnly(null))

const RUN = object({
  ...plain([
    'id',
    'applicant_id',
    'workflow_id',
    'workflow_version_id',
    'status',
    'reasons',
    'tags',
    'customer_user_id',
    'created_at',
    'updated_at',
  ]),
  link: values('expires_at', 'language'),
  error: values('type'),
})

const CHECK = object(plain(['id', 'applicant_id', 'created_at', 'status', 'result', 'report_ids', 'tags', 'sandbox', 'paused', 'version']))

const REPORT = object({ ...plain(['id', 'name', 'created_at', 'status', 'result', 'sub_result', 'check_id']), breakdown: BREAKDOWN })

/** The allowed copy of a run, its `dashboard_url` the run's own page (never a link Onfido's body could hold). */
export function onfidoRunAllowed(body: OnfidoWorkflowRun): OnfidoWorkflowRun {
  const kept = (keepAllowed(body, RUN) ?? {}) as OnfidoWorkflowRun
  return typeof kept.id === 'string' ? { ...kept, dashboard_url: dashboardUrl('onfido-workflow-run', kept.id) } : kept
}

export const onfidoRunsAllowed = (runs: OnfidoWorkflowRun[]): OnfidoWorkflowRun[] => (Array.isArray(runs) ? runs.map(onfidoRunAllowed) : [])

export const onfidoCheckAllowed = (body: OnfidoCheck): OnfidoCheck => (keepAllowed(body, CHECK) ?? {}) as OnfidoCheck

export function onfidoChecksAllowed(body: OnfidoCheckList): OnfidoCheckList {
  return { checks: (keepAllowed(body, object({ checks: list(CHECK) })) as Partial<OnfidoCheckList> | undefined)?.checks ?? [] }
}

export const onfidoReportAllowed = (body: OnfidoReport): OnfidoReport => (keepAllowed(body, REPORT) ?? {}) as OnfidoReport

export function onfidoReportsAllowed(body: OnfidoReportList): OnfidoReportList {
  return { reports: (keepAllowed(body, object({ reports: list(REPORT) })) as Partial<OnfidoReportList> | undefined)?.reports ?? [] }
}
