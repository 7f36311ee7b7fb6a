/**
 * deepidv's read shapes as the relay passes them through (snake_case on the wire).
 * Source: docs/vendors/deepidv.md §3, §4. `resource_links` (presigned document
 * URLs) never leaves the relay, so it is not part of these types.
 */
export type DeepidvSessionRecord = {
  id: string
  organization_id?: string
  user_id?: string
  sender_user_id?: string
  external_id?: string | null
  status: string
  type?: string
  session_progress?: string
  /** An object in the retrieve docs, a plain string in the sandbox model: accept both. */
  location?: { country?: string } | string | null
  workflow_id?: string | null
  workflow_steps?: string[]
  created_at: string
  updated_at?: string
  submitted_at?: string | null
  meta_data?: Record<string, unknown>
  uploads?: Record<string, boolean>
  analysis_data?: Record<string, unknown> & {
    id_matches_selfie?: boolean
    faceliveness_score?: number
    created_at?: string
  }
  [key: string]: unknown
}

export type DeepidvUser = {
  id: string
  email?: string
  first_name?: string
  last_name?: string
  [key: string]: unknown
}

export type DeepidvSessionList = { sessions: DeepidvSessionRecord[]; next_token: string | null }

export type DeepidvSession = {
  session_record: DeepidvSessionRecord
  user?: DeepidvUser
  sender_user?: DeepidvUser
}

/** What a lookup shows of deepidv's records (`LookupFound.details`), one member per kind. */
export type DeepidvLookupDetails = {
  kind: 'deepidv-session'
  externalId: string | null
  sessionProgress: string | null
  sessionType: string | null
  workflowSteps: string[]
  country: string | null
}
