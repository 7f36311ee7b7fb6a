/**
 * Onfido v3.6's objects as the demo serves them, named and shaped as in Onfido's OpenAPI document
 * (spec/onfido-v3.6.json, MIT): `workflow_run`, `applicant`, `check`, the document and facial similarity reports.
 */

/** `workflow_run_status`. */
export const ONFIDO_RUN_STATUSES = [
  'processing',
  'awaiting_input',
  'awaiting_client_input',
  'approved',
  'declined',
  'review',
  'abandoned',
  'error',
] as const
export type OnfidoRunStatus = (typeof ONFIDO_RUN_STATUSES)[number]

export type OnfidoLink = {
  /** The customer's own link: a secret for the customer, never for the agent. */
  url: string
  completed_redirect_url: string | null
  expired_redirect_url: string | null
  expires_at: string | null
  language: 'en_US' | 'de_DE' | null
}

export type OnfidoWorkflowRun = {
  id: string
  applicant_id: string
  workflow_id: string
  workflow_version_id: number
  dashboard_url: string
  status: OnfidoRunStatus
  /** The workflow's configured output: here, as often in practice, the applicant's extracted data. */
  output: Record<string, unknown>
  reasons: string[]
  tags: string[]
  customer_user_id: string
  link: OnfidoLink
  error?: { type: string; message: string }
  sdk_token: string | null
  created_at: string
  updated_at: string
}

export type OnfidoResult = 'clear' | 'consider'
/** One breakdown item: its result and, for some, a nested breakdown of sub-items. */
export type OnfidoBreakdownItem = {
  result: OnfidoResult | null
  breakdown?: Record<string, { result: OnfidoResult | null; properties?: Record<string, unknown> }>
}

export type OnfidoReport = {
  id: string
  name: 'document' | 'facial_similarity_photo'
  created_at: string
  href: string
  status: 'complete' | 'awaiting_data'
  result: OnfidoResult | null
  sub_result?: 'clear' | 'rejected' | 'suspected' | 'caution' | null
  check_id: string
  breakdown: Record<string, OnfidoBreakdownItem>
  /** Extracted personal data (document: names, birth date, document numbers). */
  properties: Record<string, unknown>
  documents: { id: string }[]
  live_photos?: { id: string }[]
}

/** `applicant`: the person, every field personal data (the relay reads it for a requester check only). */
export type OnfidoApplicant = {
  id: string
  created_at: string
  href: string
  sandbox: boolean
  first_name: string
  last_name: string
  email: string
  dob: string
  phone_number: string
  id_numbers: { type: 'passport'; value: string }[]
  address: { building_number: string; street: string; town: string; postcode: string; country: string }
  location: { ip_address: string; country_of_residence: string }
}

export type OnfidoCheck = {
  id: string
  applicant_id: string
  created_at: string
  href: string
  status: 'in_progress' | 'complete'
  result: OnfidoResult | null
  results_uri: string
  report_ids: string[]
  tags: string[]
  sandbox: boolean
  paused: boolean
  version: string
  webhook_ids: string[]
  applicant_provides_data: boolean
  privacy_notices_read_consent_given: boolean
}
