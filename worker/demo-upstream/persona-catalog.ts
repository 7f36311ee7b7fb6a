/** Static value tables the Persona seed draws from. All people, addresses and IPs are fictional. */
import type { InquiryTemplate, SessionClientAttributes, VerificationType } from './persona-types.ts'

export interface Place {
  countryCode: string
  countryName: string
  regionCode: string
  regionName: string
  city: string
  postalCode: string
  latitude: number
  longitude: number
  phonePrefix: string
  isps: readonly string[]
}

/** Weighted towards the US, as a typical Persona customer's traffic is. */
export const PLACES: readonly (readonly [Place, number])[] = [
  [
    place('US', 'United States', 'CA', 'California', 'San Francisco', '94111', 37.7688, -122.262, '+1415', [
      'Comcast Cable',
      'AT&T Services',
      'T-Mobile USA',
    ]),
    14,
  ],
  [
    place('US', 'United States', 'NY', 'New York', 'New York', '10001', 40.7506, -73.9972, '+1212', [
      'Verizon Fios',
      'Charter Communications',
    ]),
    12,
  ],
  [
    place('US', 'United States', 'TX', 'Texas', 'Austin', '78701', 30.2711, -97.7437, '+1512', ['AT&T Services', 'Charter Communications']),
    10,
  ],
  [place('US', 'United States', 'FL', 'Florida', 'Miami', '33101', 25.7743, -80.1937, '+1305', ['Comcast Cable', 'T-Mobile USA']), 8],
  [
    place('US', 'United States', 'IL', 'Illinois', 'Chicago', '60601', 41.8858, -87.6181, '+1312', ['Comcast Cable', 'Verizon Wireless']),
    6,
  ],
  [place('US', 'United States', 'WA', 'Washington', 'Seattle', '98101', 47.6101, -122.3344, '+1206', ['Comcast Cable', 'Ziply Fiber']), 5],
  [place('CA', 'Canada', 'ON', 'Ontario', 'Toronto', 'M5V 2T6', 43.6426, -79.3871, '+1416', ['Rogers Communications', 'Bell Canada']), 6],
  [
    place('CA', 'Canada', 'BC', 'British Columbia', 'Vancouver', 'V6B 1A1', 49.2827, -123.1207, '+1604', [
      'Telus Communications',
      'Shaw Communications',
    ]),
    3,
  ],
  [
    place('GB', 'United Kingdom', 'ENG', 'England', 'London', 'EC1A 1BB', 51.5202, -0.0979, '+44', ['BT', 'Virgin Media', 'Sky Broadband']),
    8,
  ],
  [place('DE', 'Germany', 'BE', 'Berlin', 'Berlin', '10115', 52.532, 13.3849, '+49', ['Deutsche Telekom AG', 'Vodafone GmbH']), 4],
  [place('FR', 'France', 'IDF', 'Île-de-France', 'Paris', '75001', 48.8625, 2.3364, '+33', ['Orange S.A.', 'Free SAS']), 3],
  [place('ES', 'Spain', 'MD', 'Madrid', 'Madrid', '28001', 40.4255, -3.6836, '+34', ['Telefonica de Espana']), 3],
  [place('MX', 'Mexico', 'CMX', 'Ciudad de México', 'Mexico City', '06000', 19.4326, -99.1332, '+52', ['Telmex', 'Totalplay']), 4],
  [place('BR', 'Brazil', 'SP', 'São Paulo', 'São Paulo', '01000-000', -23.5505, -46.6333, '+55', ['Claro NXT', 'Vivo']), 3],
  [place('IN', 'India', 'MH', 'Maharashtra', 'Mumbai', '400001', 18.9388, 72.8354, '+91', ['Reliance Jio', 'Bharti Airtel']), 3],
  [place('AU', 'Australia', 'NSW', 'New South Wales', 'Sydney', '2000', -33.8688, 151.2093, '+61', ['Telstra', 'TPG Telecom']), 3],
  [place('NL', 'Netherlands', 'NH', 'North Holland', 'Amsterdam', '1012', 52.3731, 4.8922, '+31', ['KPN', 'Ziggo']), 2],
  [place('NG', 'Nigeria', 'LA', 'Lagos', 'Lagos', '100001', 6.4541, 3.3947, '+234', ['MTN Nigeria']), 1],
  [place('PH', 'Philippines', '00', 'Metro Manila', 'Manila', '1000', 14.5995, 120.9842, '+63', ['PLDT', 'Globe Telecom']), 1],
]

function place(
  countryCode: string,
  countryName: string,
  regionCode: string,
  regionName: string,
  city: string,
  postalCode: string,
  latitude: number,
  longitude: number,
  phonePrefix: string,
  isps: readonly string[],
): Place {
  return { countryCode, countryName, regionCode, regionName, city, postalCode, latitude, longitude, phonePrefix, isps }
}

export const FIRST_NAMES = [
  'Jane',
  'John',
  'Maria',
  'James',
  'Aisha',
  'Wei',
  'Carlos',
  'Sofia',
  'Liam',
  'Olivia',
  'Noah',
  'Emma',
  'Mateo',
  'Priya',
  'Arjun',
  'Chloe',
  'Lucas',
  'Amara',
  'Hiroshi',
  'Fatima',
  'Ethan',
  'Isabella',
  'Daniel',
  'Grace',
  'Kwame',
  'Elena',
  'Omar',
  'Hannah',
  'Diego',
  'Mei',
  'Samuel',
  'Zoe',
  'Tomas',
  'Leila',
  'Ben',
] as const

export const MIDDLE_NAMES = ['Marie', 'Lee', 'Ann', 'James', 'Rose', 'Alexander', 'Grace', 'Michael'] as const

export const LAST_NAMES = [
  'Doe',
  'Smith',
  'Garcia',
  'Nguyen',
  'Okafor',
  'Chen',
  'Muller',
  'Rossi',
  'Patel',
  'Kim',
  'Johnson',
  'Williams',
  'Brown',
  'Silva',
  'Martin',
  'Dubois',
  'Kowalski',
  'Haddad',
  'Tanaka',
  'Mensah',
  'Lopez',
  'Anderson',
  'Novak',
  'Singh',
  'Fischer',
  'Hernandez',
  'Walker',
  'Ibrahim',
  'Costa',
  'Murphy',
] as const

export const STREETS = [
  'Main St',
  'Market St',
  'Oak Ave',
  'Maple Dr',
  'King St W',
  'High St',
  'Elm St',
  'Park Ave',
  'Queen St',
  'Cedar Ln',
  'Sunset Blvd',
  'Church Rd',
  'Mission St',
  'Bay St',
] as const

export const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example'] as const

export const INQUIRY_NOTES = [
  'Customer asked about re-verification on ticket #48213',
  'Escalated to compliance for manual check',
  'Name on ID does not match bank account holder',
  'VIP onboarding, expedite',
  'Duplicate of an earlier inquiry for the same customer',
  'Customer reports camera did not work on desktop',
  'Retry after blurry ID photo',
] as const

export const INQUIRY_TAGS = ['vip', 'manual-review', 'high-risk', 'enterprise', 'reverification', 'beta-flow'] as const

export const REVIEWER_COMMENTS = [
  'ID photo matches selfie; address confirmed by utility bill.',
  'Document appears edited around the date of birth.',
  'Approved after callback to the customer.',
  'Selfie does not match the ID portrait.',
  'Expired document, customer asked to retry with a passport.',
] as const

export const CREATORS = [
  'creator@withpersona.com',
  'onboarding-service@acme.example',
  'ava.agent@acme.example',
  'sam.ops@acme.example',
] as const

/** Dashboard users who review inquiries (reviewer relationship for manual decisions). */
export const REVIEWER_USER_IDS = ['user_4fYqkPzR1nXw7vHcA2sTdJ9m', 'user_Hq8rLbW3tZ5cE7nKpV2xYa6D'] as const

/** The fixture template first; the rest are typical flows. */
export const INQUIRY_TEMPLATES: readonly InquiryTemplate[] = [
  {
    id: 'itmpl_p8ANAJy9iqadm2buF2xcVgqH',
    versionId: 'itmplv_iXhqfNWqwYLAWs9G8Fm8hPfo',
    name: 'Twilio Desktop',
    steps: ['verification/government-id', 'verification/selfie'],
  },
  {
    id: 'itmpl_Ytq4CzWbK1mN8vJ3rHs6Lx2P',
    versionId: 'itmplv_Qw3nB7xVt2kR9mZp4LcH8sJd',
    name: 'KYC: Government ID + Selfie',
    steps: ['verification/government-id', 'verification/selfie'],
  },
  {
    id: 'itmpl_Ncb2Lr8TfX5kWq9Vm3Hj7DsA',
    versionId: 'itmplv_Fz6pKs1Wd8nT3qXc5Rb9VmLh',
    name: 'Government ID only',
    steps: ['verification/government-id'],
  },
  {
    id: 'itmpl_Rm5Vx9Qk2Tb7Lc3Nw8Hp4JfZ',
    versionId: 'itmplv_Jd2Wq6Lm9Xr3Tc7Vb4Nk8HsP',
    name: 'US KYC + Database',
    steps: ['verification/government-id', 'verification/selfie', 'verification/database'],
  },
  {
    id: 'itmpl_Kp7Hs3Wn9Qd2Xv6Lb8Tc4RmY',
    versionId: 'itmplv_Bt9Lx4Qz7Wc2Np6Hv3Kd8RsM',
    name: 'Re-verification selfie',
    steps: ['verification/selfie'],
  },
  {
    id: 'itmpl_Wc5Nq2Tx8Lb3Hd7Vk9Rm4JsQ',
    versionId: 'itmplv_Gh3Xp7Nd2Wq9Lc5Tb8Vk4RsM',
    name: 'Email + Government ID + Selfie',
    steps: ['verification/email-address', 'verification/government-id', 'verification/selfie'],
  },
  {
    id: 'itmpl_Zb6Lq3Wx9Nc2Tv7Hd4Km8RpS',
    versionId: 'itmplv_Dq8Wn3Lx6Tc2Hb9Vk4Rm7PsJ',
    name: 'Phone + proof of address',
    steps: ['verification/phone-number', 'verification/government-id', 'verification/document'],
  },
]

/** Legacy (pre-inquiry-template) templates seen on some old inquiries. */
export const LEGACY_TEMPLATE_IDS = ['tmpl_JAZjHuAT738Q63BdgCuEJQre', 'tmpl_4bX9cPq2LmR7tVw3Hn8sDkYf'] as const

export const VERIFICATION_TEMPLATES: Record<VerificationType, readonly [string, string]> = {
  'verification/government-id': ['vtmpl_Hq6NrDsmHg3Lz3wd5EUtBYBo', 'vtmplv_9Xm2TqLw7Hc4Vn8Kb3Rs6PdZ'],
  'verification/selfie': ['vtmpl_Wd3Rk8Nq2Lx7Tc9Vb4Hm6JsP', 'vtmplv_Tz4Qw8Lc2Nx6Hv9Kd3Rm7BsY'],
  'verification/database': ['vtmpl_Bn7Xc2Qw9Lk4Tv6Hd8Rm3JsZ', 'vtmplv_Lq9Wc3Nx7Tk2Hv6Bd4Rm8PsY'],
  'verification/phone-number': ['vtmpl_Pn4Wx8Lc2Tq6Hv3Kd9Rm7BsZ', 'vtmplv_Xk2Nq7Lw4Tc9Hv3Bd6Rm8PsQ'],
  'verification/email-address': ['vtmpl_Em3Qx7Wn2Lc9Tv4Hd8Rk6JsP', 'vtmplv_Rt6Wq2Nx8Lc3Hv7Kd4Bm9PsZ'],
  'verification/document': ['vtmpl_Dc9Lq4Wx2Nt7Hv3Bk8Rm6PsY', 'vtmplv_Vn3Xq8Lw2Tc6Hd9Kb4Rm7PsJ'],
}

export const WORKFLOW_ID = 'wfl_TzJq8Wx3Lc6Nv2Hb9Kd4RmYs'

/**
 * A check a verification of some type runs: its name from Persona's check reference (the spec gives
 * `checks[].name` as free text with examples), whether the template requires it, and the reasons it
 * gives when it fails. Persona documents no list of reasons (the spec types them as strings, its one
 * example being `no_government_id`), so these are illustrative.
 */
export interface CheckSpec {
  name: string
  requirement: 'required' | 'not_required'
  /** Reasons when it fails, one set drawn per failure. */
  fails: readonly (readonly string[])[]
  /** The reason it is not applicable when it cannot run (e.g. a US-only check on another country's ID). */
  notApplicable?: string
}

const check = (
  name: string,
  requirement: CheckSpec['requirement'],
  fails: readonly (readonly string[])[],
  notApplicable?: string,
): CheckSpec => ({
  name,
  requirement,
  fails,
  ...(notApplicable === undefined ? {} : { notApplicable }),
})

export const GOVERNMENT_ID_CHECKS: readonly CheckSpec[] = [
  check('id_aamva_database_lookup', 'not_required', [['no_matching_record']], 'unsupported_country'),
  check('id_age_inconsistency_detection', 'required', [['portrait_age_inconsistent']]),
  check('id_barcode_detection', 'required', [['barcode_not_detected']]),
  check('id_barcode_inconsistency_detection', 'required', [['name_mismatch'], ['birthdate_mismatch'], ['document_number_mismatch']]),
  check('id_blur_detection', 'required', [['blurry']]),
  check('id_compromised_detection', 'required', [['found_online']]),
  check('id_disallowed_country_detection', 'required', [['disallowed_country']]),
  check('id_double_side_detection', 'required', [['same_side_submitted']]),
  check('id_entity_detection', 'required', [['no_government_id_detected']]),
  check('id_expired_detection', 'required', [['expired']]),
  check('id_fabrication_detection', 'required', [['fabricated']]),
  check('id_glare_detection', 'required', [['glare']]),
  check('id_po_box_detection', 'not_required', [['po_box']]),
  check('id_tamper_detection', 'required', [['tampered_portrait'], ['tampered_text']]),
  check('id_inconsistent_repeat_detection', 'not_required', [['repeat_with_different_details']]),
  check('id_public_figure_detection', 'not_required', [['public_figure']]),
]
export const SELFIE_CHECKS: readonly CheckSpec[] = [
  check('selfie_id_comparison', 'required', [['face_mismatch'], ['face_mismatch', 'low_similarity']], 'no_government_id'),
  check('selfie_liveness_detection', 'required', [['spoof_detected'], ['screen_replay_detected']]),
  check('selfie_multiple_faces_detection', 'required', [['multiple_faces']]),
  check('selfie_pose_detection', 'required', [['face_not_centered']]),
  check('selfie_public_figure_detection', 'not_required', [['public_figure']]),
  check('selfie_suspicious_entity_detection', 'required', [['government_id_submitted']]),
  check('selfie_repeat_detection', 'not_required', [['matches_another_account']]),
]
export const DATABASE_CHECKS: readonly CheckSpec[] = [
  check('database_identity_comparison', 'required', [['no_matching_record']]),
  check('database_name_comparison', 'required', [['name_mismatch']]),
  check('database_birthdate_comparison', 'required', [['birthdate_mismatch']]),
  check('database_deceased_detection', 'required', [['deceased']]),
  check('database_address_deliverable_detection', 'not_required', [['undeliverable']]),
  check('database_po_box_detection', 'not_required', [['po_box']]),
]
export const PHONE_NUMBER_CHECKS: readonly CheckSpec[] = [
  check('phone_number_confirmation_code_comparison', 'required', [['code_mismatch']]),
  check('phone_number_deliverable_detection', 'required', [['undeliverable']]),
  check('phone_number_disallowed_country_detection', 'required', [['disallowed_country']]),
  check('phone_number_invalid_number_format_detection', 'required', [['invalid_format']]),
  check('phone_number_timeout_detection', 'required', [['timed_out']]),
]
export const EMAIL_ADDRESS_CHECKS: readonly CheckSpec[] = [
  check('email_address_confirmation_code_comparison', 'required', [['code_mismatch']]),
  check('email_address_invalid_email_format_detection', 'required', [['invalid_format']]),
  check('email_address_timeout_detection', 'required', [['timed_out']]),
]
export const DOCUMENT_CHECKS: readonly CheckSpec[] = [
  check('document_type_detection', 'required', [['unexpected_document_type']]),
  check('document_expired_detection', 'required', [['expired']]),
  check('document_recency_detection', 'required', [['not_recent']]),
  check('document_tamper_detection', 'required', [['tampered']]),
  check('document_pdf_editor_detection', 'not_required', [['editor_detected']]),
  check('document_unprocessable_submission_detection', 'required', [['unprocessable']]),
]

/** The spec's name for each verification type's checks, by type. */
export const CHECKS_BY_TYPE: Record<VerificationType, readonly CheckSpec[]> = {
  'verification/government-id': GOVERNMENT_ID_CHECKS,
  'verification/selfie': SELFIE_CHECKS,
  'verification/database': DATABASE_CHECKS,
  'verification/phone-number': PHONE_NUMBER_CHECKS,
  'verification/email-address': EMAIL_ADDRESS_CHECKS,
  'verification/document': DOCUMENT_CHECKS,
}

/** Case templates the customer's workflows open cases from (ctmpl_), with their queue (cqueue_). */
export const CASE_TEMPLATES = [
  {
    id: 'ctmpl_Jumm3K4zHwaLBBdyLUCnHbBC',
    name: 'KYC manual review',
    prefix: 'KYC',
    resolutions: ['Approved', 'Declined'],
    queueId: 'cqueue_7JRbkcdbx9fTossK98NJvRZc',
  },
  {
    id: 'ctmpl_Tq8Wd3Nx6Lc2Hv9Rb4Km7PsY',
    name: 'Fraud escalation',
    prefix: 'FRD',
    resolutions: ['Approved', 'Declined', 'Escalated'],
    queueId: 'cqueue_Hn4Wq8Lx2Tc6Vb9Kd3Rm7PsZ',
  },
] as const

/** Reviewers at the customer's company: case assignees (never Persona staff). */
export const CASE_REVIEWERS = ['reviewer@acme.example', 'kim.reviewer@acme.example', 'omar.compliance@acme.example'] as const
/** Persona's round-robin case assignment policy (`cap_`). */
export const CASE_ASSIGNMENT_POLICY_ID = 'cap_jE2jrmjCsPQiAq6r4uBiMiMB'

export type ClientProfile = Pick<
  SessionClientAttributes,
  | 'user-agent'
  | 'os-name'
  | 'os-full-version'
  | 'device-type'
  | 'device-name'
  | 'browser-name'
  | 'browser-full-version'
  | 'mobile-sdk-name'
  | 'mobile-sdk-full-version'
>

export const DESKTOP_CLIENTS: readonly (readonly [ClientProfile, number])[] = [
  [
    client(
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Mac',
      '10.15.7',
      'desktop',
      null,
      'Chrome',
      '131.0.0.0',
    ),
    8,
  ],
  [
    client(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Windows',
      '10',
      'desktop',
      null,
      'Chrome',
      '131.0.0.0',
    ),
    10,
  ],
  [
    client(
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
      'Mac',
      '10.15.7',
      'desktop',
      null,
      'Safari',
      '17.6',
    ),
    4,
  ],
  [
    client(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Windows',
      '10',
      'desktop',
      null,
      'Edge',
      '131.0.0.0',
    ),
    4,
  ],
  [
    client(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
      'Windows',
      '10',
      'desktop',
      null,
      'Firefox',
      '133.0',
    ),
    2,
  ],
  [
    client(
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
      'Linux',
      '',
      'desktop',
      null,
      'Chrome',
      '130.0.0.0',
    ),
    1,
  ],
]

export const MOBILE_CLIENTS: readonly (readonly [ClientProfile, number])[] = [
  [
    client(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      'iOS',
      '18.1',
      'smartphone',
      'iPhone',
      'Mobile Safari',
      '18.1',
    ),
    9,
  ],
  [
    client(
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      'Android',
      '14',
      'smartphone',
      'Pixel 8',
      'Chrome Mobile',
      '131.0.0.0',
    ),
    5,
  ],
  [
    client(
      'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
      'Android',
      '13',
      'smartphone',
      'Samsung SM-S911B',
      'Chrome Mobile',
      '130.0.0.0',
    ),
    4,
  ],
  [
    {
      ...client('Persona/2.12.3 (iPhone; iOS 17.5)', 'iOS', '17.5', 'smartphone', 'iPhone15,2', 'Persona iOS SDK', '2.12.3'),
      'mobile-sdk-name': 'Persona iOS SDK',
      'mobile-sdk-full-version': '2.12.3',
    },
    2,
  ],
  [
    {
      ...client('Persona/2.10.1 (Android 14)', 'Android', '14', 'smartphone', 'SM-A546E', 'Persona Android SDK', '2.10.1'),
      'mobile-sdk-name': 'Persona Android SDK',
      'mobile-sdk-full-version': '2.10.1',
    },
    1,
  ],
]

function client(
  userAgent: string,
  osName: string,
  osFullVersion: string,
  deviceType: 'desktop' | 'smartphone',
  deviceName: string | null,
  browserName: string,
  browserFullVersion: string,
): ClientProfile {
  return {
    'user-agent': userAgent,
    'os-name': osName,
    'os-full-version': osFullVersion,
    'device-type': deviceType,
    'device-name': deviceName,
    'browser-name': browserName,
    'browser-full-version': browserFullVersion,
    'mobile-sdk-name': null,
    'mobile-sdk-full-version': null,
  }
}

/** Cloud and VPN providers for the risky minority of sessions. */
export const DATACENTER_ISPS = ['Amazon.com, Inc.', 'DigitalOcean, LLC', 'M247 Europe SRL', 'Datacamp Limited'] as const

/** RFC 5737 documentation ranges, so no real person's address ends up in fixtures. */
export const IP_PREFIXES = ['192.0.2.', '198.51.100.', '203.0.113.'] as const
