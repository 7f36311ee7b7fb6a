/**
 * The demo ticket's story (test/fixtures/helpdesk/zendesk-ticket.html, "Verification keeps failing"):
 * Dana (reference `user-7431`) failed an inquiry hours ago because the selfie did not match the ID
 * portrait; a workflow opened a case that a reviewer at Acme holds, its SLA still running. Nine days
 * earlier Dana had tried once before and failed on an expired licence; deepidv-story.ts adds a rejected
 * deepidv session under the same external ID. Times are offsets from the anchor, so the story is
 * always recent.
 */
import {
  CASE_ASSIGNMENT_POLICY_ID,
  CASE_TEMPLATES,
  CHECKS_BY_TYPE,
  INQUIRY_TEMPLATES,
  PLACES,
  VERIFICATION_TEMPLATES,
} from './persona-catalog.ts'
import { LONG_INQUIRY_IDS_SINCE, type Planned } from './persona-lifecycle.ts'
import { buildCase, caseEvents } from './persona-seed-cases.ts'
import type {
  Account,
  Case,
  Inquiry,
  InquirySession,
  PersonaEvent,
  PersonaEventName,
  SessionClientAttributes,
  Verification,
  VerificationType,
} from './persona-types.ts'
import { createRng } from './prng.ts'
import { DAY, HOUR, SECOND } from './timeline.ts'

export const STORY_REFERENCE_ID = 'user-7431'
export const STORY_INQUIRY_ID = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
export const STORY_EARLIER_INQUIRY_ID = 'inq_Rw7TmQ2hYxVb9NcKdE3sLpZa4GfJ'
export const STORY_ACCOUNT_ID = 'act_Dq4WnB8xTc2LmH6vRk9PsYzE'
export const STORY_CASE_ID = 'case_Kc4Wq9Nx2Lt7Hv3Db8Rm6PsY'
export const STORY_CASE_ASSIGNEE = 'reviewer@acme.example'
export const STORY_VERIFICATION_IDS = {
  email: 'ver_Ea5Qw9Nx3Lc7Tv2Hd6Km8RsB',
  governmentId: 'ver_Gv2Kx7Nq4Wd9Lc3Tb6Hm8RsP',
  /** The failed one: selfie_id_comparison. */
  selfie: 'ver_Sf8Wq3Nx6Lc2Tv9Hd4Km7RbZ',
} as const
export const STORY_EARLIER_VERIFICATION_IDS = {
  email: 'ver_Ew4Nq8Xc2Lt6Hv9Kd3Rm7BsP',
  /** The failed one: id_expired_detection. */
  governmentId: 'ver_Gx9Lq2Wn7Tc4Hv8Kd3Rb6MsY',
} as const
export const STORY_SESSION_IDS = ['iqse_Hx3Nq8Wd2Lc7Tv5Kb9Rm4PsZ', 'iqse_Mb6Vt2Qx9Nc4Wd8Lh3Rk7PsJ'] as const
export const STORY_EARLIER_SESSION_ID = 'iqse_Fz8Kq3Wx6Nd2Tc9Lb4Vm7RsH'

/** The story's inquiry IDs are 32 characters long, which Persona issues since 2024-01-29; an earlier anchor gets no story. */
export const STORY_SINCE = LONG_INQUIRY_IDS_SINCE + 30 * DAY

export interface PersonaStory {
  planned: Planned[]
  account: Account
  cases: Case[]
  events: PersonaEvent[]
  pinned: ReadonlySet<string>
}

const TORONTO = PLACES.map(([place]) => place).find((p) => p.city === 'Toronto')!

const FIELDS: Inquiry['fields'] = {
  'name-first': 'Dana',
  'name-middle': null,
  'name-last': 'Customer',
  'address-street-1': '418 Queen St W',
  'address-street-2': 'Apt 12',
  'address-city': 'Toronto',
  'address-subdivision': 'Ontario',
  'address-postal-code': 'M5V 2T6',
  'address-country-code': 'CA',
  birthdate: '1991-04-17',
  'email-address': 'dana.customer@example.com',
  'phone-number': '+14165550172',
  'identification-number': null,
}

const DESKTOP: SessionClientAttributes = {
  'ip-address': '198.51.100.47',
  'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'os-name': 'Windows',
  'os-full-version': '10',
  'device-type': 'desktop',
  'device-name': null,
  'browser-name': 'Chrome',
  'browser-full-version': '131.0.0.0',
  'mobile-sdk-name': null,
  'mobile-sdk-full-version': null,
  'device-handoff-method': null,
  'is-proxy': false,
  'is-tor': false,
  'is-datacenter': false,
  'is-vpn': false,
  'threat-level': 'low',
  'country-code': 'CA',
  'country-name': 'Canada',
  'region-code': 'ON',
  'region-name': 'Ontario',
  latitude: 43.6461,
  longitude: -79.3945,
  'gps-latitude': null,
  'gps-longitude': null,
  'gps-precision': null,
  'ip-connection-type': 'residential',
  'ip-isp': 'Rogers Communications',
  'network-organization': null,
}

const PHONE: SessionClientAttributes = {
  ...DESKTOP,
  'ip-address': '203.0.113.88',
  'user-agent':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'os-name': 'iOS',
  'os-full-version': '18.1',
  'device-type': 'smartphone',
  'device-name': 'iPhone',
  'browser-name': 'Mobile Safari',
  'browser-full-version': '18.1',
  'device-handoff-method': 'qr',
  'ip-connection-type': 'mobile',
  'ip-isp': 'Bell Canada',
}

const BEHAVIORS = {
  'request-spoof-attempts': 0,
  'user-agent-spoof-attempts': 0,
  'distraction-events': 1,
  'hesitation-baseline': 21840,
  'hesitation-count': 4,
  'hesitation-time': 9120,
  'shortcut-copies': 0,
  'shortcut-pastes': 0,
  'autofill-cancels': 0,
  'autofill-starts': 1,
  'devtools-open': false,
  'completion-time': 268.412907,
  'hesitation-percentage': 41.75824175824176,
  'behavior-threat-level': 'low',
}

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

export function personaStory(anchor: number): PersonaStory | null {
  if (anchor < STORY_SINCE) return null
  const rng = createRng(0x7431d4a)
  const events: PersonaEvent[] = []
  const emit = (name: PersonaEventName, at: number, object: { type: string; id: string }): void => {
    events.push({ id: `evt_${rng.base58(28)}`, name, createdAt: at + rng.int(0, 999), object })
  }
  const template = INQUIRY_TEMPLATES.find((t) => t.name === 'Email + Government ID + Selfie')!

  /** A finished verification: every check of its type passed except `failing`, which failed with `reasons`. */
  const verification = (
    id: string,
    type: VerificationType,
    inquiryId: string,
    createdAt: number,
    outcome: 'passed' | 'failed',
    details: Verification['details'],
    failing?: { name: string; reasons: string[] },
    documentId: string | null = null,
  ): Verification => {
    const submittedAt = createdAt + 30 * SECOND
    const completedAt = submittedAt + 8 * SECOND
    const [templateId, templateVersionId] = VERIFICATION_TEMPLATES[type]
    const v: Verification = {
      id,
      type,
      inquiryId,
      createdAt,
      status: outcome,
      transitions: [
        { status: 'initiated', at: createdAt },
        { status: 'submitted', at: submittedAt },
        { status: outcome, at: completedAt },
      ],
      submittedAt,
      completedAt,
      countryCode: 'CA',
      checks: CHECKS_BY_TYPE[type].map((spec) => ({
        name: spec.name,
        status: spec.name === failing?.name ? 'failed' : spec.name === 'id_aamva_database_lookup' ? 'not_applicable' : 'passed',
        reasons: spec.name === failing?.name ? failing.reasons : spec.name === 'id_aamva_database_lookup' ? ['unsupported_country'] : [],
        requirement: spec.requirement,
        metadata: {},
      })),
      details,
      photoAttributes:
        type === 'verification/government-id'
          ? ['front-photo-url', 'back-photo-url']
          : type === 'verification/selfie'
            ? ['center-photo-url', 'left-photo-url', 'right-photo-url']
            : [],
      documentId,
      verificationTemplateId: templateId,
      verificationTemplateVersionId: templateVersionId,
    }
    const ref = { type, id }
    emit('verification.created', createdAt, ref)
    emit('verification.submitted', submittedAt, ref)
    emit(outcome === 'passed' ? 'verification.passed' : 'verification.failed', completedAt, ref)
    return v
  }
  const licence = (expires: string, number: string): Verification['details'] => ({
    'id-class': 'dl',
    'capture-method': 'auto',
    'name-first': 'DANA',
    'name-middle': null,
    'name-last': 'CUSTOMER',
    birthdate: FIELDS.birthdate,
    'document-number': number,
    'expiration-date': expires,
    'entity-confidence-score': 97,
  })
  const email = { 'email-address': FIELDS['email-address'], 'confirmation-code': '48213' }

  // --- The earlier attempt: nine days ago, failed on an expired driver's licence. ---
  const e0 = anchor - 9 * DAY - 3 * HOUR
  const earlierSession: InquirySession = {
    id: STORY_EARLIER_SESSION_ID,
    inquiryId: STORY_EARLIER_INQUIRY_ID,
    createdAt: e0 + 4 * SECOND,
    status: 'expired',
    transitions: [
      { status: 'new', at: e0 + 4 * SECOND },
      { status: 'active', at: e0 + 19 * SECOND },
      { status: 'expired', at: e0 + 19 * SECOND + DAY },
    ],
    startedAt: e0 + 19 * SECOND,
    expiredAt: e0 + 19 * SECOND + DAY,
    client: DESKTOP,
    deviceId: 'dev_Wq3Nx8Lc2Tv6Hd9Kb4Rm7PsY',
    networkId: 'net_Nq7Wx2Lc9Tv4Hd3Kb8Rm6PsZ',
  }
  emit('inquiry.created', e0, { type: 'inquiry', id: STORY_EARLIER_INQUIRY_ID })
  emit('inquiry-session.started', earlierSession.startedAt!, { type: 'inquiry-session', id: earlierSession.id })
  emit('inquiry.started', e0 + 20 * SECOND, { type: 'inquiry', id: STORY_EARLIER_INQUIRY_ID })
  const earlierEmail = verification(
    STORY_EARLIER_VERIFICATION_IDS.email,
    'verification/email-address',
    STORY_EARLIER_INQUIRY_ID,
    e0 + 40 * SECOND,
    'passed',
    email,
  )
  const earlierGov = verification(
    STORY_EARLIER_VERIFICATION_IDS.governmentId,
    'verification/government-id',
    STORY_EARLIER_INQUIRY_ID,
    e0 + 120 * SECOND,
    'failed',
    licence(isoDate(anchor - 40 * DAY), 'C4821-30917-10417'),
    { name: 'id_expired_detection', reasons: ['expired'] },
    'doc_Dp3Xq8Wn2Lc6Tv9Hk4Rb7MsY',
  )
  const earlierFailed = earlierGov.completedAt! + 4 * SECOND
  emit('inquiry.failed', earlierFailed, { type: 'inquiry', id: STORY_EARLIER_INQUIRY_ID })
  emit('inquiry-session.expired', earlierSession.expiredAt!, { type: 'inquiry-session', id: earlierSession.id })
  const earlier = storyInquiry(
    STORY_EARLIER_INQUIRY_ID,
    e0,
    earlierFailed,
    template,
    'verification_government_id',
    [earlierSession],
    [earlierEmail, earlierGov],
  )

  // --- Today: a new licence passed, the selfie did not match its portrait. ---
  const s0 = anchor - 5 * HOUR
  const handoff = s0 + 170 * SECOND
  const desktop: InquirySession = {
    id: STORY_SESSION_IDS[0],
    inquiryId: STORY_INQUIRY_ID,
    createdAt: s0 + 3 * SECOND,
    status: 'canceled',
    transitions: [
      { status: 'new', at: s0 + 3 * SECOND },
      { status: 'active', at: s0 + 20 * SECOND },
      { status: 'canceled', at: handoff },
    ],
    startedAt: s0 + 20 * SECOND,
    expiredAt: null,
    client: DESKTOP,
    deviceId: 'dev_Wq3Nx8Lc2Tv6Hd9Kb4Rm7PsY',
    networkId: 'net_Nq7Wx2Lc9Tv4Hd3Kb8Rm6PsZ',
  }
  const phone: InquirySession = {
    id: STORY_SESSION_IDS[1],
    inquiryId: STORY_INQUIRY_ID,
    createdAt: handoff,
    status: 'active',
    transitions: [
      { status: 'new', at: handoff },
      { status: 'active', at: handoff + 30 * SECOND },
    ],
    startedAt: handoff + 30 * SECOND,
    expiredAt: null,
    client: PHONE,
    deviceId: 'dev_Pq6Wx3Nc8Lt2Hv9Kd4Rb7MsZ',
    networkId: null,
  }
  emit('inquiry.created', s0, { type: 'inquiry', id: STORY_INQUIRY_ID })
  emit('inquiry-session.started', desktop.startedAt!, { type: 'inquiry-session', id: desktop.id })
  emit('inquiry.started', s0 + 21 * SECOND, { type: 'inquiry', id: STORY_INQUIRY_ID })
  const todayEmail = verification(
    STORY_VERIFICATION_IDS.email,
    'verification/email-address',
    STORY_INQUIRY_ID,
    s0 + 40 * SECOND,
    'passed',
    email,
  )
  const todayGov = verification(
    STORY_VERIFICATION_IDS.governmentId,
    'verification/government-id',
    STORY_INQUIRY_ID,
    s0 + 95 * SECOND,
    'passed',
    licence(isoDate(anchor + 4 * 365 * DAY), 'C4821-30917-10417'),
    undefined,
    'doc_Dk7Wq2Nx9Lc4Tv3Hb8Rm6PsZ',
  )
  emit('inquiry-session.canceled', handoff, { type: 'inquiry-session', id: desktop.id })
  emit('inquiry-session.started', phone.startedAt!, { type: 'inquiry-session', id: phone.id })
  const todaySelfie = verification(
    STORY_VERIFICATION_IDS.selfie,
    'verification/selfie',
    STORY_INQUIRY_ID,
    handoff + 40 * SECOND,
    'failed',
    { 'capture-method': 'video', 'selfie-similarity-score-left': 0.31, 'selfie-similarity-score-right': 0.27 },
    { name: 'selfie_id_comparison', reasons: ['face_mismatch', 'low_similarity'] },
  )
  const failedAt = todaySelfie.completedAt! + 4 * SECOND
  emit('inquiry.failed', failedAt, { type: 'inquiry', id: STORY_INQUIRY_ID })
  const today = storyInquiry(
    STORY_INQUIRY_ID,
    s0,
    failedAt,
    template,
    'verification_selfie',
    [desktop, phone],
    [todayEmail, todayGov, todaySelfie],
  )

  // --- The case a workflow opened on it, held by a reviewer at Acme. ---
  const kyc = CASE_TEMPLATES[0]
  const storyCase = buildCase(rng, {
    id: STORY_CASE_ID,
    name: `${kyc.prefix}-1187`,
    templateId: kyc.id,
    queueId: kyc.queueId,
    inquiry: today.inquiry,
    verificationIds: [todaySelfie.id],
    createdAt: failedAt + 6 * SECOND,
    assignedAt: anchor - 3 * HOUR,
    resolvedAt: null,
    resolution: 'Approved',
    assignee: STORY_CASE_ASSIGNEE,
    waiting: false,
    creator: { id: 'wfr_Hc7Wq2Nx9Lt4Kv3Db8Rm6PsYzQa', type: 'workflow-run' },
    notes: 'Dana Customer says the licence is hers; selfie taken in low light. Compare with the licence photo from the attempt on the 9th.',
  })
  storyCase.tags = ['selfie-mismatch', 'repeat-attempt']
  storyCase.attachments = [{ filename: 'dana_customer_drivers_licence.jpg', byteSize: 214733 }]
  storyCase.assigner = { id: CASE_ASSIGNMENT_POLICY_ID, type: 'case-assignment-policy' }
  events.push(...caseEvents(rng, storyCase))

  const account: Account = {
    id: STORY_ACCOUNT_ID,
    referenceId: STORY_REFERENCE_ID,
    createdAt: e0,
    sourceInquiryId: STORY_EARLIER_INQUIRY_ID,
  }
  const planned = [earlier, today]
  const pinned = new Set<string>([
    ...planned.flatMap((p) => [p.inquiry.id, ...p.sessions.map((s) => s.id), ...p.verifications.map((v) => v.id)]),
    ...events.map((e) => e.id),
    storyCase.id,
  ])
  return { planned, account, cases: [storyCase], events, pinned }
}

function storyInquiry(
  id: string,
  createdAt: number,
  failedAt: number,
  template: (typeof INQUIRY_TEMPLATES)[number],
  lastStep: string,
  sessions: InquirySession[],
  verifications: Verification[],
): Planned {
  const inquiry: Inquiry = {
    id,
    createdAt,
    updatedAt: failedAt,
    status: 'failed',
    transitions: [
      { status: 'created', at: createdAt },
      { status: 'pending', at: sessions[0]!.startedAt! + SECOND },
      { status: 'failed', at: failedAt },
    ],
    referenceId: STORY_REFERENCE_ID,
    note: null,
    tags: [],
    creator: 'onboarding-service@acme.example',
    reviewerComment: null,
    behaviors: BEHAVIORS,
    startedAt: sessions[0]!.startedAt! + SECOND,
    completedAt: null,
    failedAt,
    markedForReviewAt: null,
    decisionedAt: null,
    expiredAt: null,
    redactedAt: null,
    expiresAt: null,
    previousStepName: lastStep,
    nextStepName: 'fail',
    fields: { ...FIELDS },
    addressSubdivisionAbbr: TORONTO.regionCode,
    accountId: STORY_ACCOUNT_ID,
    templateId: null,
    inquiryTemplateId: template.id,
    inquiryTemplateVersionId: template.versionId,
    reviewer: null,
    sessionIds: sessions.map((s) => s.id),
    verificationIds: verifications.map((v) => v.id),
    documentIds: verifications.flatMap((v) => (v.documentId ? [v.documentId] : [])),
  }
  return { inquiry, sessions, verifications, events: [] }
}
