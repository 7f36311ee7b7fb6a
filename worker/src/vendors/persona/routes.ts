import { Hono } from 'hono'
import { isIdOfKind } from '@idv-lens/shared/ids'
import type {
  PersonaEvent,
  PersonaInquiry,
  PersonaInquirySession,
  PersonaList,
  PersonaSingle,
} from '@idv-lens/shared/api'
import type { AppEnv } from '../../env.ts'
import {
  eventListQuery,
  eventRetrieveQuery,
  inquiryListQuery,
  inquiryRetrieveQuery,
  inquirySessionListQuery,
  inquirySessionRetrieveQuery,
  personaHeaders,
  type PersonaHeaders,
} from './queries.ts'
import { rewriteLinks } from './links.ts'
import { withoutPersonalFiles } from './sanitize.ts'
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

function list<T>(resource: string, query: Record<string, string>, headers: PersonaHeaders) {
  return {
    provider: 'persona' as const,
    path: resource,
    query: canonicalQuery(query),
    headers: forwarded(headers),
    shape: 'list' as const,
    // Signed file links never reach the cache or an agent (sanitize.ts).
    transform: (body: PersonaList<T>, route: string) => ({ ...withoutPersonalFiles(body), links: rewriteLinks(body.links, route, query) }),
  }
}

function retrieve(resource: string, id: string, query: Record<string, string>, headers: PersonaHeaders) {
  return {
    provider: 'persona' as const,
    path: `${resource}/${id}`,
    query: canonicalQuery(query),
    headers: forwarded(headers),
    shape: 'object' as const,
    transform: withoutPersonalFiles,
  }
}

const inquiryId = validId((v) => isIdOfKind(v, 'persona-inquiry'), 'a Persona inquiry ID (inq_...)')
const sessionId = validId((v) => isIdOfKind(v, 'persona-inquiry-session'), 'a Persona inquiry session ID (iqse_...)')
const eventId = validId((v) => isIdOfKind(v, 'persona-event'), 'a Persona event ID (evt_...)')
const headers = validHeaders(personaHeaders)

/** Persona's read API mirrored under /v1/persona: the six calls a support agent needs, nothing else. */
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
