import type { VendorReplies } from './texts.ts'

/**
 * Which customer text answers an Onfido workflow run (the relay's worker/src/vendors/onfido/summary.ts).
 * A run's reason is its `reasons`, which the team's workflow names; the names below are the common
 * ones and a report's breakdown items (docs/vendors/onfido.md §3). Any other falls back to the status.
 */
export const replies: VendorReplies = {
  checks: {
    document: 'retry',
    facial_similarity_photo: 'selfie_photo',
  },
  reasons: {
    document_image_quality: 'id_photo',
    document_expired: 'id_expired',
    document_suspected_fraud: 'not_verified',
    face_mismatch: 'selfie_match',
    image_integrity: 'id_photo',
    data_validation: 'id_details',
    data_comparison: 'details',
    visual_authenticity: 'not_verified',
    compromised_document: 'not_verified',
    police_record: 'not_verified',
    data_consistency: 'not_verified',
    age_validation: 'age',
    face_comparison: 'selfie_match',
    task_error: 'retry',
  },
  codes: {},
  statuses: {
    approved: 'approved', processing: 'received', awaiting_input: 'unfinished', awaiting_client_input: 'review', review: 'review',
    abandoned: 'expired', error: 'retry', declined: 'declined',
  },
  reasonStatuses: ['declined', 'error'],
}
