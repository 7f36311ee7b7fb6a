/**
 * The agent actions on Persona (issue 49), mirroring Persona's own paths and bodies under /v1/persona:
 * each off until ACTIONS names it, open to its role only (middleware/action-allowed.ts), its body checked
 * and rebuilt here, sent with the write-scoped key when there is one, through the vendor gate's budget.
 * After one, every stored copy naming the changed records is a miss (cache/changed-by-actions.ts). A
 * one-time link is the customer's key: it is in this answer only, never stored, logged or audited.
 */
import { Hono, type Context } from 'hono'
import { createFactory } from 'hono/factory'
import type { ZodType } from 'zod'
import { validator } from 'hono-openapi'
import type { OneTimeLinkResponse, PersonaCase, PersonaInquiry, PersonaList, PersonaSingle } from '@idv-lens/shared/api'
import { isIdOfKind } from '@idv-lens/shared/ids'
import { flaggedCheck } from '@idv-lens/shared/replies'
import { type AppEnv, okBody } from '../../kit/routes.ts'
import { ApiError } from '../../kit/errors.ts'
import {
  actionAllowed,
  actionReads,
  cacheFor,
  callAction,
  configuredKey,
  limited,
  providerMisconfigured,
  rejectActionBody,
  type RelayConfig,
} from '../../kit/actions.ts'
import { jsonBodyOnly, satisfying, validHeaders, validId } from '../../kit/query.ts'
import { assignBody, decisionBody, escalateBody, noBody, oneTimeLinkBody, setStatusBody, tagBody } from './action-bodies.ts'
import { relatedInquiries } from './action-changes.ts'
import { decisionUpstreamBody, type Decision } from './decision-body.ts'
import { PERSONA_ACTIONS } from './action-list.ts'
import type { VendorAction } from '../../kit/actions.ts'
import { personaAllowed } from './allowlist.ts'
import { OneTimeLinkSchema, PersonaSingleSchema } from './contract.ts'
import { PERSONA_SUMMARY_HEADERS } from './lookup.ts'
import { isCaseId, personaHeaders, type PersonaHeaders } from './queries.ts'
import { personaListRead, personaRetrieveRead, relayedCall } from './relayed.ts'
import { reasonOf } from './summaries.ts'
import { ownEmail } from './own-email.ts'

const isInquiryId = (v: string) => isIdOfKind(v, 'persona-inquiry')
const inquiryId = validId(isInquiryId, 'a Persona inquiry ID (inq_...)')
const caseId = validId(isCaseId, 'a Persona case ID (case_...)')

/** First on each route, so a refusal's audit row names the object too (a case ID is no verification ID the audit reads from paths). */
const audited = (test: (value: string) => boolean) => async (c: Context<AppEnv>, next: () => Promise<void>) => {
  const id = c.req.param('id')
  if (id !== undefined && test(id)) c.set('auditIds', [id])
  await next()
}
const auditInquiry = audited(isInquiryId)
const auditCase = audited(isCaseId)

const actionHeaders = validHeaders(
  personaHeaders.extend({
    'idempotency-key': satisfying((v) => /^[\x21-\x7e]{1,255}$/.test(v), '1 to 255 visible ASCII characters').optional(),
  }),
)
type ActionHeaders = PersonaHeaders & { 'idempotency-key'?: string }

/** The write-scoped key when there is one (PERSONA_ACTIONS_API_KEY), else the read key. */
function actionKey(config: RelayConfig): string {
  const own = config.actions.apiKeys.persona
  if (!own) return configuredKey(config, 'persona')
  const unsafe = providerMisconfigured(config, 'persona')
  if (unsafe) throw unsafe
  return own
}

type Shaped<T> = PersonaSingle<T> & { meta?: Record<string, unknown> }
type Act<T> = {
  action: VendorAction
  path: string
  body: unknown
  id: string
  headers: ActionHeaders
  shape?: (answer: Shaped<T>) => Shaped<T>
}

/** Sends one action (its declared guards in the same gate round trip) and drops every stored copy that names what it changed. */
async function act<T>(c: Context<AppEnv>, { action, path, body, id, headers, shape }: Act<T>): Promise<Shaped<T>> {
  const config = c.get('config')
  const forwarded: Record<string, string> = {}
  for (const name of ['key-inflection', 'persona-version'] as const) if (headers[name]) forwarded[name] = headers[name]
  const answer = await callAction<Shaped<T>>(
    config,
    {
      provider: 'persona',
      action,
      record: id,
      path,
      body,
      headers: forwarded,
      idempotencyKey: headers['idempotency-key'],
      changed: [id],
      apiKey: actionKey(config),
      agent: c.get('agent') ?? 'anonymous',
    },
    (json) => (shape ? shape(json as Shaped<T>) : (json as Shaped<T>)),
  )
  c.set('vendorStatus', 200)
  // The gate marked these itself, in the same round trip (the vendor's actionChanges).
  cacheFor(config).store.forgetMentioning([id, ...relatedInquiries(answer)])
  return answer
}

const allowed = <T>(answer: PersonaSingle<T>): PersonaSingle<T> =>
  personaAllowed({ data: answer.data, ...(answer.included ? { included: answer.included } : {}) })

/** One write, its answer cut to what the allowlist passes on. */
const written = async <T>(c: Context<AppEnv>, write: Omit<Act<T>, 'shape'>) => allowed(await act<T>(c, write))

/** Only an http(s) link is passed on (plain http to a loopback host: the local demo), else the answer is not Persona's. */
function linkOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048 || !URL.canParse(value)) return undefined
  const url = new URL(value)
  const loopback = url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  return url.protocol === 'https:' || loopback ? value : undefined
}

type LinkAsk = { id: string; headers: ActionHeaders; seconds: number | undefined }

/** Persona's answer only when it is about inquiry `id` and holds a link (else its day's count is given back). */
const aLinkFor =
  (id: string) =>
  (answer: Shaped<PersonaInquiry>): Shaped<PersonaInquiry> => {
    if ((answer.data as { id?: unknown } | undefined)?.id !== id) {
      throw new ApiError(
        'upstream-invalid',
        'Persona answered about another inquiry than the one asked (at data.id); no link is passed on.',
        { provider: 'persona' },
      )
    }
    if (!linkOf(answer.meta?.['one-time-link']))
      throw new ApiError('upstream-invalid', 'Persona answered without a one-time link (at meta.one-time-link).', { provider: 'persona' })
    return answer
  }

/** The failed check that flags inquiry `id` (its checks read fresh, as its lookup reads them); undefined when none does. */
async function flaggedOf(c: Context<AppEnv>, id: string) {
  const read = relayedCall(personaRetrieveRead('inquiries', id, { include: 'verifications' }, PERSONA_SUMMARY_HEADERS), 'inquiries/:id')
  const single = await actionReads(c).get<PersonaSingle<PersonaInquiry>>(read)
  return flaggedCheck(reasonOf(single.included ?? [])?.failed ?? [])
}

/** Refuses an inquiry a fraud check flagged, before any write. */
async function refuseFlagged(c: Context<AppEnv>, id: string): Promise<void> {
  const flagged = await flaggedOf(c, id)
  if (flagged)
    throw new ApiError(
      'flagged-record',
      `A fraud check flagged this inquiry (${flagged.check}): no new link is made; escalate it to the team's review.`,
      { provider: 'persona' },
    )
}

/** Asks Persona for a link to inquiry `id`; only an answer about that inquiry, with a link, is passed on. */
async function oneTimeLink(c: Context<AppEnv>, { id, headers, seconds }: LinkAsk): Promise<OneTimeLinkResponse<PersonaInquiry>> {
  await refuseFlagged(c, id)
  const body = seconds === undefined ? {} : { meta: { 'expires-in-seconds': seconds } }
  const answer = await act<PersonaInquiry>(c, {
    action: PERSONA_ACTIONS.link,
    path: `inquiries/${id}/generate-one-time-link`,
    body,
    id,
    headers,
    shape: aLinkFor(id),
  })
  const link = linkOf(answer.meta?.['one-time-link'])!
  const short = linkOf(answer.meta?.['one-time-link-short'])
  return { ...allowed(answer), meta: { 'one-time-link': link, ...(short ? { 'one-time-link-short': short } : {}) } }
}

/**
 * Escalates an inquiry a fraud check flagged the way the admin set (FLAGGED_ESCALATION): adds its tag,
 * which the team's Persona workflow or case queue picks up, or assigns the inquiry's case to its user.
 * Refused for one no check flagged: it is the flagged record's route, not a way to tag or assign any record.
 */
async function escalate(c: Context<AppEnv>, id: string, headers: ActionHeaders): Promise<Shaped<PersonaInquiry | PersonaCase>> {
  const { tag, assignee } = c.get('config').flagged
  if (tag === null && assignee === null)
    throw new ApiError('action-disabled', 'The flagged-escalation action is not turned on for this relay (FLAGGED_ESCALATION).')
  if (!(await flaggedOf(c, id)))
    throw new ApiError('not-flagged', 'No fraud check flagged this inquiry: it is not escalated.', { provider: 'persona' })
  if (tag !== null)
    return act<PersonaInquiry>(c, {
      action: PERSONA_ACTIONS.escalation,
      path: `inquiries/${id}/add-tag`,
      body: { meta: { 'tag-name': tag } },
      id,
      headers,
    })
  const found = await caseOf(c, id)
  // The row names the records and the assignee's name: its email is no record ID and stays out of the audit.
  c.set('auditIds', [id, found])
  c.set('auditEscalatedTo', assignee!.name)
  const body = { meta: { 'user-email-address': assignee!.email } }
  return act<PersonaCase>(c, { action: PERSONA_ACTIONS.escalation, path: `cases/${found}/assign`, body, id: found, headers })
}

/** The case Persona opened for inquiry `id` (its newest, as Persona lists them); 409 no-case when there is none. */
async function caseOf(c: Context<AppEnv>, id: string): Promise<string> {
  const read = relayedCall(personaListRead('cases', { 'filter[inquiry-id]': id }, PERSONA_SUMMARY_HEADERS), 'cases')
  const list = await actionReads(c).get<PersonaList<PersonaCase>>(read)
  const found = list.data.find((one) => isCaseId(one.id))
  if (!found)
    throw new ApiError('no-case', 'This inquiry has no Persona case to assign: open one for it in Persona, then escalate again.', {
      provider: 'persona',
    })
  return found.id
}

/** The statuses each decision refuses before any write: Persona's (mark-for-review, §16) and ones that would change nothing. */
const REFUSED_FROM: Record<Decision, readonly string[]> = {
  approve: ['approved'],
  decline: ['declined'],
  'mark-for-review': ['approved', 'declined', 'needs_review'],
}

/** Reads the inquiry's status fresh and refuses a decision it rules out with 409 `wrong-state`, before any write. */
async function refuseWrongState(c: Context<AppEnv>, id: string, decision: Decision): Promise<void> {
  const single = await actionReads(c).get<PersonaSingle<PersonaInquiry>>(
    relayedCall(personaRetrieveRead('inquiries', id, {}, PERSONA_SUMMARY_HEADERS), 'inquiries/:id'),
  )
  const status = single.data.attributes?.status
  if (status && REFUSED_FROM[decision].includes(status)) {
    throw new ApiError('wrong-state', `This inquiry is ${status}: Persona's ${decision} does not apply; nothing was sent.`, {
      provider: 'persona',
    })
  }
}

type DecisionAsk = { action: VendorAction; decision: Decision; id: string; headers: ActionHeaders; comment?: string | undefined }

/** One decision: the state check, then the write (approve and decline pass the comment on; mark-for-review takes no body). */
async function decide(c: Context<AppEnv>, { action, decision, id, headers, comment }: DecisionAsk): Promise<PersonaSingle<PersonaInquiry>> {
  await refuseWrongState(c, id, decision)
  const body = decisionUpstreamBody(decision, comment)
  return written<PersonaInquiry>(c, { action, path: `inquiries/${id}/${decision}`, body, id, headers })
}

const factory = createFactory<AppEnv>()

type Guarded = { object: 'inquiry' | 'case'; action: VendorAction; ok?: ZodType }

/** Before any write, in this order: the declared answer, the audit's object, the action on for this role, the ID, the body's size and type, the headers. */
const guards = ({ object, action, ok = PersonaSingleSchema }: Guarded) =>
  [
    okBody(ok),
    object === 'inquiry' ? auditInquiry : auditCase,
    actionAllowed(action.key),
    object === 'inquiry' ? inquiryId : caseId,
    limited,
    jsonBodyOnly,
    actionHeaders,
  ] as const

/** Adds or removes one of the team's tags. */
const tagChange = (change: 'add-tag' | 'remove-tag') =>
  factory.createHandlers(
    ...guards({ object: 'inquiry', action: PERSONA_ACTIONS.tags }),
    validator('json', tagBody, rejectActionBody),
    async (c) => {
      const { id } = c.req.valid('param')
      const body = { meta: { 'tag-name': c.req.valid('json').meta['tag-name'] } }
      const write = { action: PERSONA_ACTIONS.tags, path: `inquiries/${id}/${change}`, body, id, headers: c.req.valid('header') }
      return c.json(await written<PersonaInquiry>(c, write), 200)
    },
  )

/** Approve or decline, with the agent's comment for Persona's audit trail. */
const commentedDecision = (action: VendorAction, decision: 'approve' | 'decline') =>
  factory.createHandlers(...guards({ object: 'inquiry', action }), validator('json', decisionBody, rejectActionBody), async (c) => {
    const ask = {
      action,
      decision,
      id: c.req.valid('param').id,
      headers: c.req.valid('header'),
      comment: c.req.valid('json').meta?.comment,
    }
    return c.json(await decide(c, ask), 200)
  })

export const personaActionRoutes = new Hono<AppEnv>()
  .post(
    '/inquiries/:id/generate-one-time-link',
    ...guards({ object: 'inquiry', action: PERSONA_ACTIONS.link, ok: OneTimeLinkSchema }),
    validator('json', oneTimeLinkBody, rejectActionBody),
    async (c) => {
      const { id } = c.req.valid('param')
      return c.json(
        await oneTimeLink(c, { id, headers: c.req.valid('header'), seconds: c.req.valid('json').meta?.['expires-in-seconds'] }),
        200,
      )
    },
  )
  .post('/inquiries/:id/add-tag', ...tagChange('add-tag'))
  .post('/inquiries/:id/remove-tag', ...tagChange('remove-tag'))
  .post(
    '/inquiries/:id/escalate',
    ...guards({ object: 'inquiry', action: PERSONA_ACTIONS.escalation }),
    validator('json', escalateBody, rejectActionBody),
    async (c) => c.json(allowed(await escalate(c, c.req.valid('param').id, c.req.valid('header'))), 200),
  )
  .post('/inquiries/:id/approve', ...commentedDecision(PERSONA_ACTIONS.approve, 'approve'))
  .post('/inquiries/:id/decline', ...commentedDecision(PERSONA_ACTIONS.decline, 'decline'))
  .post(
    '/inquiries/:id/mark-for-review',
    ...guards({ object: 'inquiry', action: PERSONA_ACTIONS.review }),
    validator('json', noBody, rejectActionBody),
    async (c) => {
      const ask = {
        action: PERSONA_ACTIONS.review,
        decision: 'mark-for-review',
        id: c.req.valid('param').id,
        headers: c.req.valid('header'),
      } as const
      return c.json(await decide(c, ask), 200)
    },
  )
  .post(
    '/cases/:id/assign',
    ...guards({ object: 'case', action: PERSONA_ACTIONS.caseAssign }),
    validator('json', assignBody, rejectActionBody),
    async (c) => {
      const { id } = c.req.valid('param')
      // By default the agent's own Persona user: the agent's name, when it is an email (Access sign-ins always are).
      const email = c.req.valid('json').meta?.['user-email-address'] ?? ownEmail(c.get('agent'))
      const write = { action: PERSONA_ACTIONS.caseAssign, path: `cases/${id}/assign`, body: { meta: { 'user-email-address': email } } }
      return c.json(await written<PersonaCase>(c, { ...write, id, headers: c.req.valid('header') }), 200)
    },
  )
  .post(
    '/cases/:id/set-status',
    ...guards({ object: 'case', action: PERSONA_ACTIONS.caseStatus }),
    validator('json', setStatusBody, rejectActionBody),
    async (c) => {
      const { id } = c.req.valid('param')
      const write = {
        action: PERSONA_ACTIONS.caseStatus,
        path: `cases/${id}/set-status`,
        body: { meta: { status: c.req.valid('json').meta.status } },
      }
      return c.json(await written<PersonaCase>(c, { ...write, id, headers: c.req.valid('header') }), 200)
    },
  )
