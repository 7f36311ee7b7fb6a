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
import { type AppEnv, okBody, relay } from '../../kit/routes.ts'
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
} from './queries.ts'
import { personaListRead, personaRetrieveRead } from './relayed.ts'
import { querySchema, validHeaders, validId, validQuery } from '../../kit/query.ts'
import { PersonaListSchema, PersonaSingleSchema } from './contract.ts'
import { personaActionRoutes } from './actions.ts'
import { myCases } from './my-cases.ts'

const inquiryId = validId((v) => isIdOfKind(v, 'persona-inquiry'), 'a Persona inquiry ID (inq_...)')
const sessionId = validId((v) => isIdOfKind(v, 'persona-inquiry-session'), 'a Persona inquiry session ID (iqse_...)')
const eventId = validId((v) => isIdOfKind(v, 'persona-event'), 'a Persona event ID (evt_...)')
const verificationId = validId(isVerificationId, 'a Persona verification ID (ver_...)')
const caseId = validId(isCaseId, 'a Persona case ID (case_...)')
const headers = validHeaders(personaHeaders)

/**
 * Persona's read API mirrored under /v1/persona: the nine calls a support agent needs, and the agent
 * actions an admin may turn on (actions.ts); every other write of Persona's is no route here.
 */
export const personaRoutes = new Hono<AppEnv>()
  .get('/inquiries', okBody(PersonaListSchema), validQuery(inquiryListQuery), headers, (c) =>
    relay<PersonaList<PersonaInquiry>>(c, personaListRead('inquiries', c.req.valid('query'), c.req.valid('header'))),
  )
  .get('/inquiries/:id', okBody(PersonaSingleSchema), inquiryId, validQuery(inquiryRetrieveQuery), headers, (c) =>
    relay<PersonaSingle<PersonaInquiry>>(
      c,
      personaRetrieveRead('inquiries', c.req.valid('param').id, c.req.valid('query'), c.req.valid('header')),
    ),
  )
  .get('/inquiry-sessions', okBody(PersonaListSchema), validQuery(inquirySessionListQuery), headers, (c) =>
    relay<PersonaList<PersonaInquirySession>>(c, personaListRead('inquiry-sessions', c.req.valid('query'), c.req.valid('header'))),
  )
  .get('/inquiry-sessions/:id', okBody(PersonaSingleSchema), sessionId, validQuery(inquirySessionRetrieveQuery), headers, (c) =>
    relay<PersonaSingle<PersonaInquirySession>>(
      c,
      personaRetrieveRead('inquiry-sessions', c.req.valid('param').id, c.req.valid('query'), c.req.valid('header')),
    ),
  )
  .get('/events', okBody(PersonaListSchema), validQuery(eventListQuery), headers, (c) =>
    relay<PersonaList<PersonaEvent>>(c, personaListRead('events', c.req.valid('query'), c.req.valid('header'))),
  )
  .get('/events/:id', okBody(PersonaSingleSchema), eventId, validQuery(eventRetrieveQuery), headers, (c) =>
    relay<PersonaSingle<PersonaEvent>>(
      c,
      personaRetrieveRead('events', c.req.valid('param').id, c.req.valid('query'), c.req.valid('header')),
    ),
  )
  // Any verification type by its ID: GET /verifications/{id} answers every `verification/<type>`.
  .get('/verifications/:id', okBody(PersonaSingleSchema), verificationId, validQuery(verificationRetrieveQuery), headers, (c) =>
    relay<PersonaSingle<PersonaVerification>>(
      c,
      personaRetrieveRead('verifications', c.req.valid('param').id, c.req.valid('query'), c.req.valid('header')),
    ),
  )
  .get('/cases', okBody(PersonaListSchema), validQuery(caseListQuery), headers, (c) =>
    relay<PersonaList<PersonaCase>>(c, personaListRead('cases', c.req.valid('query'), c.req.valid('header'))),
  )
  // No parameter: only the caller's own cases (my-cases.ts).
  .get('/my-cases', okBody(PersonaListSchema), validQuery(querySchema({})), (c) => myCases(c))
  .get('/cases/:id', okBody(PersonaSingleSchema), caseId, validQuery(caseRetrieveQuery), headers, (c) =>
    relay<PersonaSingle<PersonaCase>>(
      c,
      personaRetrieveRead('cases', c.req.valid('param').id, c.req.valid('query'), c.req.valid('header')),
    ),
  )
  .route('/', personaActionRoutes)
