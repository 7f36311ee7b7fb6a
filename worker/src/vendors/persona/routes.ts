import { Hono } from 'hono'
import { isIdOfKind } from '@idv-lens/shared/ids'
import type {
  PersonaCase,
  PersonaEvent,
  PersonaInquiry,
  PersonaInquirySession,
  PersonaList,
  PersonaSingle,
  PersonaVerification,
} from '@idv-lens/shared/api'
import type { AppEnv } from '../../env.ts'
import {
  caseListQuery,
  caseRetrieveQuery,
  eventListQuery,
  eventRetrieveQuery,
  inquiryListQuery,
  inquiryRetrieveQuery,
  inquirySessionListQuery,
  inquirySessionRetrieveQuery,
  isCaseId,
  isVerificationId,
  personaHeaders,
  verificationRetrieveQuery,
  type PersonaHeaders,
} from './queries.ts'
import { rewriteLinks } from './links.ts'
import { personaAllowed } from './allowlist.ts'
import { relay } from '../../relay.ts'
import { canonicalQuery, validHeaders, validId, validQuery } from '../../validation/query.ts'
import { okBody } from '../../contract/ok-body.ts'
import { PersonaListSchema, PersonaSingleSchema } from './contract.ts'

/** Forward only the two headers that change Persona's body, under their canonical names. */
function forwarded(headers: PersonaHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  if (headers['key-inflection']) out['key-inflection'] = headers['key-inflection']
  if (headers['persona-version']) out['persona-version'] = headers['persona-version']
  return out
}

/** List filters that narrow a list to what belongs to one object (an inquiry's sessions, events or cases). */
const ONE_OBJECT_FILTERS = ['filter[inquiry-id]', 'filter[object-id]']

/**
 * A list narrowed to one object is part of that object's detail and kept as long as the object
 * (OBJECT_TTL_SECONDS): with the shorter list freshness, a detail opened twice within the object's
 * window fetched its sections again while its main object came from the cache.
 */
function shapeOf(query: Record<string, string>): 'list' | 'object' {
  return ONE_OBJECT_FILTERS.some((name) => query[name] !== undefined && !query[name].includes(',')) ? 'object' : 'list'
}

function list<T>(resource: string, query: Record<string, string>, headers: PersonaHeaders) {
  return {
    provider: 'persona' as const,
    path: resource,
    query: canonicalQuery(query),
    headers: forwarded(headers),
    shape: shapeOf(query),
    // Only what the allowlist keeps reaches the cache or an agent (allowlist.ts).
    transform: (body: PersonaList<T>, route: string) => ({ ...personaAllowed(body), links: rewriteLinks(body.links, route, query) }),
  }
}

function retrieve(resource: string, id: string, query: Record<string, string>, headers: PersonaHeaders) {
  return {
    provider: 'persona' as const,
    path: `${resource}/${id}`,
    query: canonicalQuery(query),
    headers: forwarded(headers),
    shape: 'object' as const,
    transform: personaAllowed,
  }
}

const inquiryId = validId((v) => isIdOfKind(v, 'persona-inquiry'), 'a Persona inquiry ID (inq_...)')
const sessionId = validId((v) => isIdOfKind(v, 'persona-inquiry-session'), 'a Persona inquiry session ID (iqse_...)')
const eventId = validId((v) => isIdOfKind(v, 'persona-event'), 'a Persona event ID (evt_...)')
const verificationId = validId(isVerificationId, 'a Persona verification ID (ver_...)')
const caseId = validId(isCaseId, 'a Persona case ID (case_...)')
const headers = validHeaders(personaHeaders)

/** Persona's read API mirrored under /v1/persona: the nine calls a support agent needs, nothing else. */
export const personaRoutes = new Hono<AppEnv>()
  .get('/inquiries', okBody(PersonaListSchema), validQuery(inquiryListQuery), headers, (c) =>
    relay<PersonaList<PersonaInquiry>>(c, list('inquiries', c.req.valid('query'), c.req.valid('header'))),
  )
  .get('/inquiries/:id', okBody(PersonaSingleSchema), inquiryId, validQuery(inquiryRetrieveQuery), headers, (c) =>
    relay<PersonaSingle<PersonaInquiry>>(c, retrieve('inquiries', c.req.valid('param').id, c.req.valid('query'), c.req.valid('header'))),
  )
  .get('/inquiry-sessions', okBody(PersonaListSchema), validQuery(inquirySessionListQuery), headers, (c) =>
    relay<PersonaList<PersonaInquirySession>>(c, list('inquiry-sessions', c.req.valid('query'), c.req.valid('header'))),
  )
  .get('/inquiry-sessions/:id', okBody(PersonaSingleSchema), sessionId, validQuery(inquirySessionRetrieveQuery), headers, (c) =>
    relay<PersonaSingle<PersonaInquirySession>>(
      c,
      retrieve('inquiry-sessions', c.req.valid('param').id, c.req.valid('query'), c.req.valid('header')),
    ),
  )
  .get('/events', okBody(PersonaListSchema), validQuery(eventListQuery), headers, (c) =>
    relay<PersonaList<PersonaEvent>>(c, list('events', c.req.valid('query'), c.req.valid('header'))),
  )
  .get('/events/:id', okBody(PersonaSingleSchema), eventId, validQuery(eventRetrieveQuery), headers, (c) =>
    relay<PersonaSingle<PersonaEvent>>(c, retrieve('events', c.req.valid('param').id, c.req.valid('query'), c.req.valid('header'))),
  )
  // Any verification type by its ID: GET /verifications/{id} answers every `verification/<type>`.
  .get('/verifications/:id', okBody(PersonaSingleSchema), verificationId, validQuery(verificationRetrieveQuery), headers, (c) =>
    relay<PersonaSingle<PersonaVerification>>(
      c,
      retrieve('verifications', c.req.valid('param').id, c.req.valid('query'), c.req.valid('header')),
    ),
  )
  .get('/cases', okBody(PersonaListSchema), validQuery(caseListQuery), headers, (c) =>
    relay<PersonaList<PersonaCase>>(c, list('cases', c.req.valid('query'), c.req.valid('header'))),
  )
  .get('/cases/:id', okBody(PersonaSingleSchema), caseId, validQuery(caseRetrieveQuery), headers, (c) =>
    relay<PersonaSingle<PersonaCase>>(c, retrieve('cases', c.req.valid('param').id, c.req.valid('query'), c.req.valid('header'))),
  )
