import { isIdOfKind } from '@idv-lens/shared/ids'
import { KEY_INFLECTIONS, PERSONA_VERSIONS } from '@idv-lens/shared/api'
import { z } from 'zod'
import { commaList, intInRange, isoDate, oneOf, querySchema, refineQuery, satisfying } from '../../validation/query.ts'

/**
 * Exactly the query parameters Persona documents for each read endpoint (docs/vendors/persona.md §2, §4, §5).
 * Anything else is refused here, so a typo costs no upstream call and no budget.
 */

// Other Persona object IDs (accounts, templates) only need the general shape: prefix_alnum.
const personaObjectId = (prefixes: string[]) => {
  const re = new RegExp(`^(?:${prefixes.join('|')})_[A-Za-z0-9]{4,40}$`)
  return (v: string) => re.test(v)
}
const anyPersonaId = personaObjectId(['[a-z]{2,8}'])
const isInquiryId = (v: string) => isIdOfKind(v, 'persona-inquiry')
const isSessionId = (v: string) => isIdOfKind(v, 'persona-inquiry-session')
const isEventId = (v: string) => isIdOfKind(v, 'persona-event')

const pageSize = intInRange(1, 100)
const page = (isCursor: (v: string) => boolean, what: string) => ({
  'page[after]': satisfying(isCursor, what),
  'page[before]': satisfying(isCursor, what),
  'page[size]': pageSize,
})

// Sparse fieldsets: fields[<type>]=attr,attr (nested paths like fields.name-first are allowed).
const FIELDS = {
  pattern: /^fields\[[a-z][a-z0-9/_-]{0,60}\]$/,
  example: 'fields[inquiry]',
  value: commaList((f) => /^[A-Za-z0-9_.-]{1,80}$/.test(f), 'attribute names', 200),
}

const INQUIRY_RELATIONSHIPS = [
  'account', 'documents', 'template', 'inquiry-template', 'inquiry-template-version', 'reports',
  'transaction', 'reviewer', 'selfies', 'sessions', 'verifications',
]
// `include=` (explicitly empty) is documented: `included` is then "an empty array when the include query
// parameter … was explicitly set to empty" (Persona's OpenAPI, `included` of every retrieve).
const include = (names: string[]) =>
  commaList((n) => names.includes(n), `relationship names (${names.join(', ')})`, names.length, { allowEmpty: true })

const statusWord = (v: string) => /^[a-z_]{1,40}$/.test(v)
const eventName = (v: string) => /^[a-z0-9*][a-z0-9._/-]{0,80}$/.test(v)

export const inquiryListQuery = refineQuery(
  querySchema(
    {
      ...page(isInquiryId, 'an inquiry ID (inq_...)'),
      'filter[inquiry-id]': commaList(isInquiryId, 'inquiry IDs'),
      'filter[account-id]': commaList(personaObjectId(['act']), 'account IDs'),
      'filter[reference-id]': z.string().min(1).max(255),
      'filter[inquiry-template-id]': commaList(personaObjectId(['itmpl']), 'inquiry template IDs'),
      'filter[template-id]': commaList(personaObjectId(['itmpl', 'tmpl']), 'template IDs'),
      'filter[status]': commaList(statusWord, 'statuses'),
      'filter[note]': z.string().min(1).max(255),
      'filter[created-at-start]': isoDate(),
      'filter[created-at-end]': isoDate(),
    },
    FIELDS,
  ),
  (query, ctx) => {
    // Persona: "filter[note] must be the only filter".
    if ('filter[note]' in query && Object.keys(query).some((k) => k.startsWith('filter[') && k !== 'filter[note]')) {
      ctx.addIssue({ code: 'custom', path: ['filter[note]'], message: 'must be the only filter' })
    }
  },
)

// Persona's OpenAPI (2025-12-08 and 2023-01-05, GET /inquiry-sessions) documents only `filter[inquiry-id]`,
// yet the `links.prev/next` it documents for this list carry `page[before|after]` cursors (its own examples:
// `/api/v1/inquiry-sessions?page%5Bafter%5D=iqse_ABC123`). The spec lags here: paging is accepted as on the other lists.
export const inquirySessionListQuery = querySchema({
  ...page(isSessionId, 'an inquiry session ID (iqse_...)'),
  'filter[inquiry-id]': commaList(isInquiryId, 'inquiry IDs'),
})

export const eventListQuery = querySchema(
  {
    ...page(isEventId, 'an event ID (evt_...)'),
    'filter[name]': commaList(eventName, 'event names'),
    'filter[object-id]': commaList(anyPersonaId, 'Persona object IDs'),
    'filter[id]': commaList(isEventId, 'event IDs'),
  },
  FIELDS,
)

export const inquiryRetrieveQuery = querySchema({ include: include(INQUIRY_RELATIONSHIPS) }, FIELDS)
export const inquirySessionRetrieveQuery = querySchema({ include: include(['inquiry', 'device', 'network']) }, FIELDS)
// Events have no relationships of their own ("included is always empty"), yet Persona accepts include.
export const eventRetrieveQuery = querySchema(
  { include: commaList((n) => /^[a-z-]{1,40}$/.test(n), 'relationship names', 20, { allowEmpty: true }) },
  FIELDS,
)

/** Request headers that change Persona's body; validated here and forwarded as given. */
export const personaHeaders = z.object({
  'key-inflection': oneOf(KEY_INFLECTIONS).optional(),
  'persona-version': oneOf(PERSONA_VERSIONS).optional(),
})

export type PersonaHeaders = z.infer<typeof personaHeaders>
