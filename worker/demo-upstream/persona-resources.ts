/**
 * Persona's read endpoints as plain functions: query in, JSON:API body out (or a thrown VendorError).
 * Hono wiring lives in persona-app.ts.
 */
import { cursorPage } from './cursor-page.ts'
import { serializeDeliveredEvent, type DeliveredEvents } from './delivered-events.ts'
import { inflectKey, inflectKeysDeep, type KeyInflection } from './inflection.ts'
import { personaErrors } from './persona-errors.ts'
import { dateFilter, parsePersonaQuery, rejectInclude, type ParsedQuery, type SparseFields } from './persona-query.ts'
import {
  current,
  includesByDefault,
  resolve,
  serializeCase,
  serializeEvent,
  serializeInquiry,
  serializeInquirySession,
  serializeVerification,
  type JsonApiResource,
  type SerializeOptions,
} from './persona-serialize.ts'
import type { Case, Inquiry, InquirySession, PersonaEvent, Verification } from './persona-types.ts'

export interface PersonaRequestOptions extends SerializeOptions {
  inflection: KeyInflection
  /** Events the demo delivered by webhook (retrieve only). */
  deliveredEvents?: DeliveredEvents
}

type Body = Record<string, unknown>

interface Collection<T extends { id: string }> {
  /** Path segment under /api/v1, used in `links`. */
  path: string
  items(options: PersonaRequestOptions): readonly T[]
  position(options: PersonaRequestOptions, id: string): number | undefined
  serialize(item: T, options: PersonaRequestOptions): JsonApiResource
  filters: readonly string[]
  matcher(query: ParsedQuery): (item: T) => boolean
  /** Relationship names `include` may name on retrieve; null = any name, always empty (events). */
  relationships: readonly string[] | null
  /** What < 2025-10-27 versions embed on retrieve without being asked. */
  defaultInclude: readonly string[]
  /** An item outside the seeded list that retrieve still finds (events delivered by webhook). */
  retrieveOther?(options: PersonaRequestOptions, id: string): JsonApiResource | undefined
  /** The item as it is now, when the control API can change it (inquiries, cases). */
  current?(item: T, options: PersonaRequestOptions): T
}

const idSet = (query: ParsedQuery, name: string): Set<string> | null => {
  const values = query.filters.get(name)
  return values ? new Set(values) : null
}

const inquiries: Collection<Inquiry> = {
  path: 'inquiries',
  items: (o) => o.dataset.inquiries,
  current: (item, o) => current(item, o),
  position: (o, id) => o.dataset.index.inquiryPosition.get(id),
  serialize: (item, o) => serializeInquiry(item, o),
  filters: [
    'inquiry-id',
    'account-id',
    'reference-id',
    'inquiry-template-id',
    'template-id',
    'status',
    'note',
    'created-at-start',
    'created-at-end',
  ],
  matcher: (query) => {
    const ids = idSet(query, 'inquiry-id')
    const accounts = idSet(query, 'account-id')
    const references = idSet(query, 'reference-id')
    const inquiryTemplates = idSet(query, 'inquiry-template-id')
    const templates = idSet(query, 'template-id')
    const statuses = idSet(query, 'status')
    const note = query.filters.get('note')?.[0]?.toLowerCase()
    const start = dateFilter(query, 'created-at-start')
    const end = dateFilter(query, 'created-at-end')
    return (i) =>
      (!ids || ids.has(i.id)) &&
      (!accounts || accounts.has(i.accountId)) &&
      (!references || (i.referenceId !== null && references.has(i.referenceId))) &&
      (!inquiryTemplates || (i.inquiryTemplateId !== null && inquiryTemplates.has(i.inquiryTemplateId))) &&
      // `template-id` predates inquiry templates; it matches either kind of template id.
      (!templates ||
        (i.templateId !== null && templates.has(i.templateId)) ||
        (i.inquiryTemplateId !== null && templates.has(i.inquiryTemplateId))) &&
      (!statuses || statuses.has(i.status)) &&
      (note === undefined || (i.note !== null && i.note.toLowerCase().includes(note))) &&
      (start === null || i.createdAt >= start) &&
      (end === null || i.createdAt <= end)
  },
  relationships: [
    'account',
    'documents',
    'template',
    'inquiry-template',
    'inquiry-template-version',
    'reports',
    'transaction',
    'reviewer',
    'selfies',
    'sessions',
    'verifications',
  ],
  defaultInclude: ['account', 'inquiry-template', 'inquiry-template-version', 'reviewer', 'sessions', 'verifications', 'documents'],
}

// Paged like the other lists although Persona's OpenAPI documents no `page[...]` on GET /inquiry-sessions
// (spec/<version>.json, only `filter[inquiry-id]`): the spec lags, since the links it documents for this list
// carry `page[after]`/`page[before]` cursors. spec-conformance.test.ts says the same.
const inquirySessions: Collection<InquirySession> = {
  path: 'inquiry-sessions',
  items: (o) => o.dataset.inquirySessions,
  position: (o, id) => o.dataset.index.inquirySessionPosition.get(id),
  serialize: (item, o) => serializeInquirySession(item, o),
  filters: ['inquiry-id'],
  matcher: (query) => {
    const ids = idSet(query, 'inquiry-id')
    return (s) => !ids || ids.has(s.inquiryId)
  },
  relationships: ['inquiry', 'device', 'network'],
  defaultInclude: ['device'],
}

const events: Collection<PersonaEvent> = {
  path: 'events',
  items: (o) => o.dataset.events,
  position: (o, id) => o.dataset.index.eventPosition.get(id),
  serialize: (item, o) => serializeEvent(item, o),
  filters: ['name', 'object-id', 'id'],
  matcher: (query) => {
    const names = idSet(query, 'name')
    const objects = idSet(query, 'object-id')
    const ids = idSet(query, 'id')
    return (e) => (!names || names.has(e.name)) && (!objects || objects.has(e.object.id)) && (!ids || ids.has(e.id))
  },
  relationships: null,
  defaultInclude: [],
  retrieveOther: (o, id) => {
    const delivered = o.deliveredEvents?.get(id)
    return delivered && serializeDeliveredEvent(delivered, o)
  },
}

/** Case statuses are the case template's own words (Open, Pending, Approved…); the filter ignores their case [INF]. */
const cases: Collection<Case> = {
  path: 'cases',
  items: (o) => o.dataset.cases,
  current: (item, o) => current(item, o),
  position: (o, id) => o.dataset.index.casePosition.get(id),
  serialize: (item, o) => serializeCase(item, o),
  filters: ['status', 'case-template-id', 'account-id', 'reference-id', 'inquiry-id', 'report-id'],
  matcher: (query) => {
    const statuses = query.filters.get('status')?.map((s) => s.toLowerCase())
    const templates = idSet(query, 'case-template-id')
    const accounts = idSet(query, 'account-id')
    const references = idSet(query, 'reference-id')
    const inquiryIds = idSet(query, 'inquiry-id')
    // The demo's cases are on inquiries only: no report has one.
    const reports = idSet(query, 'report-id')
    return (c) =>
      (!statuses || statuses.includes(c.status.toLowerCase())) &&
      (!templates || templates.has(c.caseTemplateId)) &&
      (!accounts || accounts.has(c.accountId)) &&
      (!references || (c.referenceId !== null && references.has(c.referenceId))) &&
      (!inquiryIds || inquiryIds.has(c.inquiryId)) &&
      !reports
  },
  relationships: ['accounts', 'case-comments', 'case-template', 'case-queue', 'inquiries', 'reports', 'verifications', 'txns'],
  // The 2023-01-05 spec lists what a case retrieve includes by default (spec/2023-01-05.json, GET /cases/{case-id}).
  defaultInclude: ['accounts', 'inquiries', 'reports', 'verifications', 'case-comments'],
}

const VERIFICATION_RELATIONSHIPS = [
  'inquiry',
  'template',
  'inquiry-template',
  'inquiry-template-version',
  'transaction',
  'verification-template',
  'verification-template-version',
  'accounts',
  'document',
] as const

/**
 * Verifications have no list (the spec has none); `GET /verifications/{id}` answers any type, the typed
 * paths (`/verification/selfies/{id}`…) only their own. What older versions include unasked is undocumented
 * for verifications; the demo includes what an inquiry retrieve would: the related objects it has [INF].
 */
const verifications: Collection<Verification> = {
  path: 'verifications',
  items: (o) => o.dataset.verifications,
  position: (o, id) => {
    const v = o.dataset.index.verifications.get(id)
    return v ? o.dataset.verifications.indexOf(v) : undefined
  },
  serialize: (item, o) => serializeVerification(item, o),
  filters: [],
  matcher: () => () => true,
  relationships: VERIFICATION_RELATIONSHIPS,
  defaultInclude: ['inquiry', 'document', 'verification-template', 'verification-template-version'],
}

/** The typed retrieve paths under /verification/ the spec documents, and the type each serves. */
export const TYPED_VERIFICATION_PATHS: Readonly<Record<string, string>> = {
  'government-ids': 'verification/government-id',
  selfies: 'verification/selfie',
  databases: 'verification/database',
  'database-standards': 'verification/database-standard',
  documents: 'verification/document',
  'phone-numbers': 'verification/phone-number',
  'email-addresses': 'verification/email-address',
  aamvas: 'verification/aamva',
  'government-id-nfcs': 'verification/government-id-nfc',
  'database-ecbsvs': 'verification/database-ecbsv',
  'database-phone-carriers': 'verification/database-phone-carrier',
  'database-serpros': 'verification/database-serpro',
  'database-tins': 'verification/database-tin',
}

function list<T extends { id: string }>(collection: Collection<T>, params: URLSearchParams, options: PersonaRequestOptions): Body {
  const query = parsePersonaQuery(params, collection.filters)
  rejectInclude(query)
  const cursor = query.page.after ?? query.page.before
  const position = cursor === null ? null : collection.position(options, cursor)
  if (cursor !== null && position === undefined) {
    throw personaErrors.badRequest(`page[${query.page.after !== null ? 'after' : 'before'}] is not a valid cursor`)
  }
  const now = (item: T): T => collection.current?.(item, options) ?? item
  const matches = collection.matcher(query)
  const page = cursorPage(collection.items(options), (item) => matches(now(item)), query.page, position ?? null)
  const link = (direction: 'after' | 'before', id: string | null): string | null =>
    id === null ? null : `/api/v1/${collection.path}?page%5B${direction}%5D=${encodeURIComponent(id)}`
  return {
    data: page.items.map((item) => finalize(collection.serialize(now(item), options), query.fields, options.inflection)),
    links: {
      [inflectKey('prev', options.inflection)]: link('before', page.prevCursor),
      [inflectKey('next', options.inflection)]: link('after', page.nextCursor),
    },
  }
}

/**
 * @param only the type a typed path serves (`verification/selfie`): another type's ID is not found there
 * @param withIncluded false where the spec's response has no `included` (the typed verification paths)
 */
function retrieve<T extends { id: string }>(
  collection: Collection<T>,
  id: string,
  params: URLSearchParams,
  options: PersonaRequestOptions,
  only?: string,
  withIncluded = true,
): Body {
  const query = parsePersonaQuery(params, [])
  const found = collection.items(options)[collection.position(options, id) ?? -1]
  const item = found && (collection.current?.(found, options) ?? found)
  const resource = item ? collection.serialize(item, options) : collection.retrieveOther?.(options, id)
  if (!resource || (only !== undefined && resource.type !== only)) throw personaErrors.notFound()
  const requested = query.include?.filter((name) => name.length > 0) ?? null
  if (requested && collection.relationships) {
    const unknown = requested.find((name) => !collection.relationships?.includes(name))
    if (unknown !== undefined) throw personaErrors.badRequest(`${unknown} is not a valid relationship to include`)
  }
  const names = requested ?? (includesByDefault(options.version) ? collection.defaultInclude : null)
  const body: Body = { data: finalize(resource, query.fields, options.inflection) }
  if (names !== null && withIncluded)
    body.included = included(resource, collection.relationships === null ? [] : names, options, query.fields)
  return body
}

function included(resource: JsonApiResource, names: readonly string[], options: PersonaRequestOptions, fields: SparseFields): Body[] {
  const seen = new Set<string>()
  const out: Body[] = []
  for (const name of names) {
    const data = resource.relationships?.[name]?.data
    const refs = data === undefined || data === null ? [] : Array.isArray(data) ? data : [data]
    for (const ref of refs) {
      const key = `${ref.type}/${ref.id}`
      if (seen.has(key)) continue
      seen.add(key)
      const related = resolve(ref, options)
      if (related) out.push(finalize(related, fields, options.inflection))
    }
  }
  return out
}

/** Applies sparse fieldsets (kebab names, `fields.x` paths) then key inflection. */
export function finalize(resource: JsonApiResource, fields: SparseFields, inflection: KeyInflection): Body {
  if (resource.opaque) return { type: resource.type, id: resource.id }
  let attributes = resource.attributes
  const wanted = fields.get(resource.type)
  if (wanted) {
    const nested = [...wanted].filter((name) => name.startsWith('fields.')).map((name) => name.slice('fields.'.length))
    attributes = {}
    for (const [key, value] of Object.entries(resource.attributes)) {
      if (wanted.has(key)) attributes[key] = value
      else if (key === 'fields' && nested.length > 0 && value && typeof value === 'object') {
        attributes[key] = Object.fromEntries(Object.entries(value).filter(([name]) => nested.includes(name)))
      }
    }
  }
  const inflected: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(attributes)) {
    // Account `fields` keys are never inflected (docs/vendors/persona.md §1), case `fields` keys not since 2025-12-08 (the spec).
    inflected[inflectKey(key, inflection)] = resource.uninflected?.includes(key) ? value : inflectKeysDeep(value, inflection)
  }
  const out: Body = { type: resource.type, id: resource.id, attributes: inflected }
  if (resource.relationships) {
    out.relationships = Object.fromEntries(Object.entries(resource.relationships).map(([name, rel]) => [inflectKey(name, inflection), rel]))
  }
  return out
}

export const personaResources = {
  listInquiries: (params: URLSearchParams, o: PersonaRequestOptions) => list(inquiries, params, o),
  retrieveInquiry: (id: string, params: URLSearchParams, o: PersonaRequestOptions) => retrieve(inquiries, id, params, o),
  listInquirySessions: (params: URLSearchParams, o: PersonaRequestOptions) => list(inquirySessions, params, o),
  retrieveInquirySession: (id: string, params: URLSearchParams, o: PersonaRequestOptions) => retrieve(inquirySessions, id, params, o),
  listEvents: (params: URLSearchParams, o: PersonaRequestOptions) => list(events, params, o),
  retrieveEvent: (id: string, params: URLSearchParams, o: PersonaRequestOptions) => retrieve(events, id, params, o),
  listCases: (params: URLSearchParams, o: PersonaRequestOptions) => list(cases, params, o),
  retrieveCase: (id: string, params: URLSearchParams, o: PersonaRequestOptions) => retrieve(cases, id, params, o),
  retrieveVerification: (id: string, params: URLSearchParams, o: PersonaRequestOptions) => retrieve(verifications, id, params, o),
  /** A typed path (`selfies`, `government-ids`…); an unknown one is Persona's 404. */
  retrieveTypedVerification: (plural: string, id: string, params: URLSearchParams, o: PersonaRequestOptions) => {
    const type = TYPED_VERIFICATION_PATHS[plural]
    if (!Object.hasOwn(TYPED_VERIFICATION_PATHS, plural) || type === undefined) throw personaErrors.notFound()
    return retrieve(verifications, id, params, o, type, false)
  },
}
