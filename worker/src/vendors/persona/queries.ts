import { isIdOfKind } from '@idv-lens/shared/ids'
import { KEY_INFLECTIONS, PERSONA_VERSIONS } from '@idv-lens/shared/api'
import { z } from 'zod'
import { commaList, intInRange, isoDate, oneOf, querySchema, satisfying } from '../../kit/query.ts'

/*
 * Exactly the query parameters Persona documents for each read endpoint (docs/vendors/persona.md §2, §4, §5).
 * Anything else is refused here, so a typo costs no upstream call and no budget.
 */

// Other Persona object IDs (accounts, templates) only need the general shape: prefix_alnum.
const personaObjectId = (prefixes: string[]) => {
  const re = new RegExp(`^(?:${prefixes.join('|')})_[A-Za-z0-9]{4,40}$`)
  return (v: string) => re.test(v)
}
/** Any Persona object ID by its general shape: also what a list's cursor must be (links.ts). */
export const anyPersonaId = personaObjectId(['[a-z]{2,8}'])
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
]
// `include=` (explicitly empty) is documented: `included` is then "an empty array when the include query
// parameter … was explicitly set to empty" (Persona's OpenAPI, `included` of every retrieve).
const include = (names: string[]) =>
  commaList((n) => names.includes(n), `relationship names (${names.join(', ')})`, names.length, { allowEmpty: true })

const statusWord = (v: string) => /^[a-z_]{1,40}$/.test(v)
const eventName = (v: string) => /^[a-z0-9*][a-z0-9._/-]{0,80}$/.test(v)

// No `filter[note]`: Persona documents it, but no feature searches notes, and the relay never returns
// them, so a search by one would only tell a guesser whether their text is in some inquiry's note.
export const inquiryListQuery = querySchema(
  {
    ...page(isInquiryId, 'an inquiry ID (inq_...)'),
    'filter[inquiry-id]': commaList(isInquiryId, 'inquiry IDs'),
    'filter[account-id]': commaList(personaObjectId(['act']), 'account IDs'),
    'filter[reference-id]': z.string().min(1).max(255),
    'filter[inquiry-template-id]': commaList(personaObjectId(['itmpl']), 'inquiry template IDs'),
    'filter[template-id]': commaList(personaObjectId(['itmpl', 'tmpl']), 'template IDs'),
    'filter[status]': commaList(statusWord, 'statuses'),
    'filter[created-at-start]': isoDate(),
    'filter[created-at-end]': isoDate(),
  },
  FIELDS,
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

/**
 * Verifications and cases (docs/vendors/persona.md §15). Their IDs are checked here by shape only
 * (`ver_…`, `case_…`): they are never scanned on pages, so they have no entry among the ID kinds.
 */
const objectIdOf = (prefix: string) => (v: string) => new RegExp(`^${prefix}_[A-Za-z0-9]{4,40}$`).test(v)
export const isVerificationId = objectIdOf('ver')
export const isCaseId = objectIdOf('case')

// The relationships the spec gives every verification type, and a case (2025-12-08 and 2023-01-05).
const VERIFICATION_RELATIONSHIPS = [
  'inquiry',
  'template',
  'inquiry-template-version',
  'inquiry-template',
  'transaction',
  'verification-template',
  'verification-template-version',
  'accounts',
]
const CASE_RELATIONSHIPS = ['accounts', 'case-comments', 'case-template', 'case-queue', 'inquiries', 'reports', 'verifications', 'txns']

export const verificationRetrieveQuery = querySchema({ include: include(VERIFICATION_RELATIONSHIPS) }, FIELDS)
export const caseRetrieveQuery = querySchema({ include: include(CASE_RELATIONSHIPS) }, FIELDS)

// Case statuses are capitalised words (`Open`, `Pending`, `Approved`, `Declined`) and not a closed set.
const caseStatus = (v: string) => /^[A-Za-z][A-Za-z _-]{0,39}$/.test(v)

// GET /cases documents one value per filter (a string each, not a list), so one is all the relay takes.
export const caseListQuery = querySchema(
  {
    ...page(isCaseId, 'a case ID (case_...)'),
    'filter[inquiry-id]': satisfying(isInquiryId, 'an inquiry ID (inq_...)'),
    'filter[status]': satisfying(caseStatus, 'a case status, e.g. Open'),
    'filter[case-template-id]': satisfying(personaObjectId(['ctmpl']), 'a case template ID (ctmpl_...)'),
    'filter[account-id]': satisfying(personaObjectId(['act']), 'an account ID (act_...)'),
    'filter[reference-id]': z.string().min(1).max(255),
    'filter[report-id]': satisfying(personaObjectId(['rep']), 'a report ID (rep_...)'),
  },
  FIELDS,
)

/** Request headers that change Persona's body; validated here and forwarded as given. */
export const personaHeaders = z.object({
  'key-inflection': oneOf(KEY_INFLECTIONS).optional(),
  'persona-version': oneOf(PERSONA_VERSIONS).optional(),
})

export type PersonaHeaders = z.infer<typeof personaHeaders>
