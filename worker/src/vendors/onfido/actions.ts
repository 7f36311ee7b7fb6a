/**
 * Onfido's agent action (docs/vendors/onfido.md §6): a new link for the customer, as a new workflow
 * run for the same applicant and workflow (Onfido's `POST /workflow_runs`). Off until ACTIONS names
 * `onfido-link`, open to actors only, bounded per applicant a day. The link is the customer's key:
 * it is in this answer only, never cached, stored, logged or audited.
 */
import { Hono, type Context } from 'hono'
import { validator } from 'hono-openapi'
import { z } from 'zod'
import { flaggedCheck } from '@idv-lens/shared/replies'
import { type AppEnv, okBody } from '../../kit/routes.ts'
import { ApiError } from '../../kit/errors.ts'
import { actionAllowed, actionReads, cacheFor, callAction, configuredKey, limited, rejectActionBody } from '../../kit/actions.ts'
import { jsonBodyOnly, satisfying, validHeaders, validId } from '../../kit/query.ts'
import { expiryOf, newLinkBody } from './action-body.ts'
import { ONFIDO_ACTIONS } from './action-list.ts'
import { onfidoRunAllowed } from './allowlist.ts'
import { readsReports, reportReason } from './report-reason.ts'
import { onfidoRunReason } from './summary.ts'
import { OnfidoNewLinkSchema } from './contract.ts'
import type { OnfidoWorkflowRun } from './types.ts'

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/
const runId = validId((v) => UUID.test(v), 'an Onfido workflow run ID (a UUID)')
const actionHeaders = validHeaders(
  z.object({ 'idempotency-key': satisfying((v) => /^[\x21-\x7e]{1,255}$/.test(v), '1 to 255 visible ASCII characters').optional() }),
)

/** A run whose customer has nothing left to do, or whose decision is under way: a new run would not help. */
const NO_NEW_LINK: ReadonlySet<string> = new Set(['approved', 'processing', 'review'])

/** Only an http(s) link is passed on (plain http to a loopback host: the local demo), else the answer is not Onfido's. */
function linkOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048 || !URL.canParse(value)) return undefined
  const url = new URL(value)
  const loopback = url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  return url.protocol === 'https:' || loopback ? value : undefined
}

/** The run asked about, read fresh (not from the relay's cache): its applicant, workflow and status. */
async function runOf(c: Context<AppEnv>, id: string): Promise<OnfidoWorkflowRun> {
  const run = await actionReads(c).get<OnfidoWorkflowRun>({ provider: 'onfido', path: `workflow_runs/${id}`, query: '' })
  if (
    typeof run?.applicant_id !== 'string' ||
    !UUID.test(run.applicant_id) ||
    typeof run.workflow_id !== 'string' ||
    !UUID.test(run.workflow_id)
  ) {
    throw new ApiError('upstream-invalid', 'Onfido answered a run without its applicant_id or workflow_id.', { provider: 'onfido' })
  }
  if (NO_NEW_LINK.has(String(run.status)))
    throw new ApiError('bad-request', `This run is ${String(run.status)}: a new link would not help the customer, so none is made.`)
  await refuseFlagged(c, run)
  return run
}

/** Refuses a run a fraud check flagged (its reasons, else its failed reports, as its lookup reads them), before any write. */
async function refuseFlagged(c: Context<AppEnv>, run: OnfidoWorkflowRun): Promise<void> {
  const reason = readsReports(run) ? await reportReason(actionReads(c), run) : onfidoRunReason(run)
  const flagged = flaggedCheck(reason?.failed ?? [])
  if (flagged)
    throw new ApiError(
      'flagged-record',
      `A fraud check flagged this run (${[flagged.check, ...flagged.reasons].join(', ')}): no new link is made; escalate it to the team's review.`,
      { provider: 'onfido' },
    )
}

/** Onfido's answer only when it is a run for the same applicant and workflow, with a link (else the day's count is given back). */
const aRunFor =
  (asked: OnfidoWorkflowRun) =>
  (answer: unknown): OnfidoWorkflowRun => {
    const made = answer as OnfidoWorkflowRun
    if (
      made?.applicant_id !== asked.applicant_id ||
      made.workflow_id !== asked.workflow_id ||
      typeof made.id !== 'string' ||
      !UUID.test(made.id)
    ) {
      throw new ApiError('upstream-invalid', "Onfido's new run is not for the run's applicant and workflow; no link is passed on.", {
        provider: 'onfido',
      })
    }
    if (!linkOf((made.link as { url?: unknown } | undefined)?.url))
      throw new ApiError('upstream-invalid', 'Onfido answered without a link (at link.url).', { provider: 'onfido' })
    return made
  }

type LinkAsk = { id: string; key: string | undefined; expiresAt: string | undefined }

/** Makes the new run through the gate (its guards in the same round trip), and forgets what named the applicant. */
async function newLink(c: Context<AppEnv>, { id, key, expiresAt }: LinkAsk) {
  const config = c.get('config')
  const asked = await runOf(c, id.toLowerCase())
  const applicant = asked.applicant_id.toLowerCase()
  const expires_at = expiryOf(expiresAt, Date.now())
  const made = await callAction<OnfidoWorkflowRun>(
    config,
    {
      provider: 'onfido',
      action: ONFIDO_ACTIONS.link,
      record: applicant,
      path: 'workflow_runs',
      body: { workflow_id: asked.workflow_id, applicant_id: asked.applicant_id, link: { expires_at } },
      headers: {},
      idempotencyKey: key,
      changed: [id.toLowerCase(), applicant],
      apiKey: configuredKey(config, 'onfido'),
      agent: c.get('agent') ?? 'anonymous',
    },
    aRunFor(asked),
  )
  c.set('vendorStatus', 200)
  cacheFor(config).store.forgetMentioning([applicant, made.id])
  const link = made.link as { url: string; expires_at?: string | null }
  return { workflow_run: onfidoRunAllowed(made), link: { url: linkOf(link.url)!, expires_at: link.expires_at ?? null } }
}

export const onfidoActionRoutes = new Hono<AppEnv>().post(
  '/workflow_runs/:id/new-link',
  okBody(OnfidoNewLinkSchema),
  async (c, next) => {
    // First, so a refusal's audit row names the run too.
    const id = c.req.param('id')
    if (id !== undefined && UUID.test(id)) c.set('auditIds', [id.toLowerCase()])
    await next()
  },
  actionAllowed(ONFIDO_ACTIONS.link.key),
  runId,
  limited,
  jsonBodyOnly,
  actionHeaders,
  validator('json', newLinkBody, rejectActionBody),
  async (c) => {
    const { id } = c.req.valid('param')
    const key = c.req.valid('header')['idempotency-key']
    return c.json(await newLink(c, { id, key, expiresAt: c.req.valid('json').link?.expires_at }), 200)
  },
)
