/** Shapes of the seeded deepidv records, in deepidv's wire format (snake_case keys, ISO times). */

export type DeepidvStatus = 'PENDING' | 'SUBMITTED' | 'VERIFIED' | 'REJECTED' | 'VOIDED' | 'EXPIRED' | 'FAILED'
export type DeepidvProgress = 'PENDING' | 'STARTED' | 'COMPLETED'
export type DeepidvSessionType = 'session' | 'verification' | 'credit-application' | 'silent-screening' | 'deep-doc'
export type DeepidvWorkflowStep =
  | 'ID_VERIFICATION'
  | 'FACE_LIVENESS'
  | 'AGE_ESTIMATION'
  | 'PEP_SANCTIONS'
  | 'ADVERSE_MEDIA'
  | 'BANK_STATEMENT_UPLOAD'
  | 'DOCUMENT_UPLOAD'
  | 'TITLE_SEARCH'
  | 'CUSTOM_PROMPT'
  | 'CUSTOM_FORM'
  | 'AI_BANK_STATEMENT_ANALYSIS'

export type DeepidvUploadKey =
  | 'id_front'
  | 'id_back'
  | 'selfie_front'
  | 'selfie_right'
  | 'selfie_left'
  | 'hold_up_3_fingers'
  | 'pdf_summary'

/** JSON-compatible value, for the free-form analysis blobs. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

export interface DeepidvSessionRecord {
  id: string
  organization_id: string
  user_id: string
  sender_user_id: string
  external_id?: string
  status: DeepidvStatus
  type: DeepidvSessionType
  session_progress: DeepidvProgress
  /** An object in the retrieve docs (D2), a bare string in the sandbox model (D7); older records use the string. */
  location?: { country: string } | string
  workflow_id?: string
  bank_statement_request_id?: string
  workflow_steps: DeepidvWorkflowStep[]
  created_at: string
  updated_at: string
  submitted_at?: string
  /** camelCase inner keys (D2); older records use snake_case (D7). */
  meta_data: Record<string, string>
  uploads: Partial<Record<DeepidvUploadKey, boolean>>
  analysis_data?: { [key: string]: Json }
}

export interface DeepidvUser {
  id: string
  email: string
  first_name: string
  last_name: string
  phone: string
  created_at: string
  updated_at: string
}

export interface DeepidvSession {
  /** Exactly what list items and `session_record` carry. */
  record: DeepidvSessionRecord
  createdAtMs: number
}
