import { dashboardUrl } from '@idv-lens/shared/ids'
import type { LookupFailedCheck } from '@idv-lens/shared/api'
import type { SummaryFacts } from '../../kit/relay.ts'
import { humanize, lookupMessage, sentence } from '../../kit/words.ts'
import type { OnfidoBreakdownItem, OnfidoReport, OnfidoRun } from './onfido-records.ts'

/** A report's result that calls for a look: `consider` (docs/vendors/onfido.md §3); `clear` passed. */
export const isFlagged = (result: string | null | undefined): boolean => result === 'consider'

/** One breakdown item as the detail lists it: its name, result, and its own items (one level down). */
export type BreakdownLine = { name: string; result: string | null; items: { name: string; result: string | null }[] }

const entries = (breakdown: Record<string, OnfidoBreakdownItem> | null | undefined) =>
  Object.entries(breakdown ?? {}).filter(([, item]) => item && typeof item === 'object')

/** A report's breakdown, flagged items first, each with its sub-items (their results only: never `properties`). */
export function breakdownLines(report: OnfidoReport): BreakdownLine[] {
  const lines = entries(report.breakdown).map(([name, item]) => ({
    name,
    result: item.result ?? null,
    items: entries(item.breakdown).map(([sub, subItem]) => ({ name: sub, result: subItem.result ?? null })),
  }))
  return [...lines.filter((l) => isFlagged(l.result)), ...lines.filter((l) => !isFlagged(l.result))]
}

/** A report's name as a heading ("Document", "Face (photo)"); an unknown one made readable. */
export const reportTitle = (name: string): string => lookupMessage(`onfido_report_${name}`) ?? sentence(humanize(name))

/** A breakdown item's name ("Image integrity"); an unknown one made readable. */
export const breakdownTitle = (name: string): string => lookupMessage(`onfido_breakdown_${name}`) ?? sentence(humanize(name))

/** A report's sub-result that says more than its result (`suspected`, `rejected`, `caution`); `clear` says nothing. */
const subResultCodes = (r: OnfidoReport): string[] => (r.sub_result && r.sub_result !== 'clear' ? [r.sub_result] : [])

/**
 * What failed in a run's reports, as the relay's lookup says it (worker/src/vendors/onfido/report-reason.ts):
 * each flagged report under its name, its flagged breakdown items then its sub-result as its reasons.
 */
export function failedInReports(reports: readonly OnfidoReport[]): LookupFailedCheck[] {
  return reports
    .filter((r) => isFlagged(r.result))
    .map((r) => ({
      check: r.name,
      reasons: [
        ...breakdownLines(r)
          .filter((l) => isFlagged(l.result))
          .map((l) => l.name),
        ...subResultCodes(r),
      ],
    }))
}

/** The check a run's own reasons go under, as the relay's lookup names it (worker/src/vendors/onfido/summary.ts). */
export const RUN_CHECK = 'workflow_run'

/**
 * Why a run ended, as the relay's lookup says it: its workflow's `reasons`, else an error run's
 * `error.type`, under RUN_CHECK. Without either, its flagged reports when the detail has read them.
 */
export function runReason(run: OnfidoRun, reports: readonly OnfidoReport[] = []): SummaryFacts['reason'] {
  const reasons = (run.reasons ?? []).filter((r) => typeof r === 'string' && r !== '')
  const error = run.error?.type
  const codes = reasons.length > 0 ? reasons : error ? [error] : []
  if (codes.length > 0) return { check: RUN_CHECK, reasons: codes, failedChecks: 1, failed: [{ check: RUN_CHECK, reasons: codes }] }
  const failed = failedInReports(reports)
  return failed.length > 0 ? { check: failed[0]!.check, reasons: failed[0]!.reasons, failedChecks: failed.length, failed } : null
}

/** The facts the detail's copy and reply go by. */
export function factsOfOnfidoRun(run: OnfidoRun, reports: readonly OnfidoReport[] = []): SummaryFacts {
  return {
    kind: 'onfido-workflow-run',
    id: run.id,
    status: run.status ?? '',
    reason: runReason(run, reports),
    case: null,
    createdAt: run.created_at ?? null,
    updatedAt: run.updated_at ?? null,
    dashboardUrl: dashboardUrl('onfido-workflow-run', run.id),
  }
}
