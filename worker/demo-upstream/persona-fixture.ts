/**
 * Persona's documented example records (docs/vendors/persona.md §13), with their ids and values verbatim,
 * so docs and tests can name them. They keep their real 2023 timestamps unless the anchor is earlier.
 */
import { createRng } from './prng.ts'
import type { Account, Inquiry, InquirySession, PersonaEvent, PersonaEventName, Verification } from './persona-types.ts'
import { DAY } from './timeline.ts'

export const FIXTURE_INQUIRY_ID = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
export const FIXTURE_INQUIRY_SESSION_ID = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'
export const FIXTURE_APPROVED_EVENT_ID = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'
export const FIXTURE_COMPLETED_EVENT_ID = 'evt_hNt1KqZ3vXcW8pR2mYd5Lb7gTfAs'
export const FIXTURE_ACCOUNT_ID = 'act_n2uq9eKMboaCQzu9ALWYcVdN'
export const FIXTURE_GOVERNMENT_ID_VERIFICATION_ID = 'ver_uHDiwtcx3htjajvEaeMjPQcE'
export const FIXTURE_SELFIE_VERIFICATION_ID = 'ver_ynYuWdrjwwjiHJ2rgHfSoHeT'
export const FIXTURE_DOCUMENT_ID = 'doc_8HfuATwEZbXT532wv6pzWMTN'

export interface PersonaFixture {
  inquiry: Inquiry
  sessions: InquirySession[]
  verifications: Verification[]
  events: PersonaEvent[]
  account: Account
  /** Every id above, so the untie step never moves them. */
  pinned: ReadonlySet<string>
}

const t = (isoTime: string): number => Date.parse(isoTime)

export function personaFixture(anchor: number): PersonaFixture {
  const created = t('2023-03-29T19:06:45.000Z')
  // Keep the verbatim 2023 times unless the caller anchored the data before them.
  const shift = anchor - 2 * DAY < t('2023-03-30T19:06:58.999Z') ? anchor - 40 * DAY - created : 0
  const at = (isoTime: string): number => t(isoTime) + shift
  const rng = createRng(0x1c3d5e7f)
  const event = (id: string | null, name: PersonaEventName, when: string, type: string, objectId: string): PersonaEvent => ({
    id: id ?? `evt_${rng.base58(28)}`,
    name,
    createdAt: at(when),
    object: { type, id: objectId },
  })

  const inquiry: Inquiry = {
    id: FIXTURE_INQUIRY_ID,
    createdAt: at('2023-03-29T19:06:45.000Z'),
    updatedAt: at('2023-03-29T19:09:02.000Z'),
    status: 'approved',
    transitions: [
      { status: 'created', at: at('2023-03-29T19:06:45.000Z') },
      { status: 'pending', at: at('2023-03-29T19:07:01.000Z') },
      { status: 'completed', at: at('2023-03-29T19:08:41.000Z') },
      { status: 'approved', at: at('2023-03-29T19:09:02.000Z') },
    ],
    referenceId: 'abc-123',
    note: null,
    tags: [],
    creator: 'creator@withpersona.com',
    reviewerComment: null,
    behaviors: {
      'request-spoof-attempts': 0,
      'user-agent-spoof-attempts': 0,
      'distraction-events': 0,
      'hesitation-baseline': 29677,
      'hesitation-count': 3,
      'hesitation-time': 28752,
      'shortcut-copies': 0,
      'shortcut-pastes': 0,
      'autofill-cancels': 0,
      'autofill-starts': 0,
      'devtools-open': false,
      'completion-time': 40.172463903,
      'hesitation-percentage': 96.88310813087575,
      'behavior-threat-level': 'low',
    },
    startedAt: at('2023-03-29T19:07:01.000Z'),
    completedAt: at('2023-03-29T19:08:41.000Z'),
    failedAt: null,
    markedForReviewAt: null,
    decisionedAt: at('2023-03-29T19:09:02.000Z'),
    expiredAt: null,
    redactedAt: null,
    expiresAt: null,
    previousStepName: 'verification_selfie',
    nextStepName: 'success',
    fields: {
      'name-first': 'Jane',
      'name-middle': 'Marie',
      'name-last': 'Doe',
      'address-street-1': '123 Main St',
      'address-street-2': null,
      'address-city': 'San Francisco',
      'address-subdivision': 'California',
      'address-postal-code': '94111',
      'address-country-code': 'US',
      birthdate: '1995-09-08',
      'email-address': 'jane@doe.com',
      'phone-number': null,
      'identification-number': null,
    },
    addressSubdivisionAbbr: 'CA',
    accountId: FIXTURE_ACCOUNT_ID,
    templateId: null,
    inquiryTemplateId: 'itmpl_p8ANAJy9iqadm2buF2xcVgqH',
    inquiryTemplateVersionId: 'itmplv_iXhqfNWqwYLAWs9G8Fm8hPfo',
    reviewer: { type: 'workflow-run', id: 'wfr_3JqAR9ddLRVZLK5z4yD8oeHB' },
    sessionIds: [FIXTURE_INQUIRY_SESSION_ID],
    verificationIds: [FIXTURE_GOVERNMENT_ID_VERIFICATION_ID, FIXTURE_SELFIE_VERIFICATION_ID],
    documentIds: [FIXTURE_DOCUMENT_ID],
  }

  // The spec's session example is dated 2023-07-25 (it comes from another spec example);
  // its times are moved into this inquiry's flow so the story is consistent. All other values are verbatim.
  const session: InquirySession = {
    id: FIXTURE_INQUIRY_SESSION_ID,
    inquiryId: FIXTURE_INQUIRY_ID,
    createdAt: at('2023-03-29T19:06:46.000Z'),
    status: 'expired',
    transitions: [
      { status: 'new', at: at('2023-03-29T19:06:46.000Z') },
      { status: 'active', at: at('2023-03-29T19:06:58.000Z') },
      { status: 'expired', at: at('2023-03-30T19:06:58.000Z') },
    ],
    startedAt: at('2023-03-29T19:06:58.000Z'),
    expiredAt: at('2023-03-30T19:06:58.000Z'),
    client: {
      'ip-address': '127.0.0.1',
      'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/115.0.0.0 Safari/537.36',
      'os-name': 'Mac',
      'os-full-version': '10.15.7',
      'device-type': 'desktop',
      'device-name': null,
      'browser-name': 'Chrome',
      'browser-full-version': '115.0.0.0',
      'mobile-sdk-name': null,
      'mobile-sdk-full-version': null,
      'device-handoff-method': null,
      'is-proxy': false,
      'is-tor': false,
      'is-datacenter': false,
      'is-vpn': false,
      'threat-level': 'low',
      'country-code': 'US',
      'country-name': 'United States',
      'region-code': 'CA',
      'region-name': 'California',
      latitude: 37.7688,
      longitude: -122.262,
      'gps-latitude': null,
      'gps-longitude': null,
      'gps-precision': null,
      'ip-connection-type': 'residential',
      'ip-isp': 'Comcast Cable',
      'network-organization': null,
    },
    deviceId: 'dev_2wpqiEtejRcTA1hMJEXmbrJ6',
    networkId: null,
  }

  const passedChecks = (names: readonly string[]): Verification['checks'] =>
    names.map((name) => ({ name, status: 'passed', reasons: [], requirement: 'required', metadata: {} }))
  const governmentId: Verification = {
    id: FIXTURE_GOVERNMENT_ID_VERIFICATION_ID,
    type: 'verification/government-id',
    inquiryId: FIXTURE_INQUIRY_ID,
    createdAt: at('2023-03-29T19:07:05.000Z'),
    status: 'passed',
    transitions: [
      { status: 'initiated', at: at('2023-03-29T19:07:05.000Z') },
      { status: 'submitted', at: at('2023-03-29T19:07:40.000Z') },
      { status: 'passed', at: at('2023-03-29T19:07:48.000Z') },
    ],
    submittedAt: at('2023-03-29T19:07:40.000Z'),
    completedAt: at('2023-03-29T19:07:48.000Z'),
    countryCode: 'US',
    checks: passedChecks(['id_barcode_detection', 'id_compromised_detection', 'id_expired_detection', 'id_fabrication_detection']),
    details: {
      'id-class': 'dl',
      'capture-method': 'auto',
      'name-first': 'Jane',
      'name-middle': 'Marie',
      'name-last': 'Doe',
      birthdate: '1995-09-08',
      'document-number': 'D1234567',
      'expiration-date': '2027-09-08',
      'entity-confidence-score': 100,
    },
    photoAttributes: ['front-photo-url', 'back-photo-url'],
    documentId: FIXTURE_DOCUMENT_ID,
    verificationTemplateId: 'vtmpl_Hq6NrDsmHg3Lz3wd5EUtBYBo',
    verificationTemplateVersionId: 'vtmplv_9Xm2TqLw7Hc4Vn8Kb3Rs6PdZ',
  }
  const selfie: Verification = {
    id: FIXTURE_SELFIE_VERIFICATION_ID,
    type: 'verification/selfie',
    inquiryId: FIXTURE_INQUIRY_ID,
    createdAt: at('2023-03-29T19:07:52.000Z'),
    status: 'passed',
    transitions: [
      { status: 'initiated', at: at('2023-03-29T19:07:52.000Z') },
      { status: 'submitted', at: at('2023-03-29T19:08:30.000Z') },
      { status: 'passed', at: at('2023-03-29T19:08:38.000Z') },
    ],
    submittedAt: at('2023-03-29T19:08:30.000Z'),
    completedAt: at('2023-03-29T19:08:38.000Z'),
    countryCode: 'US',
    checks: passedChecks(['selfie_id_comparison', 'selfie_liveness_detection', 'selfie_public_figure_detection']),
    details: { 'capture-method': 'video', 'selfie-similarity-score-left': 0.94, 'selfie-similarity-score-right': 0.93 },
    photoAttributes: ['center-photo-url', 'left-photo-url', 'right-photo-url'],
    documentId: null,
    verificationTemplateId: 'vtmpl_Wd3Rk8Nq2Lx7Tc9Vb4Hm6JsP',
    verificationTemplateVersionId: 'vtmplv_Tz4Qw8Lc2Nx6Hv9Kd3Rm7BsY',
  }

  const gov = governmentId.id
  const events: PersonaEvent[] = [
    event(null, 'inquiry.created', '2023-03-29T19:06:45.127Z', 'inquiry', FIXTURE_INQUIRY_ID),
    event(null, 'inquiry-session.started', '2023-03-29T19:06:58.304Z', 'inquiry-session', session.id),
    event(null, 'inquiry.started', '2023-03-29T19:07:01.266Z', 'inquiry', FIXTURE_INQUIRY_ID),
    event(null, 'verification.created', '2023-03-29T19:07:05.081Z', governmentId.type, gov),
    event(null, 'verification.submitted', '2023-03-29T19:07:40.552Z', governmentId.type, gov),
    event(null, 'verification.passed', '2023-03-29T19:07:48.730Z', governmentId.type, gov),
    event(null, 'verification.created', '2023-03-29T19:07:52.045Z', selfie.type, selfie.id),
    event(null, 'verification.submitted', '2023-03-29T19:08:30.611Z', selfie.type, selfie.id),
    event(null, 'verification.passed', '2023-03-29T19:08:38.904Z', selfie.type, selfie.id),
    event(FIXTURE_COMPLETED_EVENT_ID, 'inquiry.completed', '2023-03-29T19:08:41.918Z', 'inquiry', FIXTURE_INQUIRY_ID),
    event(FIXTURE_APPROVED_EVENT_ID, 'inquiry.approved', '2023-03-29T19:09:02.412Z', 'inquiry', FIXTURE_INQUIRY_ID),
    event(null, 'inquiry-session.expired', '2023-03-30T19:06:58.377Z', 'inquiry-session', session.id),
  ]

  const account: Account = {
    id: FIXTURE_ACCOUNT_ID,
    referenceId: 'abc-123',
    createdAt: inquiry.createdAt,
    sourceInquiryId: FIXTURE_INQUIRY_ID,
  }
  const pinned = new Set<string>([inquiry.id, session.id, governmentId.id, selfie.id, ...events.map((e) => e.id)])
  return { inquiry, sessions: [session], verifications: [governmentId, selfie], events, account, pinned }
}
