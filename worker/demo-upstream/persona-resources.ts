/**
 * Persona's six read endpoints as plain functions: query in, JSON:API body out (or a thrown VendorError).
 * Hono wiring lives in persona-app.ts.
 */
import { cursorPage } from './cursor-page.ts'
import { serializeDeliveredEvent, type DeliveredEvents } from './delivered-events.ts'
import { inflectKey, inflectKeysDeep, type KeyInflection } from './inflection.ts'
import { personaErrors } from './persona-errors.ts'
import { dateFilter, parsePersonaQuery, rejectInclude, type ParsedQuery, type SparseFields } from './persona-query.ts'
import {
  includesByDefault,
  resolve,
  serializeEvent,
  serializeInquiry,
  serializeInquirySession,
  type JsonApiResource,
  type SerializeOptions,
} from './persona-serialize.ts'
import type { Inquiry, InquirySession, PersonaEvent } from './persona-types.ts'

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
}

const idSet = (query: ParsedQuery, name: string): Set<string> | null => {
  const values = query.filters.get(name)
  return values ? new Set(values) : null
}

const inquiries: Collection<Inquiry> = {
  path: 'inquiries',
  items: (o) => o.dataset.inquiries,
  position: (o, id) => o.dataset.index.inquiryPosition.get(id),
  serialize: (item, o) => serializeInquiry(item, o),
  filters: ['inquiry-id', 'account-id', 'reference-id', 'inquiry-template-id', 'template-id', 'status', 'note', 'created-at-start', 'created-at-end'],
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
      (!templates || (i.templateId !== null && templates.has(i.templateId)) || (i.inquiryTemplateId !== null && templates.has(i.inquiryTemplateId))) &&
      (!statuses || statuses.has(i.status)) &&
      (note === undefined || (i.note !== null && i.note.toLowerCase().includes(note))) &&
      (start === null || i.createdAt >= start) &&
      (end === null || i.createdAt <= end)
  },
  relationships: ['account', 'documents', 'template', 'inquiry-template', 'inquiry-template-version', 'reports', 'transaction', 'reviewer', 'selfies', 'sessions', 'verifications'],
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

function list<T extends { id: string }>(collection: Collection<T>, params: URLSearchParams, options: PersonaRequestOptions): Body {
  const query = parsePersonaQuery(params, collection.filters)
  rejectInclude(query)
  const cursor = query.page.after ?? query.page.before
  const position = cursor === null ? null : collection.position(options, cursor)
  if (cursor !== null && position === undefined) {
    throw personaErrors.badRequest(`page[${query.page.after !== null ? 'after' : 'before'}] is not a valid cursor`)
  }
  const page = cursorPage(collection.items(options), collection.matcher(query), query.page, position ?? null)
  const link = (direction: 'after' | 'before', id: string | null): string | null =>
    id === null ? null : `/api/v1/${collection.path}?page%5B${direction}%5D=${encodeURIComponent(id)}`
  return {
    data: page.items.map((item) => finalize(collection.serialize(item, options), query.fields, options.inflection)),
    links: { [inflectKey('prev', options.inflection)]: link('before', page.prevCursor), [inflectKey('next', options.inflection)]: link('after', page.nextCursor) },
  }
}

function retrieve<T extends { id: string }>(collection: Collection<T>, id: string, params: URLSearchParams, options: PersonaRequestOptions): Body {
  const query = parsePersonaQuery(params, [])
  const item = collection.items(options)[collection.position(options, id) ?? -1]
  const resource = item ? collection.serialize(item, options) : collection.retrieveOther?.(options, id)
  if (!resource) throw personaErrors.notFound()
  const requested = query.include?.filter((name) => name.length > 0) ?? null
  if (requested && collection.relationships) {
    const unknown = requested.find((name) => !collection.relationships?.includes(name))
    if (unknown !== undefined) throw personaErrors.badRequest(`${unknown} is not a valid relationship to include`)
  }
  const names = requested ?? (includesByDefault(options.version) ? collection.defaultInclude : null)
  const body: Body = { data: finalize(resource, query.fields, options.inflection) }
  if (names !== null) body.included = included(resource, collection.relationships === null ? [] : names, options, query.fields)
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
    // Account `fields` keys are the one thing Persona never inflects (docs/vendors/persona.md §1).
    inflected[inflectKey(key, inflection)] = resource.type === 'account' && key === 'fields' ? value : inflectKeysDeep(value, inflection)
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
}
