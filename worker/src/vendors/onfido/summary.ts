import { dashboardUrl } from '@idv-lens/shared/ids'
import type { LookupReason } from '@idv-lens/shared/api'
import { summaryFields, type Found } from '../../kit/lookup.ts'
import type { OnfidoWorkflowRun } from './types.ts'

const f = summaryFields('onfido', 'Onfido')

const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}

/** The check name a run's reason goes by: its workflow's `reasons` (or `error.type`) are the codes. */
export const RUN_CHECK = 'workflow_run'

/**
 * Why a run ended as it did: its `reasons`, which the team's workflow sets, else the `error.type` of a
 * run that ended in `error`. A declined run with neither: its failed reports (lookup.ts).
 */
export function onfidoRunReason(run: OnfidoWorkflowRun): LookupReason | null {
  const reasons = f.texts(run.reasons, 'reasons')
  const errorType = f.optText(record(run.error).type, 'error.type')
  const codes = reasons.length ? reasons : errorType ? [errorType] : []
  if (!codes.length) return null
  return { check: RUN_CHECK, reasons: codes, verificationId: null, failedChecks: 1, failed: [{ check: RUN_CHECK, reasons: codes }] }
}

/** A workflow run as a one-line lookup summary (lookup/found.ts says what a summary keeps). */
export function summarizeOnfidoRun(run: OnfidoWorkflowRun): Found<'onfido-workflow-run'> {
  const id = f.text(run.id, 'id')
  return {
    found: true,
    id,
    kind: 'onfido-workflow-run',
    provider: 'onfido',
    type: 'workflow_run',
    status: f.text(run.status, 'status'),
    createdAt: f.optText(run.created_at, 'created_at'),
    updatedAt: f.optText(run.updated_at, 'updated_at'),
    dashboardUrl: dashboardUrl('onfido-workflow-run', id),
    reason: onfidoRunReason(run),
    case: null,
    details: {
      kind: 'onfido-workflow-run',
      applicantId: f.optText(run.applicant_id, 'applicant_id'),
      referenceId: f.optText(run.customer_user_id, 'customer_user_id'),
      workflowId: f.optText(run.workflow_id, 'workflow_id'),
      tags: f.texts(run.tags, 'tags'),
      linkExpiresAt: f.optText(record(run.link).expires_at, 'link.expires_at'),
      errorType: f.optText(record(run.error).type, 'error.type'),
    },
  }
}
