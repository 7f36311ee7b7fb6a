/**
 * One Stripe Identity session and report with EVERY field the `stripe` package's types declare, each
 * present and non-null: `Full<T>` makes the type check fail when a field of the types is missing here
 * or one is here that the types do not declare. Tests fill them with sentinels (allowlist) and read
 * their keys as the set of what Stripe may send (the demo's bodies).
 */
import type Stripe from 'stripe'

/** Every property required and non-null, all the way down (a union keeps each member: a string will do). */
export type Full<T> = T extends readonly (infer U)[] ? Full<U>[] : T extends object ? { [K in keyof T]-?: Full<NonNullable<T[K]>> } : T

const dob = { day: 1, month: 2, year: 1990 }
const address = { city: 'c', country: 'US', line1: 'l1', line2: 'l2', postal_code: 'p', state: 's' }

export const FULL_SESSION: Full<Stripe.Identity.VerificationSession> = {
  id: 'vs_1Pgc76B7WZ01zgkWBdQi8PTU',
  object: 'identity.verification_session',
  client_reference_id: 'ref',
  client_secret: 'secret',
  created: 1_700_000_000,
  last_error: { code: 'selfie_face_mismatch', reason: 'reason' },
  last_verification_report: 'vr_QXhW13B2hsHOm43JtUgs0f0w',
  livemode: false,
  metadata: { key: 'value' },
  options: {
    document: { allowed_types: ['passport'], require_id_number: true, require_live_capture: true, require_matching_selfie: true },
    email: { require_verification: true },
    id_number: {},
    matching: { dob: 'similar', name: 'similar' },
    phone: { require_verification: true },
  },
  provided_details: { email: 'e', phone: 'p' },
  redaction: { status: 'processing' },
  related_customer: 'cus_1',
  related_person: { account: 'acct_1', person: 'person_1' },
  status: 'requires_input',
  type: 'document',
  url: 'u',
  verification_flow: 'vf_1',
  verified_outputs: {
    address,
    dob,
    email: 'e',
    first_name: 'f',
    id_number: 'n',
    id_number_type: 'us_ssn',
    last_name: 'l',
    phone: 'p',
    sex: 'female',
    unparsed_place_of_birth: 'b',
    unparsed_sex: 's',
  },
}

const error = <C extends string>(code: C) => ({ code, reason: 'reason' })

export const FULL_REPORT: Full<Stripe.Identity.VerificationReport> = {
  id: 'vr_QXhW13B2hsHOm43JtUgs0f0w',
  object: 'identity.verification_report',
  client_reference_id: 'ref',
  created: 1_700_000_100,
  document: {
    address,
    dob,
    error: error('document_expired'),
    expiration_date: dob,
    files: ['file_1', 'file_2'],
    first_name: 'f',
    issued_date: dob,
    issuing_country: 'US',
    last_name: 'l',
    number: 'n',
    sex: 'male',
    status: 'unverified',
    type: 'passport',
    unparsed_place_of_birth: 'b',
    unparsed_sex: 's',
  },
  email: { email: 'e', error: error('email_unverified_other'), status: 'unverified' },
  id_number: {
    dob,
    error: error('id_number_mismatch'),
    first_name: 'f',
    id_number: 'n',
    id_number_type: 'us_ssn',
    last_name: 'l',
    status: 'unverified',
  },
  livemode: false,
  options: {
    document: { allowed_types: ['passport'], require_id_number: true, require_live_capture: true, require_matching_selfie: true },
    id_number: {},
  },
  phone: { error: error('phone_verification_declined'), phone: 'p', status: 'unverified' },
  selfie: { document: 'file_3', error: error('selfie_face_mismatch'), selfie: 'file_4', status: 'unverified' },
  type: 'document',
  verification_flow: 'vf_1',
  verification_session: 'vs_1Pgc76B7WZ01zgkWBdQi8PTU',
}

/** Every path of a leaf (`a.b`, arrays as `a[]`) in a body: what the types allow, for comparing key sets. */
export function leafPaths(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.length ? value.flatMap((item) => leafPaths(item, `${at}[]`)) : [`${at}[]`]
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
    // Metadata is a map: any key is Stripe's to send.
    if (at.endsWith('metadata')) return [`${at}.*`]
    return entries.length ? entries.flatMap(([key, inner]) => leafPaths(inner, at ? `${at}.${key}` : key)) : [`${at}{}`]
  }
  return [at]
}
