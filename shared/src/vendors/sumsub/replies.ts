import type { ReplyText, VendorReplies } from '../../replies/texts.ts'

/** What each `rejectLabels` code answers: what to fix, or "not verified" where it points at fraud or sanctions. */
const LABELS: Readonly<Record<string, ReplyText>> = {
  unsatisfactory_photos: 'id_photo',
  screenshots: 'id_original',
  black_and_white: 'id_original',
  digital_document: 'id_original',
  document_page_missing: 'id_sides',
  incomplete_document: 'id_sides',
  front_side_missing: 'id_sides',
  back_side_missing: 'id_sides',
  expiration_date: 'id_expired',
  id_invalid: 'id_not_accepted',
  not_document: 'id_not_accepted',
  document_damaged: 'id_not_accepted',
  bad_selfie: 'selfie_photo',
  bad_video_selfie: 'selfie_live',
  bad_face_matching: 'selfie_match',
  selfie_mismatch: 'selfie_match',
  problematic_applicant_data: 'details',
  requested_data_mismatch: 'details',
  age_requirement_mismatch: 'age',
  forgery: 'not_verified',
  document_template: 'not_verified',
  graphic_editor: 'not_verified',
  fraudulent_patterns: 'not_verified',
  fraudulent_liveness: 'not_verified',
  blacklist: 'not_verified',
  blocklist: 'not_verified',
  sanctions: 'not_verified',
  pep: 'not_verified',
  adverse_media: 'not_verified',
  criminal: 'not_verified',
  compromised_persons: 'not_verified',
  third_party_involved: 'not_verified',
}

/**
 * Which customer text answers a Sumsub applicant (docs/vendors/sumsub.md §3). A RED review is one
 * failed check, `review:RETRY` or `review:FINAL`. FINAL never coaches: its check answers "not
 * verified". A RETRY's `rejectLabels` say what to fix, or "not verified" where they point at fraud or
 * sanctions. Its statuses are read from this table only (replies/tables.ts), so they need no prefix.
 */
export const replies: VendorReplies = {
  // FINAL's labels never reach its failed check (worker/src/vendors/sumsub/review-reason.ts): it answers "not verified" alone.
  checks: { review_final: 'not_verified', review_retry: 'retry', review: 'declined' },
  // A label is a code, before the check; and a reason, as the words the extension has for it (reason_<label>).
  reasons: LABELS,
  codes: LABELS,
  statuses: {
    init: 'unfinished',
    pending: 'received',
    prechecked: 'received',
    queued: 'received',
    onhold: 'review',
    green: 'approved',
    red: 'retry',
  },
  reasonStatuses: ['red'],
}
