/**
 * Onfido v3.6's bodies as the relay reads them (docs/vendors/onfido.md §3): the fields it lets out are
 * typed; the rest, which the allowlist drops, is `unknown`.
 */
export type OnfidoWorkflowRun = {
  id: string
  applicant_id: string
  workflow_id: string
  workflow_version_id?: number
  dashboard_url?: string
  status?: string
  reasons?: string[]
  tags?: string[]
  /** The team's own key for the customer (docs/vendors/onfido.md §3). */
  customer_user_id?: string
  link?: { expires_at?: string | null; language?: string | null }
  error?: { type?: string }
  created_at?: string
  updated_at?: string
  [field: string]: unknown
}

export type OnfidoCheck = { id: string; applicant_id: string; report_ids?: string[]; [field: string]: unknown }

export type OnfidoReport = { id: string; name: string; [field: string]: unknown }

export type OnfidoReportList = { reports: OnfidoReport[] }

export type OnfidoCheckList = { checks: OnfidoCheck[] }

/** A page of runs as the relay keeps it: Onfido's bare array, and its paging headers rewritten. */
export type OnfidoRunPage = { runs: OnfidoWorkflowRun[]; total: number | null; link: string | null }
