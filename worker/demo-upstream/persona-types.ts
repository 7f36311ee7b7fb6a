/**
 * Shapes of the seeded Persona records. Times are epoch milliseconds; the serializers format them.
 * Attribute groups that go to the wire unchanged use Persona's own kebab-case keys.
 */

import { PERSONA_VERSIONS } from '../../shared/src/vendors/persona/api.ts'

/** `Persona-Version` values Persona accepts, newest first: one list, the relay's (docs/vendors/persona.md §1). */
export { PERSONA_VERSIONS }
export type PersonaVersion = (typeof PERSONA_VERSIONS)[number]
export const DEFAULT_PERSONA_VERSION: PersonaVersion = '2025-12-08'

export type InquiryStatus = 'created' | 'pending' | 'completed' | 'expired' | 'failed' | 'needs_review' | 'approved' | 'declined'
export type InquirySessionStatus = 'new' | 'active' | 'expired' | 'canceled'
export type VerificationStatus = 'initiated' | 'submitted' | 'passed' | 'failed' | 'requires_retry' | 'canceled'
/** The verification types the demo seeds (the spec describes many more; any other type's ID is unknown here). */
export const VERIFICATION_TYPES = [
  'verification/government-id',
  'verification/selfie',
  'verification/database',
  'verification/phone-number',
  'verification/email-address',
  'verification/document',
] as const
export type VerificationType = (typeof VERIFICATION_TYPES)[number]

export interface ResourceRef {
  type: string
  id: string
}

/** A status the record entered at a time; the last one not after T is the status at T. */
export interface Transition<S extends string> {
  status: S
  at: number
}

export const INQUIRY_FIELD_KEYS = [
  'name-first',
  'name-middle',
  'name-last',
  'address-street-1',
  'address-street-2',
  'address-city',
  'address-subdivision',
  'address-postal-code',
  'address-country-code',
  'birthdate',
  'email-address',
  'phone-number',
  'identification-number',
] as const
export type InquiryFieldKey = (typeof INQUIRY_FIELD_KEYS)[number]

export interface Inquiry {
  id: string
  createdAt: number
  updatedAt: number
  /** Status at the dataset's anchor time. */
  status: InquiryStatus
  transitions: Transition<InquiryStatus>[]
  referenceId: string | null
  note: string | null
  tags: string[]
  creator: string
  reviewerComment: string | null
  /** Persona's behavioural signals, kebab keys; null until the inquiry is started. */
  behaviors: Record<string, number | boolean | string> | null
  startedAt: number | null
  completedAt: number | null
  failedAt: number | null
  markedForReviewAt: number | null
  decisionedAt: number | null
  expiredAt: number | null
  redactedAt: number | null
  expiresAt: number | null
  previousStepName: string | null
  nextStepName: string | null
  fields: Record<InquiryFieldKey, string | null>
  /** Only in the ≤ 2023-01-05 top-level PII attributes. */
  addressSubdivisionAbbr: string | null
  accountId: string
  /** Legacy `tmpl_` template (old inquiries only); newer ones use an inquiry template. */
  templateId: string | null
  inquiryTemplateId: string | null
  inquiryTemplateVersionId: string | null
  reviewer: ResourceRef | null
  sessionIds: string[]
  verificationIds: string[]
  documentIds: string[]
}

/** Device and network attributes of a session, exactly as serialized (kebab keys). */
export interface SessionClientAttributes {
  'ip-address': string
  'user-agent': string
  'os-name': string
  'os-full-version': string
  'device-type': 'desktop' | 'smartphone' | 'tablet'
  'device-name': string | null
  'browser-name': string
  'browser-full-version': string
  'mobile-sdk-name': string | null
  'mobile-sdk-full-version': string | null
  'device-handoff-method': 'email' | 'sms' | 'qr' | null
  'is-proxy': boolean
  'is-tor': boolean
  'is-datacenter': boolean
  'is-vpn': boolean
  'threat-level': 'low' | 'medium' | 'high'
  'country-code': string
  'country-name': string
  'region-code': string
  'region-name': string
  latitude: number
  longitude: number
  'gps-latitude': number | null
  'gps-longitude': number | null
  /** A string in both specs (2023-01-05, 2025-12-08: `type: [string, null]`), though it holds metres. */
  'gps-precision': string | null
  /** The next three are newer than the 2023-01-05 spec; older versions omit them. */
  'ip-connection-type': 'mobile' | 'datacenter' | 'residential' | 'corporate' | 'education'
  'ip-isp': string
  'network-organization': string | null
}

export interface InquirySession {
  id: string
  inquiryId: string
  createdAt: number
  status: InquirySessionStatus
  transitions: Transition<InquirySessionStatus>[]
  startedAt: number | null
  expiredAt: number | null
  client: SessionClientAttributes
  deviceId: string
  networkId: string | null
}

export interface VerificationCheck {
  name: string
  status: 'passed' | 'failed' | 'not_applicable'
  reasons: string[]
  requirement: 'required' | 'not_required'
  metadata: Record<string, never>
}

export interface Verification {
  id: string
  type: VerificationType
  inquiryId: string
  createdAt: number
  status: VerificationStatus
  transitions: Transition<VerificationStatus>[]
  submittedAt: number | null
  completedAt: number | null
  countryCode: string
  checks: VerificationCheck[]
  /** Type-specific attributes (id-class, name-first, …), kebab keys, serialized as-is. */
  details: Record<string, string | number | null | Record<string, unknown>>
  /** Photo attribute names (e.g. `front-photo-url`) that get a signed files.withpersona.com URL. */
  photoAttributes: string[]
  /** The document the verification read (`document/government-id` or, for document verifications, `document/generic`). */
  documentId: string | null
  verificationTemplateId: string
  verificationTemplateVersionId: string
}

export type PersonaEventName =
  | 'inquiry.created'
  | 'inquiry.started'
  | 'inquiry.completed'
  | 'inquiry.failed'
  | 'inquiry.expired'
  | 'inquiry.marked-for-review'
  | 'inquiry.approved'
  | 'inquiry.declined'
  | 'inquiry.transitioned'
  | 'inquiry-session.started'
  | 'inquiry-session.expired'
  | 'inquiry-session.canceled'
  | 'verification.created'
  | 'verification.submitted'
  | 'verification.passed'
  | 'verification.failed'
  | 'verification.requires-retry'
  | 'case.created'
  | 'case.assigned'
  | 'case.resolved'
  | 'case.reopened'
  | 'case.updated'

/** An event; its payload is the referenced object as it was at `createdAt`, serialized on demand. */
export interface PersonaEvent {
  id: string
  name: PersonaEventName
  createdAt: number
  object: ResourceRef
}

export interface Account {
  id: string
  referenceId: string | null
  createdAt: number
  /** The inquiry whose collected fields the account mirrors. */
  sourceInquiryId: string
}

export interface InquiryTemplate {
  id: string
  versionId: string
  name: string
  /** Which verifications the flow runs, in order. */
  steps: VerificationType[]
}

/**
 * A case (docs/vendors/persona.md §13, the spec's `case`): a reviewer's work item on an inquiry. Its status is
 * free text set by the case template (Open, Pending, Approved, Declined); `resolution` is set once resolved.
 */
export interface Case {
  id: string
  /** The case number shown in the dashboard, e.g. `KYC-1042`. */
  name: string
  createdAt: number
  updatedAt: number
  status: string
  transitions: Transition<string>[]
  resolution: string | null
  assignedAt: number | null
  resolvedAt: number | null
  slaExpiresAt: number | null
  creator: { id: string; type: 'workflow-run' | 'user' }
  /** A reviewer's email address at the customer's company, or null while unassigned. */
  assigneeId: string | null
  assigner: { id: string; type: 'case-assignment-policy' | 'user' | 'workflow-run' } | null
  resolverId: string | null
  tags: string[]
  /** What the case template collects, keyed as the template names them; personal values on purpose. */
  fields: Record<string, { type: string; value: string | null }>
  /** Files a reviewer attached (names only; each gets a signed URL when served). */
  attachments: { filename: string; byteSize: number }[]
  caseTemplateId: string
  caseQueueId: string | null
  accountId: string
  inquiryId: string
  referenceId: string | null
  /** The inquiry's verifications the case is about (its failed ones). */
  verificationIds: string[]
}
