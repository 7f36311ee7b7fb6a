/**
 * Sumsub's agent action (docs/vendors/sumsub.md §4): a new WebSDK link for the applicant's own level
 * and user, living as long as SUMSUB_LINK_TTL_SECONDS says. Off until ACTIONS names `sumsub-link`, for
 * actors only, after a requester match, bounded per applicant a day. Only an unfinished applicant or
 * a RETRY gets one: FINAL is Sumsub's no, and a label pointing at fraud is escalated, not retried.
 * The link is in this answer only, never cached, stored, logged or audited.
 */
import { Hono, type Context } from 'hono'
import { validator } from 'hono-openapi'
import { z } from 'zod'
import type { SumsubApplicant, SumsubNewLink } from '@idv-lens/shared/api'
import { flaggedCheck } from '@idv-lens/shared/replies'
import { type AppEnv, okBody } from '../../kit/routes.ts'
import { ApiError } from '../../kit/errors.ts'
import { actionAllowed, actionReads, cacheFor, callAction, configuredKey, limited, rejectActionBody } from '../../kit/actions.ts'
import { jsonBodyOnly, satisfying, validHeaders, validId } from '../../kit/query.ts'
import { SUMSUB_ACTIONS } from './action-list.ts'
import { sumsubApplicantAllowed } from './allowlist.ts'
import { applicantCall, isSumsubApplicantId } from './ids.ts'
import { linkTtlOf, sumsubLinkBody, sumsubLinkOf, type SumsubLinkBody } from './link.ts'
import { SumsubNewLinkSchema } from './contract.ts'
import { sumsubReviewReason } from './review-reason.ts'
import { sumsubStatus } from './summary.ts'
import type { SumsubApplicant as RawApplicant } from './types.ts'

const applicantId = validId(isSumsubApplicantId, 'a Sumsub applicant ID (24 hexadecimal characters)')
const actionHeaders = validHeaders(
  z.object({ 'idempotency-key': satisfying((v) => /^[\x21-\x7e]{1,255}$/.test(v), '1 to 255 visible ASCII characters').optional() }),
)

/** The link takes no input: its level, user and TTL are the applicant's and the admin's, never the agent's. */
const noBody = z.object({}).strict()

/** Statuses a new link cannot help: done, or a decision under way (docs/vendors/sumsub.md §3). */
const NO_NEW_LINK: ReadonlySet<string> = new Set(['GREEN', 'pending', 'prechecked', 'queued', 'onHold'])

/** The applicant, read fresh, and the link's body; refused before any write when a link would not help or is not allowed. */
async function linkFor(c: Context<AppEnv>, id: string): Promise<{ applicant: SumsubApplicant; body: SumsubLinkBody }> {
  const ttlInSecs = linkTtlOf(c.env.SUMSUB_LINK_TTL_SECONDS)
  if (ttlInSecs === null)
    throw new ApiError('provider-not-configured', 'SUMSUB_LINK_TTL_SECONDS must be whole seconds from 60 to 604800: no link is made.', {
      provider: 'sumsub',
    })
  const applicant = sumsubApplicantAllowed(await actionReads(c).get<RawApplicant>(applicantCall({ id }))) as SumsubApplicant
  const status = sumsubStatus(applicant)
  if (status === 'RED' && applicant.review?.reviewResult?.reviewRejectType !== 'RETRY') {
    throw new ApiError('bad-request', 'Sumsub rejected this applicant for good (FINAL): it takes no resubmission, so no link is made.')
  }
  if (NO_NEW_LINK.has(status))
    throw new ApiError('bad-request', `This applicant is ${status}: a new link would not help the customer, so none is made.`)
  const flagged = flaggedCheck(sumsubReviewReason(applicant)?.failed ?? [])
  if (flagged)
    throw new ApiError(
      'flagged-record',
      `Sumsub's labels point at fraud (${flagged.reasons.join(', ')}): no new link is made; escalate it to the team's review.`,
      { provider: 'sumsub' },
    )
  const body = sumsubLinkBody({ levelName: applicant.levelName, externalUserId: applicant.externalUserId, ttlInSecs })
  if (!body)
    throw new ApiError('upstream-invalid', 'Sumsub answered an applicant without a level or external user ID a link can be made for.', {
      provider: 'sumsub',
    })
  return { applicant, body }
}

/** Sumsub's answer only when it holds a link (else the day's count is given back). */
const aLink = (answer: unknown): string => {
  const url = sumsubLinkOf(answer)
  if (!url) throw new ApiError('upstream-invalid', 'Sumsub answered without a link (at url).', { provider: 'sumsub' })
  return url
}

async function newLink(c: Context<AppEnv>, id: string, key: string | undefined): Promise<SumsubNewLink> {
  const config = c.get('config')
  const { applicant, body } = await linkFor(c, id)
  const url = await callAction<string>(
    config,
    {
      provider: 'sumsub',
      action: SUMSUB_ACTIONS.link,
      record: id,
      path: 'resources/sdkIntegrations/levels/-/websdkLink',
      body,
      headers: {},
      idempotencyKey: key,
      changed: [id],
      apiKey: configuredKey(config, 'sumsub'),
      agent: c.get('agent') ?? 'anonymous',
    },
    aLink,
  )
  c.set('vendorStatus', 200)
  cacheFor(config).store.forgetMentioning([id])
  return { applicant, link: { url, ttlInSecs: body.ttlInSecs } }
}

export const sumsubActionRoutes = new Hono<AppEnv>().post(
  '/applicants/:id/new-link',
  okBody(SumsubNewLinkSchema),
  async (c, next) => {
    // First, so a refusal's audit row names the applicant too.
    const id = c.req.param('id')
    if (id !== undefined && isSumsubApplicantId(id)) c.set('auditIds', [id.toLowerCase()])
    await next()
  },
  actionAllowed(SUMSUB_ACTIONS.link.key),
  applicantId,
  limited,
  jsonBodyOnly,
  actionHeaders,
  validator('json', noBody, rejectActionBody),
  async (c) => c.json(await newLink(c, c.req.valid('param').id.toLowerCase(), c.req.valid('header')['idempotency-key']), 200),
)
