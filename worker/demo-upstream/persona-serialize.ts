/**
 * Turns seeded Persona records into JSON:API resources (docs/vendors/persona.md §5, §12, §13), kebab-case.
 * Version differences live here: ≤ 2023-01-05 inquiries and accounts carry top-level PII. `at` renders a record as it was at an event's time (for
 * event payloads). Shapes are checked against Persona's official OpenAPI documents for 2025-12-08 and
 * 2023-01-05 (`spec/`, by `spec-conformance.test.ts`); where Persona's prose docs and the spec differ,
 * the spec wins.
 */
import type { PersonaChanges } from './persona-changes.ts'
import { CASE_TEMPLATES, CREATORS, INQUIRY_TEMPLATES, REVIEWER_USER_IDS, WORKFLOW_ID } from './persona-catalog.ts'
import type {
  Case,
  Inquiry,
  InquiryFieldKey,
  InquirySession,
  PersonaEvent,
  PersonaVersion,
  ResourceRef,
  Transition,
  Verification,
} from './persona-types.ts'
import { BASE58_ALPHABET, derivedString } from './prng.ts'
import type { Dataset } from './seed.ts'
import { HOUR, iso, isoOrNull, SECOND } from './timeline.ts'

export interface JsonApiResource {
  type: string
  id: string
  attributes: Record<string, unknown>
  relationships?: Record<string, { data: ResourceRef | ResourceRef[] | null }>
  /** Attributes whose inner keys Persona never inflects (account and, since 2025-12-08, case `fields`). */
  uninflected?: readonly string[]
  /** Sent as `{type, id}` only: Persona exposes verification templates as opaque pointers (the spec's `verification-template`). */
  opaque?: boolean
}

export interface SerializeOptions {
  dataset: Dataset
  version: PersonaVersion
  /** The real time of the request: signed file URLs are minted for it. */
  requestTime: number
  /** Statuses changed through the control API since start-up (persona-changes.ts). */
  changes?: PersonaChanges
}

/** A record as it is now: changed through the control API, or as seeded. */
export function current<T extends Inquiry | Case>(item: T, options: SerializeOptions): T {
  return options.changes?.current(item) ?? item
}

export function findInquiry(id: string, options: SerializeOptions): Inquiry | undefined {
  const inquiry = options.dataset.inquiries[options.dataset.index.inquiryPosition.get(id) ?? -1]
  return inquiry && current(inquiry, options)
}

/** ≤ 2023-01-05: top-level PII on inquiries and accounts (docs/vendors/persona.md §12). */
export function usesLegacyShape(version: PersonaVersion): boolean {
  return version <= '2023-01-05'
}

/** Before 2025-10-27, retrieves embed related objects in `included` without being asked (docs/vendors/persona.md §5). */
export function includesByDefault(version: PersonaVersion): boolean {
  return version < '2025-10-27'
}

const statusAt = <S extends string>(transitions: readonly Transition<S>[], current: S, at: number | undefined): S =>
  at === undefined ? current : (transitions.filter((t) => t.at <= at).at(-1)?.status ?? transitions[0]?.status ?? current)

/** A timestamp as of `at`: null if it hadn't happened yet. */
const asOf = (ms: number | null, at: number | undefined): string | null => (ms === null || (at !== undefined && ms > at) ? null : iso(ms))

const FIELD_TYPES: Partial<Record<InquiryFieldKey, string>> = { birthdate: 'date' }

export function serializeInquiry(inquiry: Inquiry, options: SerializeOptions, at?: number): JsonApiResource {
  const legacy = usesLegacyShape(options.version)
  const decided = inquiry.decisionedAt !== null && (at === undefined || inquiry.decisionedAt <= at)
  const started = inquiry.startedAt !== null && (at === undefined || inquiry.startedAt <= at)
  const f = inquiry.fields
  const attributes: Record<string, unknown> = {
    status: statusAt(inquiry.transitions, inquiry.status, at),
    'reference-id': inquiry.referenceId,
    note: inquiry.note,
    behaviors: started ? inquiry.behaviors : null,
    tags: inquiry.tags,
    creator: inquiry.creator,
    'reviewer-comment': decided ? inquiry.reviewerComment : null,
    'created-at': iso(inquiry.createdAt),
    'updated-at': iso(at === undefined ? inquiry.updatedAt : Math.min(inquiry.updatedAt, Math.max(at, inquiry.createdAt))),
    'started-at': asOf(inquiry.startedAt, at),
    // Persona's model docs call `expires-at` new, but the 2023-01-05 spec already requires it (spec/2023-01-05.json,
    // components.schemas.inquiry.properties.attributes.required), so every version sends it.
    'expires-at': at === undefined ? isoOrNull(inquiry.expiresAt) : null,
    'completed-at': asOf(inquiry.completedAt, at),
    'failed-at': asOf(inquiry.failedAt, at),
    'marked-for-review-at': asOf(inquiry.markedForReviewAt, at),
    'decisioned-at': asOf(inquiry.decisionedAt, at),
    'expired-at': asOf(inquiry.expiredAt, at),
    'redacted-at': asOf(inquiry.redactedAt, at),
    'previous-step-name': inquiry.previousStepName,
    'next-step-name': inquiry.nextStepName,
  }
  if (legacy) {
    Object.assign(attributes, {
      'name-first': f['name-first'],
      'name-middle': f['name-middle'],
      'name-last': f['name-last'],
      birthdate: f.birthdate,
      'address-street-1': f['address-street-1'],
      'address-street-2': f['address-street-2'],
      'address-city': f['address-city'],
      'address-subdivision': f['address-subdivision'],
      'address-subdivision-abbr': inquiry.addressSubdivisionAbbr,
      'address-postal-code': f['address-postal-code'],
      'address-postal-code-abbr': f['address-postal-code'],
      'social-security-number': null,
      'identification-number': f['identification-number'],
      'email-address': f['email-address'],
      'phone-number': f['phone-number'],
    })
  }
  attributes.fields = Object.fromEntries(
    Object.entries(f).map(([key, value]) => [key, { type: FIELD_TYPES[key as InquiryFieldKey] ?? 'string', value }]),
  )
  const verifications = inquiry.verificationIds.flatMap((id) => {
    const v = options.dataset.index.verifications.get(id)
    return v ? [{ type: v.type, id: v.id }] : []
  })
  return {
    type: 'inquiry',
    id: inquiry.id,
    attributes,
    relationships: {
      account: { data: { type: 'account', id: inquiry.accountId } },
      template: { data: inquiry.templateId ? { type: 'template', id: inquiry.templateId } : null },
      'inquiry-template': { data: inquiry.inquiryTemplateId ? { type: 'inquiry-template', id: inquiry.inquiryTemplateId } : null },
      'inquiry-template-version': {
        data: inquiry.inquiryTemplateVersionId ? { type: 'inquiry-template-version', id: inquiry.inquiryTemplateVersionId } : null,
      },
      reviewer: { data: decided ? inquiry.reviewer : null },
      reports: { data: [] },
      verifications: { data: verifications },
      sessions: { data: inquiry.sessionIds.map((id) => ({ type: 'inquiry-session', id })) },
      documents: { data: inquiry.documentIds.map((id) => ({ type: documentTypeOf(id, options), id })) },
      selfies: { data: selfieVerifications(inquiry, options).map((v) => ({ type: SELFIE_TYPE, id: selfieIdOf(v.id) })) },
      transaction: { data: null },
    },
  }
}

// Persona's prose (docs/vendors/persona.md §12) calls the network attributes and the `network` relationship new in 2025, but the
// 2023-01-05 spec lists them too (spec/2023-01-05.json, components.schemas.inquiry-session), and the spec
// outranks the prose: every version sends them.
export function serializeInquirySession(session: InquirySession, options: SerializeOptions, at?: number): JsonApiResource {
  return {
    type: 'inquiry-session',
    id: session.id,
    attributes: {
      status: statusAt(session.transitions, session.status, at),
      'created-at': iso(session.createdAt),
      'started-at': asOf(session.startedAt, at),
      'expired-at': asOf(session.expiredAt, at),
      ...session.client,
    },
    relationships: {
      inquiry: { data: { type: 'inquiry', id: session.inquiryId } },
      device: { data: { type: 'device', id: session.deviceId } },
      network: { data: session.networkId ? { type: 'network', id: session.networkId } : null },
    },
  }
}

/** Persona file URLs are signed and expire 6 h after the API call (docs/vendors/persona.md §5). */
function signedFileUrl(ownerId: string, name: string, requestTime: number): string {
  const window = Math.floor(requestTime / (6 * HOUR))
  return `https://files.withpersona.com/${name}?access_token=${derivedString(`${ownerId}/${name}/${window}`, 43, BASE58_ALPHABET)}`
}

/** Attributes a verification has from the start (what the applicant chose or typed); the rest appear once it completes. */
const KNOWN_BEFORE_COMPLETION = new Set([
  'id-class',
  'capture-method',
  'phone-number',
  'email-address',
  'confirmation-code',
  'metadata',
  'document-type',
  'fields',
])

/** `verification/government-id` → `government-id`: the kind that namespaces its template pointers. */
const kindOf = (type: string): string => type.slice('verification/'.length)

const documentTypeOf = (documentId: string, options: SerializeOptions): string =>
  options.dataset.index.documents.get(documentId)?.type === 'verification/document' ? 'document/generic' : 'document/government-id'

export function serializeVerification(v: Verification, options: SerializeOptions, at?: number): JsonApiResource {
  const submitted = v.submittedAt !== null && (at === undefined || v.submittedAt <= at)
  const completed = v.completedAt !== null && (at === undefined || v.completedAt <= at)
  const seconds = (ms: number | null): number | null => (ms === null ? null : Math.floor(ms / SECOND))
  const page = (attr: string) => attr.replace(/-url$/, '').replaceAll('-', '_')
  const photos: Record<string, unknown> = Object.fromEntries(
    v.photoAttributes.map((attr) => [attr, submitted ? signedFileUrl(v.id, `${page(attr)}.jpg`, options.requestTime) : null]),
  )
  // Every captured photo again, as the files list the spec gives government-ID and selfie verifications.
  if (v.photoAttributes.length > 0) {
    photos['photo-urls'] = submitted
      ? v.photoAttributes.map((attr) => ({
          page: page(attr),
          filename: `${page(attr)}.jpg`,
          url: signedFileUrl(v.id, `${page(attr)}.jpg`, options.requestTime),
          'byte-size': 150000 + (v.id.charCodeAt(6) % 89) * 1000,
        }))
      : []
  }
  // A document verification lists the uploaded file (a PDF or photo of a bill or statement).
  if (v.type === 'verification/document') {
    photos.files = submitted
      ? [
          {
            filename: 'proof_of_address.pdf',
            url: signedFileUrl(v.id, 'proof_of_address.pdf', options.requestTime),
            'byte-size': 210000 + (v.id.charCodeAt(5) % 83) * 1000,
          },
        ]
      : []
    photos['files-normalized'] = []
  }
  const details = completed
    ? v.details
    : Object.fromEntries(Object.entries(v.details).map(([k, value]) => [k, KNOWN_BEFORE_COMPLETION.has(k) ? value : null]))
  const inquiry = findInquiry(v.inquiryId, options)
  const kind = kindOf(v.type)
  return {
    type: v.type,
    id: v.id,
    attributes: {
      status: statusAt(v.transitions, v.status, at),
      'created-at': iso(v.createdAt),
      'created-at-ts': seconds(v.createdAt),
      'submitted-at': submitted ? isoOrNull(v.submittedAt) : null,
      'submitted-at-ts': submitted ? seconds(v.submittedAt) : null,
      'completed-at': completed ? isoOrNull(v.completedAt) : null,
      'completed-at-ts': completed ? seconds(v.completedAt) : null,
      'redacted-at': null,
      'country-code': v.countryCode,
      tags: [],
      checks: completed ? v.checks : v.checks.map((c) => ({ ...c, status: 'not_applicable', reasons: [] })),
      ...details,
      ...photos,
    },
    relationships: {
      inquiry: { data: { type: 'inquiry', id: v.inquiryId } },
      template: { data: inquiry?.templateId ? { type: 'template', id: inquiry.templateId } : null },
      'inquiry-template': { data: inquiry?.inquiryTemplateId ? { type: 'inquiry-template', id: inquiry.inquiryTemplateId } : null },
      'inquiry-template-version': {
        data: inquiry?.inquiryTemplateVersionId ? { type: 'inquiry-template-version', id: inquiry.inquiryTemplateVersionId } : null,
      },
      transaction: { data: null },
      'verification-template': { data: { type: `verification-template/${kind}`, id: v.verificationTemplateId } },
      'verification-template-version': { data: { type: `verification-template-version/${kind}`, id: v.verificationTemplateVersionId } },
      ...(v.documentId ? { document: { data: { type: documentTypeOf(v.documentId, options), id: v.documentId } } } : {}),
    },
  }
}

/** Case `fields` keys are not inflected since 2025-12-08 (the spec says so for that version only). */
export function caseFieldsInflected(version: PersonaVersion): boolean {
  return version < '2025-12-08'
}

export function serializeCase(c: Case, options: SerializeOptions, at?: number): JsonApiResource {
  const resolved = c.resolvedAt !== null && (at === undefined || c.resolvedAt <= at)
  const assigned = c.assignedAt !== null && (at === undefined || c.assignedAt <= at)
  return {
    type: 'case',
    id: c.id,
    attributes: {
      status: statusAt(c.transitions, c.status, at),
      name: c.name,
      resolution: resolved ? c.resolution : null,
      'created-at': iso(c.createdAt),
      'updated-at': iso(at === undefined ? c.updatedAt : Math.min(c.updatedAt, Math.max(at, c.createdAt))),
      'assigned-at': asOf(c.assignedAt, at),
      'resolved-at': asOf(c.resolvedAt, at),
      'redacted-at': null,
      'sla-expires-at': isoOrNull(c.slaExpiresAt),
      'creator-id': c.creator.id,
      'creator-type': c.creator.type,
      'assignee-id': assigned ? c.assigneeId : null,
      'assigner-id': assigned ? (c.assigner?.id ?? null) : null,
      'assigner-type': assigned ? (c.assigner?.type ?? null) : null,
      'resolver-id': resolved ? c.resolverId : null,
      'resolver-type': resolved && c.resolverId !== null ? 'user' : null,
      // Whoever touched it last: the resolver, else whoever assigned it, else its creator.
      'updater-id': resolved ? c.resolverId : assigned && c.assigner ? c.assigner.id : c.creator.id,
      'updater-type': resolved ? 'user' : assigned && c.assigner ? c.assigner.type : c.creator.type,
      tags: c.tags,
      fields: c.fields,
      attachments: c.attachments.map((a) => ({
        filename: a.filename,
        url: signedFileUrl(c.id, a.filename, options.requestTime),
        'byte-size': a.byteSize,
      })),
    },
    relationships: {
      accounts: { data: [{ type: 'account', id: c.accountId }] },
      'case-comments': { data: [] },
      'case-template': { data: { type: 'case-template', id: c.caseTemplateId } },
      'case-queue': { data: c.caseQueueId ? { type: 'case-queue', id: c.caseQueueId } : null },
      inquiries: { data: [{ type: 'inquiry', id: c.inquiryId }] },
      reports: { data: [] },
      verifications: {
        data: c.verificationIds.flatMap((id) => {
          const v = options.dataset.index.verifications.get(id)
          return v ? [{ type: v.type, id }] : []
        }),
      },
      txns: { data: [] },
    },
    ...(caseFieldsInflected(options.version) ? {} : { uninflected: ['fields'] }),
  }
}

/** Events carry the full triggering object as it was when the event fired (docs/vendors/persona.md §10). */
export function serializeEvent(event: PersonaEvent, options: SerializeOptions): JsonApiResource {
  return {
    type: 'event',
    id: event.id,
    attributes: {
      name: event.name,
      'created-at': iso(event.createdAt),
      payload: { data: wire(resolve(event.object, options, event.createdAt)) },
    },
  }
}

/** A resource as JSON without the demo's serialization hints (`uninflected`, `opaque`). */
function wire(resource: JsonApiResource | null): JsonApiResource | null {
  if (!resource) return null
  const { uninflected: _uninflected, opaque: _opaque, ...rest } = resource
  return rest
}

/**
 * Any resource a relationship can point at, for `included` and event payloads.
 * Objects the dataset doesn't model in full (accounts, templates, devices…) are synthesized from their owner.
 */
export function resolve(ref: ResourceRef, options: SerializeOptions, at?: number): JsonApiResource | null {
  const { dataset } = options
  const index = dataset.index
  switch (ref.type) {
    case 'inquiry': {
      const inquiry = findInquiry(ref.id, options)
      return inquiry ? serializeInquiry(inquiry, options, at) : null
    }
    case 'case': {
      const found = dataset.cases[index.casePosition.get(ref.id) ?? -1]
      return found ? serializeCase(current(found, options), options, at) : null
    }
    case 'case-template': {
      const template = CASE_TEMPLATES.find((t) => t.id === ref.id)
      return template
        ? {
            type: ref.type,
            id: ref.id,
            attributes: {
              status: 'active',
              name: template.name,
              resolutions: [...template.resolutions],
              'created-at': '2024-02-12T16:20:41.000Z',
              'updated-at': '2025-09-03T08:14:09.000Z',
              'archived-at': null,
            },
          }
        : null
    }
    case 'case-queue': {
      const template = CASE_TEMPLATES.find((t) => t.queueId === ref.id)
      return template
        ? {
            type: ref.type,
            id: ref.id,
            attributes: {
              status: 'active',
              name: `${template.name} queue`,
              'created-at': '2024-02-12T16:22:03.000Z',
              'updated-at': '2025-09-03T08:14:09.000Z',
              'archived-at': null,
            },
          }
        : null
    }
    case 'inquiry-session': {
      const session = dataset.inquirySessions[index.inquirySessionPosition.get(ref.id) ?? -1]
      return session ? serializeInquirySession(session, options, at) : null
    }
    case 'document/government-id':
    case 'document/generic':
      return documentResource(ref.id, options)
    case SELFIE_TYPE:
      return selfieResource(ref.id, options)
    case 'account':
      return accountResource(ref.id, options)
    case 'network':
      return networkResource(ref.id, options)
    case 'inquiry-template': {
      const template = INQUIRY_TEMPLATES.find((t) => t.id === ref.id)
      return template ? { type: ref.type, id: ref.id, attributes: { status: 'active', name: template.name } } : null
    }
    case 'inquiry-template-version': {
      const template = INQUIRY_TEMPLATES.find((t) => t.versionId === ref.id)
      return template ? { type: ref.type, id: ref.id, attributes: { status: 'active', 'name-display': template.name } } : null
    }
    case 'template':
      return { type: ref.type, id: ref.id, attributes: { name: 'Legacy KYC flow' } }
    case 'workflow-run':
      return {
        type: ref.type,
        id: ref.id,
        attributes: { status: 'completed' },
        relationships: { workflow: { data: { type: 'workflow', id: WORKFLOW_ID } } },
      }
    case 'user': {
      const n = REVIEWER_USER_IDS.indexOf(ref.id as (typeof REVIEWER_USER_IDS)[number])
      return { type: ref.type, id: ref.id, attributes: { 'email-address': CREATORS[2 + Math.max(0, n)] ?? CREATORS[0] } }
    }
    case 'device':
      return {
        type: ref.type,
        id: ref.id,
        attributes: {
          'device-vendor-id': derivedString(`${ref.id}/vendor`, 32)
            .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5')
            .toUpperCase(),
          'device-fingerprint': derivedString(`${ref.id}/device`, 20),
          'browser-fingerprint': derivedString(`${ref.id}/browser`, 32),
        },
      }
    default: {
      if (ref.type.startsWith('verification/')) {
        const v = index.verifications.get(ref.id)
        return v && v.type === ref.type ? serializeVerification(v, options, at) : null
      }
      // Opaque pointers: the spec gives verification templates and their versions as `{type, id}` only.
      if (/^verification-template(-version)?\/[a-z0-9-]+$/.test(ref.type))
        return { type: ref.type, id: ref.id, attributes: {}, opaque: true }
      return null
    }
  }
}

/** Each selfie verification captured one selfie object; its ID is derived from the verification's. */
const SELFIE_TYPE = 'selfie/profile-and-center'
const selfieIdOf = (verificationId: string) => `self_${verificationId.slice('ver_'.length)}`

function selfieVerifications(inquiry: Inquiry, options: SerializeOptions): Verification[] {
  return inquiry.verificationIds.flatMap((id) => {
    const v = options.dataset.index.verifications.get(id)
    return v?.type === 'verification/selfie' && v.submittedAt !== null ? [v] : []
  })
}

/** The spec's selfie object: status and times only (its photos are on the selfie verification). */
function selfieResource(id: string, options: SerializeOptions): JsonApiResource | null {
  const v = options.dataset.index.verifications.get(`ver_${id.slice('self_'.length)}`)
  if (!v || v.type !== 'verification/selfie' || v.submittedAt === null) return null
  return {
    type: SELFIE_TYPE,
    id,
    attributes: {
      status: v.completedAt === null ? 'submitted' : 'processed',
      'created-at': iso(v.submittedAt),
      'processed-at': isoOrNull(v.completedAt),
    },
    relationships: { inquiry: { data: { type: 'inquiry', id: v.inquiryId } } },
  }
}

function documentResource(id: string, options: SerializeOptions): JsonApiResource | null {
  const v = options.dataset.index.documents.get(id)
  if (!v) return null
  const processed = v.completedAt !== null
  const status = processed ? 'processed' : v.submittedAt !== null ? 'submitted' : 'initiated'
  const shared = {
    status,
    'created-at': iso(v.createdAt),
    'processed-at': isoOrNull(v.completedAt),
    'processed-at-ts': v.completedAt === null ? null : Math.floor(v.completedAt / SECOND),
  }
  const relationships = { inquiry: { data: { type: 'inquiry', id: v.inquiryId } } }
  if (v.type === 'verification/document') {
    const file = {
      filename: 'proof_of_address.pdf',
      url: signedFileUrl(id, 'proof_of_address.pdf', options.requestTime),
      'byte-size': 210000 + (id.charCodeAt(5) % 83) * 1000,
    }
    return {
      type: 'document/generic',
      id,
      attributes: {
        ...shared,
        kind: 'document',
        files: v.submittedAt === null ? [] : [file],
        'files-normalized': [],
        'document-type': processed ? (v.details['document-type'] ?? 'other') : null,
        fields: {},
      },
      relationships,
    }
  }
  const file = (side: string): Record<string, unknown> | null =>
    v.submittedAt === null
      ? null
      : {
          filename: `${side}_photo.jpg`,
          url: signedFileUrl(id, `${side}_photo.jpg`, options.requestTime),
          'byte-size': 180000 + (id.charCodeAt(5) % 97) * 1000,
        }
  return {
    type: 'document/government-id',
    id,
    attributes: {
      ...shared,
      'id-class': v.details['id-class'] ?? null,
      'front-photo': file('front'),
      'back-photo': file('back'),
    },
    relationships,
  }
}

function accountResource(id: string, options: SerializeOptions): JsonApiResource | null {
  const account = options.dataset.index.accounts.get(id)
  if (!account) return null
  const source = options.dataset.inquiries[options.dataset.index.inquiryPosition.get(account.sourceInquiryId) ?? -1]
  const f = source?.fields
  const v = (key: InquiryFieldKey): string | null => f?.[key] ?? null
  const text = (value: string | null): Record<string, unknown> => ({ type: 'string', value })
  return {
    type: 'account',
    id,
    attributes: {
      'reference-id': account.referenceId,
      'account-type-name': 'User',
      'created-at': iso(account.createdAt),
      'updated-at': iso(source?.updatedAt ?? account.createdAt),
      'redacted-at': null,
      tags: [],
      // Top-level PII exists in the 2023-01-05 account schema only; 2025-12-08 keeps it in `fields`.
      ...(usesLegacyShape(options.version)
        ? {
            'country-code': v('address-country-code'),
            'name-first': v('name-first'),
            'name-middle': v('name-middle'),
            'name-last': v('name-last'),
            birthdate: v('birthdate'),
            'email-address': v('email-address'),
            'phone-number': v('phone-number'),
          }
        : {}),
      // Account fields are snake_case and never inflected (docs/vendors/persona.md §1, §13).
      fields: {
        name: { type: 'hash', value: { first: text(v('name-first')), middle: text(v('name-middle')), last: text(v('name-last')) } },
        address: {
          type: 'hash',
          value: {
            street_1: text(v('address-street-1')),
            street_2: text(v('address-street-2')),
            subdivision: text(v('address-subdivision')),
            city: text(v('address-city')),
            postal_code: text(v('address-postal-code')),
            country_code: text(v('address-country-code')),
          },
        },
        identification_numbers: { type: 'array', value: [] },
        birthdate: { type: 'date', value: v('birthdate') },
        phone_number: text(v('phone-number')),
        email_address: text(v('email-address')),
        selfie_photo: { type: 'file', value: null },
      },
    },
    relationships: { 'account-type': { data: { type: 'account-type', id: 'acttp_KFCocmrdpbXqDZE3sQDUcgNn' } } },
    uninflected: ['fields'],
  }
}

/** A session's network (`net_…`), from what the session saw of it; the spec's `network` attributes only. */
function networkResource(id: string, options: SerializeOptions): JsonApiResource | null {
  const session = options.dataset.index.networks.get(id)
  if (!session) return null
  const c = session.client
  return {
    type: 'network',
    id,
    attributes: {
      'created-at': iso(session.createdAt),
      'ip-address': c['ip-address'],
      'service-provider': c['ip-isp'],
      'service-type': c['ip-connection-type'],
      'proxy-type': c['is-tor'] ? 'tor' : c['is-vpn'] ? 'vpn' : c['is-proxy'] ? 'unknown' : null,
      'threat-level': c['threat-level'],
      'country-code': c['country-code'],
      'country-name': c['country-name'],
      'region-code': c['region-code'],
      'region-name': c['region-name'],
      latitude: c.latitude,
      longitude: c.longitude,
    },
  }
}
