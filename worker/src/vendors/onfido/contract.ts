import { z } from 'zod'

/**
 * Onfido's part of the relay's published contract (GET /openapi.json): its bodies as the allowlist
 * leaves them (docs/vendors/allowlist.md), and the details `GET /v1/lookup` answers for a run.
 */

export const OnfidoWorkflowRunSchema = z
  .looseObject({
    id: z.string(),
    applicant_id: z.string(),
    workflow_id: z.string(),
    status: z.string().optional(),
    reasons: z.array(z.string()).optional(),
  })
  .meta({
    id: 'OnfidoWorkflowRun',
    description: "A workflow run as the relay allows it: no output, link.url, sdk_token or error message; dashboard_url is the run's page.",
  })

export const OnfidoWorkflowRunListSchema = z.array(OnfidoWorkflowRunSchema).meta({
  id: 'OnfidoWorkflowRunList',
  description: "A page of runs, as Onfido answers it; `Link` (this relay's paths) and `X-Total-Count` headers page it.",
})

export const OnfidoCheckSchema = z
  .looseObject({ id: z.string(), applicant_id: z.string(), report_ids: z.array(z.string()).optional() })
  .meta({ id: 'OnfidoCheck', description: 'A check as the relay allows it: IDs, status, result, tags and times.' })

export const OnfidoCheckListSchema = z.looseObject({ checks: z.array(OnfidoCheckSchema) }).meta({ id: 'OnfidoCheckList' })

export const OnfidoReportSchema = z
  .looseObject({ id: z.string(), name: z.string(), result: z.string().nullable().optional(), sub_result: z.string().nullable().optional() })
  .meta({
    id: 'OnfidoReport',
    description:
      "A report as the relay allows it: its result, sub-result and each breakdown item's result; never properties, documents or photos.",
  })

export const OnfidoReportListSchema = z.looseObject({ reports: z.array(OnfidoReportSchema) }).meta({ id: 'OnfidoReportList' })

const nullableString = z.string().nullable()

export const OnfidoNewLinkSchema = z
  .object({
    workflow_run: OnfidoWorkflowRunSchema,
    link: z.object({
      url: z.string().meta({ description: "The customer's link into the new run: shown to the agent once, kept nowhere by the relay." }),
      expires_at: nullableString,
    }),
  })
  .meta({ id: 'OnfidoNewLink', description: 'The new workflow run (allowed as any run) and its link, in this answer only.' })

/** `GET /v1/lookup`'s `details` for an Onfido run (shared/src/api/lookup.ts types it). */
const lookupDetails = [
  z.object({
    kind: z.literal('onfido-workflow-run'),
    applicantId: nullableString,
    referenceId: nullableString,
    workflowId: nullableString,
    tags: z.array(z.string()),
    linkExpiresAt: nullableString,
    errorType: nullableString,
  }),
] as const

/** What the registry's VENDOR_CONTRACTS holds for Onfido. */
export const onfidoContract = { lookupDetails, nested: {} }
