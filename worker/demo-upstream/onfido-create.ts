/**
 * Onfido's `POST /workflow_runs` (Create a Workflow Run, spec/onfido-v3.6.json `workflow_run_builder`):
 * a new run for an applicant and a workflow, with a link for the customer. Onfido documents no
 * Idempotency-Key, so each call makes a run. Runs made here are kept per API token (the test's scope),
 * so no other scope's lists change; at most MAX_MADE per scope.
 */
import { randomBase58 } from './http-util.ts'
import { onfidoErrors } from './onfido-errors.ts'
import type { OnfidoDataset } from './onfido-seed.ts'
import type { OnfidoWorkflowRun } from './onfido-types.ts'
import { iso } from './timeline.ts'

const MAX_MADE = 500
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const LANGUAGES = ['en_US', 'de_DE'] as const
/** Onfido's default life of a run's link when `expires_at` is not given (a demo choice: Onfido says "configurable"). */
const DEFAULT_LINK_MS = 7 * 24 * 3600 * 1000

type Body = { workflow_id?: unknown; applicant_id?: unknown; link?: { expires_at?: unknown; language?: unknown } | unknown }

function linkOf(link: unknown, now: number): OnfidoWorkflowRun['link'] {
  const asked = (link && typeof link === 'object' ? link : {}) as { expires_at?: unknown; language?: unknown }
  let expires = now + DEFAULT_LINK_MS
  if (asked.expires_at !== undefined && asked.expires_at !== null) {
    if (typeof asked.expires_at !== 'string' || Number.isNaN(Date.parse(asked.expires_at)))
      throw onfidoErrors.invalid('link.expires_at', 'must be a date-time')
    expires = Date.parse(asked.expires_at)
    if (expires <= now) throw onfidoErrors.invalid('link.expires_at', 'must be in the future')
  }
  const language = asked.language ?? null
  if (language !== null && !(LANGUAGES as readonly unknown[]).includes(language))
    throw onfidoErrors.invalid('link.language', `must be one of ${LANGUAGES.join(', ')}`)
  return {
    url: `https://eu.onfido.app/l/${randomBase58(22)}`,
    completed_redirect_url: null,
    expired_redirect_url: null,
    expires_at: iso(expires),
    language: language as OnfidoWorkflowRun['link']['language'],
  }
}

/** The runs each scope made, newest first. */
export class OnfidoMadeRuns {
  private readonly byScope = new Map<string, OnfidoWorkflowRun[]>()

  of(scope: string): readonly OnfidoWorkflowRun[] {
    return this.byScope.get(scope) ?? []
  }

  /** The dataset as `scope` sees it: its own runs first (they are the newest). */
  seenBy(scope: string, data: OnfidoDataset): OnfidoDataset {
    const made = this.of(scope)
    if (made.length === 0) return data
    return { ...data, runs: [...made, ...data.runs], runsById: new Map([...data.runsById, ...made.map((run) => [run.id, run] as const)]) }
  }

  create(scope: string, data: OnfidoDataset, body: Body, now: number): OnfidoWorkflowRun {
    for (const name of ['workflow_id', 'applicant_id'] as const) {
      const value = body[name]
      if (typeof value !== 'string' || !UUID.test(value))
        throw onfidoErrors.invalid(name, value === undefined ? 'is missing' : 'must be a UUID')
    }
    const applicant = (body.applicant_id as string).toLowerCase()
    const workflow = (body.workflow_id as string).toLowerCase()
    // An applicant Onfido does not know is a 422 on `applicant_id`, as Onfido answers it.
    if (!this.seenBy(scope, data).runs.some((run) => run.applicant_id === applicant))
      throw onfidoErrors.invalid('applicant_id', 'not found')
    const id = crypto.randomUUID()
    const run: OnfidoWorkflowRun = {
      id,
      applicant_id: applicant,
      workflow_id: workflow,
      workflow_version_id: 1,
      dashboard_url: `https://dashboard.onfido.com/results/${id}`,
      status: 'awaiting_input',
      output: {},
      reasons: [],
      tags: [],
      customer_user_id: '',
      link: linkOf(body.link, now),
      sdk_token: `eyJ${randomBase58(40)}`,
      created_at: iso(now),
      updated_at: iso(now),
    }
    const made = [run, ...this.of(scope)].slice(0, MAX_MADE)
    this.byScope.set(scope, made)
    return run
  }
}
