import type { VendorReplies } from '../../replies/texts.ts'

/**
 * Which customer text answers Stripe Identity's reasons. Its checks are broad; a failed one's own
 * code (`last_error.code`, a report check's error: every code its API names) says more and goes first.
 */
export const replies: VendorReplies = {
  checks: {
    document: 'retry',
    selfie: 'selfie_photo',
    id_number: 'details',
    email: 'contact',
    phone: 'contact',
    session: 'retry',
  },
  reasons: {},
  codes: {
    abandoned: 'unfinished',
    consent_declined: 'unfinished',
    country_not_supported: 'id_not_accepted',
    device_not_supported: 'retry',
    document_expired: 'id_expired',
    document_type_not_supported: 'id_not_accepted',
    document_unverified_other: 'retry',
    email_unverified_other: 'contact',
    email_verification_declined: 'code',
    id_number_insufficient_document_data: 'retry',
    id_number_mismatch: 'details',
    id_number_unverified_other: 'details',
    phone_unverified_other: 'contact',
    phone_verification_declined: 'code',
    selfie_document_missing_photo: 'id_not_accepted',
    selfie_face_mismatch: 'selfie_match',
    selfie_manipulated: 'not_verified',
    selfie_unverified_other: 'selfie_photo',
    under_supported_age: 'age',
  },
  statuses: {
    verified: 'approved',
    processing: 'received',
    canceled: 'canceled',
    requires_input: 'retry',
    unverified: 'retry',
  },
  reasonStatuses: ['requires_input', 'unverified'],
}
