/*
Onfido's objects as the relay lets them through (docs/vendors/onfido.md §3): IDs, statuses, results,
reasons, tags and times. Never the run's `output`, its `link.url`, a report's `properties` or a document.
*/

/** A workflow run (`workflow_run`). */
export type OnfidoRun = {
  id: string
  applicant_id?: string | null
  workflow_id?: string | null
  workflow_version_id?: number | null
  dashboard_url?: string | null
  status?: string | null
  reasons?: string[] | null
  tags?: string[] | null
  customer_user_id?: string | null
  link?: { expires_at?: string | null; language?: string | null } | null
  error?: { type?: string | null } | null
  created_at?: string | null
  updated_at?: string | null
}

/** One breakdown item: its result and, for some, its own items. */
export type OnfidoBreakdownItem = { result?: string | null; breakdown?: Record<string, OnfidoBreakdownItem> | null }

/** A report (`document`, `facial_similarity_photo`, …). */
export type OnfidoReport = {
  id: string
  name: string
  status?: string | null
  result?: string | null
  sub_result?: string | null
  check_id?: string | null
  created_at?: string | null
  breakdown?: Record<string, OnfidoBreakdownItem> | null
}

/** A check: its applicant and its reports. */
export type OnfidoCheck = {
  id: string
  applicant_id?: string | null
  status?: string | null
  result?: string | null
  report_ids?: string[] | null
  created_at?: string | null
}
