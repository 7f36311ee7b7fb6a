import type { VendorReplies } from '../../replies/texts.ts'

/** Which customer text answers deepidv's analysis (the relay's worker/src/vendors/deepidv/summary.ts). */
export const replies: VendorReplies = {
  checks: {
    id_matches_selfie: 'selfie_match',
    faceliveness_score: 'selfie_live',
    expiry_date_pass: 'id_expired',
    valid_state_pass: 'id_not_accepted',
    age_restriction_pass: 'age',
    pep_sanctions_data: 'not_verified',
    adverse_media_data: 'not_verified',
  },
  reasons: {
    peps: 'not_verified',
    sanctions: 'not_verified',
    both: 'not_verified',
  },
  codes: {},
  statuses: {
    verified: 'approved',
    submitted: 'received',
    pending: 'unfinished',
    expired: 'expired',
    voided: 'canceled',
    failed: 'retry',
    rejected: 'declined',
  },
  reasonStatuses: ['failed', 'rejected'],
}
