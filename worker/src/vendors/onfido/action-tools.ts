/**
 * Onfido's new link as an MCP tool (mcp/tools/actions.ts lists it where ACTIONS, the actor role and
 * MCP_ACTIONS agree). It posts to /v1/onfido/workflow_runs/{id}/new-link, whose guards and allowlist
 * run as for the extension; the result holds the new run's ID and status, the link and its expiry.
 */
import { ONE_TIME_LINK_EXPIRY_SECONDS } from '@idv-lens/shared/api'
import { z } from 'zod'
import type { ActionTool, ToolArgs } from '../../kit/actions.ts'

const { min, max } = ONE_TIME_LINK_EXPIRY_SECONDS
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

type Answer = { workflow_run?: { id?: string; status?: string }; link?: { url?: string; expires_at?: string | null } }

const runOf = (args: ToolArgs) => (UUID.test(String(args['workflow_run_id'])) ? String(args['workflow_run_id']).toLowerCase() : null)

export const sendNewOnfidoLink: ActionTool = {
  name: 'send_new_onfido_link',
  kind: 'new-link',
  title: 'Make a new Onfido verification link for the customer',
  description:
    'Makes a new Onfido workflow run for the same applicant and workflow as the run given, with a link for the customer to try again. ' +
    "Needs this caller's requester_check match (email or name) on one of the applicant's runs in the last 15 minutes where the relay requires one. " +
    'At most a few per applicant a day; refused for a run that is approved, processing or in review. The link is in this result only: ' +
    'the relay never stores, logs or audits it. A retry with the same idempotency_key within a day makes no second run: it is refused as already-made, with the time, and no link. ' +
    'It answers no names, dates of birth, document numbers, files or raw vendor records.',
  input: {
    workflow_run_id: z.string().min(1).max(80).describe('The Onfido workflow run (a UUID) whose applicant gets the new link.'),
    expires_in_seconds: z
      .number()
      .int()
      .min(min)
      .max(max)
      .optional()
      .describe(`How long the link works (${min} to ${max} seconds; a day when left out).`),
  },
  output: z.object({ workflow_run_id: z.string(), status: z.string().nullable(), link: z.string(), expires_at: z.string().nullable() }),
  hints: { destructive: false, idempotent: false },
  request: (args) => {
    const seconds = args['expires_in_seconds']
    const body = typeof seconds === 'number' ? { link: { expires_at: new Date(Date.now() + seconds * 1000).toISOString() } } : {}
    return { path: `workflow_runs/${encodeURIComponent(String(args['workflow_run_id']))}/new-link`, body, record: runOf(args) }
  },
  result(answer) {
    const { workflow_run: run, link } = answer as Answer
    const structured = {
      workflow_run_id: run?.id ?? '',
      status: run?.status ?? null,
      link: link?.url ?? '',
      expires_at: link?.expires_at ?? null,
    }
    const until = structured.expires_at ? ` It works until ${structured.expires_at}.` : ''
    return {
      structured,
      text: `A new Onfido run ${structured.workflow_run_id} with a link.${until} Send it to the customer only; it is not kept anywhere:\n${structured.link}`,
    }
  },
  whole: ['link'],
}
