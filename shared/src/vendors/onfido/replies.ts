import type { VendorReplies } from '../../replies/texts.ts'

/**
 * Which customer text answers an Onfido workflow run (the relay's worker/src/vendors/onfido/summary.ts).
 * A run's reason is its `reasons`, which the team's workflow names, or a failed report's breakdown
 * items and sub-result (docs/vendors/onfido.md §3): codes, so they say more than the report's name.
 * Any other name, one the team made, answers by the status and never reaches the customer.
 */
export const replies: VendorReplies = {
  checks: {
    // A run's own reason the codes do not know: the team's wording, answered as the decline it is.
    workflow_run: 'declined',
    document: 'retry',
    facial_similarity_photo: 'selfie_photo',
    // A watchlist or known-faces report that says `consider` is a sanctions, PEP or adverse-media hit, or
    // this face on another applicant (the spec's report_name and breakdowns): never coached.
    known_faces: 'not_verified',
    watchlist_aml: 'not_verified',
    watchlist_enhanced: 'not_verified',
    watchlist_standard: 'not_verified',
    watchlist_peps_only: 'not_verified',
    watchlist_sanctions_only: 'not_verified',
  },
  reasons: {},
  codes: {
    suspected: 'not_verified',
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
    previously_seen_faces: 'not_verified',
    sanction: 'not_verified',
    politically_exposed_person: 'not_verified',
    legal_and_regulatory_warnings: 'not_verified',
    adverse_media: 'not_verified',
    age_validation: 'age',
    face_comparison: 'selfie_match',
    task_error: 'retry',
  },
  statuses: {
    approved: 'approved',
    processing: 'received',
    awaiting_input: 'unfinished',
    awaiting_client_input: 'review',
    review: 'review',
    abandoned: 'expired',
    error: 'retry',
    declined: 'declined',
  },
  reasonStatuses: ['declined', 'error'],
}
