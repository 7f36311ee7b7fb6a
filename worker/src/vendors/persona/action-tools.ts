/**
 * Persona's agent actions as MCP tools (mcp/tools/actions.ts lists them where ACTIONS, the actor role
 * and MCP_ACTIONS agree). Each posts to its /v1/persona action route, whose guards and allowlist run
 * as for the extension; the result holds the record's ID and state, and a link only for the link tool.
 */
import { CASE_STATUSES, ONE_TIME_LINK_EXPIRY_SECONDS } from '@idv-lens/shared/api'
import { isIdOfKind } from '@idv-lens/shared/ids'
import { z } from 'zod'
import type { ActionTool, ToolArgs } from '../../kit/actions.ts'
import { isCaseId } from './queries.ts'

const { min, max } = ONE_TIME_LINK_EXPIRY_SECONDS

type Answer = { data?: { id?: string; attributes?: { status?: string; tags?: string[] } }; meta?: Record<string, string | undefined> }

const inquiry = { inquiry_id: z.string().min(1).max(80).describe('The Persona inquiry (inq_...).') }
const kase = { case_id: z.string().min(1).max(80).describe('The Persona case (case_...).') }
/** The record acted on, for the audit: only an ID of its kind (the route refuses any other). */
const inquiryOf = (args: ToolArgs) => (isIdOfKind(String(args['inquiry_id']), 'persona-inquiry') ? String(args['inquiry_id']) : null)
const caseOf = (args: ToolArgs) => (isCaseId(String(args['case_id'])) ? String(args['case_id']) : null)
/** The action route under /v1/persona for the tool's record. */
const path = (args: ToolArgs, then: string) =>
  'inquiry_id' in args
    ? `inquiries/${encodeURIComponent(String(args['inquiry_id']))}/${then}`
    : `cases/${encodeURIComponent(String(args['case_id']))}/${then}`
const stateOf = (answer: unknown) => {
  const data = (answer as Answer).data
  return { id: data?.id ?? '', status: data?.attributes?.status ?? null, tags: data?.attributes?.tags ?? null }
}
const NO_DATA = 'It answers no names, dates of birth, document numbers, files or raw vendor records.'

export const sendNewLink: ActionTool = {
  name: 'send_new_link',
  kind: 'generate-one-time-link',
  title: 'Make a new verification link for the customer',
  description:
    "Makes a one-time link into a new session of a Persona inquiry, for the customer to try again. Needs this caller's requester_check " +
    'match (email or name) on the same inquiry in the last 15 minutes, and at most a few links per inquiry a day. The link is in this result only: ' +
    `the relay never stores, logs or audits it. Pass idempotency_key so a retry returns the same link. ${NO_DATA}`,
  input: {
    ...inquiry,
    expires_in_seconds: z
      .number()
      .int()
      .min(min)
      .max(max)
      .optional()
      .describe(`How long the link works (${min} to ${max} seconds; Persona's default when left out).`),
  },
  output: z.object({ inquiry_id: z.string(), status: z.string().nullable(), link: z.string(), link_short: z.string().optional() }),
  hints: { destructive: false, idempotent: false },
  request: (args) => ({
    path: path(args, 'generate-one-time-link'),
    body: args['expires_in_seconds'] === undefined ? {} : { meta: { 'expires-in-seconds': args['expires_in_seconds'] } },
    record: inquiryOf(args),
  }),
  result(answer) {
    const { id, status } = stateOf(answer)
    const meta = (answer as Answer).meta ?? {}
    const short = meta['one-time-link-short']
    const structured = { inquiry_id: id, status, link: meta['one-time-link'] ?? '', ...(short ? { link_short: short } : {}) }
    return { structured, text: `A new link for ${id}. Send it to the customer only; it is not kept anywhere:\n${structured.link}` }
  },
  whole: ['link', 'link_short'],
}

const tagTool = (name: 'add_tag' | 'remove_tag', then: 'add-tag' | 'remove-tag'): ActionTool => ({
  name,
  kind: then,
  title: name === 'add_tag' ? 'Tag an inquiry' : "Remove an inquiry's tag",
  description: `${name === 'add_tag' ? 'Adds a tag to' : 'Removes a tag from'} a Persona inquiry and answers its tags. It changes nothing else. ${NO_DATA}`,
  input: { ...inquiry, tag: z.string().min(1).max(100).describe('The tag name (1 to 100 printable characters).') },
  output: z.object({ inquiry_id: z.string(), status: z.string().nullable(), tags: z.array(z.string()).nullable() }),
  hints: { destructive: name === 'remove_tag', idempotent: true },
  request: (args) => ({ path: path(args, then), body: { meta: { 'tag-name': args['tag'] } }, record: inquiryOf(args) }),
  result(answer) {
    const { id, status, tags } = stateOf(answer)
    return { structured: { inquiry_id: id, status, tags }, text: `${id} now has the tags ${JSON.stringify(tags ?? [])}.` }
  },
})

export const escalateFlagged: ActionTool = {
  name: 'escalate_flagged',
  kind: 'escalate',
  title: 'Escalate an inquiry a fraud check flagged',
  description:
    "Escalates a Persona inquiry that a fraud, sanctions or another person's-data check flagged, the way the team's admin set it up " +
    `(a tag the team's review picks up, or its case assigned to the team's reviewer). Refused for an inquiry no such check flagged. ${NO_DATA}`,
  input: { ...inquiry },
  output: z.object({
    inquiry_id: z.string(),
    status: z.string().nullable(),
    tags: z.array(z.string()).nullable(),
    case_id: z.string().nullable(),
  }),
  hints: { destructive: false, idempotent: true },
  request: (args) => ({ path: path(args, 'escalate'), body: {}, record: inquiryOf(args) }),
  result(answer, args) {
    const { id, status, tags } = stateOf(answer)
    // The assign form answers the inquiry's case (FLAGGED_ESCALATION=assign:...), the tag form the inquiry.
    if (id.startsWith('case_'))
      return {
        structured: { inquiry_id: String(args['inquiry_id']), status, tags: null, case_id: id },
        text: `${String(args['inquiry_id'])} is escalated: its case ${id} is assigned.`,
      }
    return {
      structured: { inquiry_id: id, status, tags, case_id: null },
      text: `${id} is escalated; its tags are ${JSON.stringify(tags ?? [])}.`,
    }
  },
}

const caseResult = (answer: unknown) => {
  const { id, status } = stateOf(answer)
  return { structured: { case_id: id, status }, text: `Case ${id} is ${JSON.stringify(status)}.` }
}
const caseOutput = z.object({ case_id: z.string(), status: z.string().nullable() })

export const assignCase: ActionTool = {
  name: 'assign_case',
  kind: 'assign',
  title: 'Assign a review case',
  description: `Assigns a Persona review case to a Persona user (by email; this caller's own name when it is an email). It replaces the assignee. ${NO_DATA}`,
  input: { ...kase, user_email: z.string().min(3).max(254).optional().describe("The Persona user's email address.") },
  output: caseOutput,
  hints: { destructive: true, idempotent: true },
  request: (args) => ({
    path: path(args, 'assign'),
    body: args['user_email'] === undefined ? {} : { meta: { 'user-email-address': args['user_email'] } },
    record: caseOf(args),
  }),
  result: caseResult,
}

export const setCaseStatus: ActionTool = {
  name: 'set_case_status',
  kind: 'set-status',
  title: "Set a review case's status",
  description: `Sets a Persona review case's status (${CASE_STATUSES.join(', ')}), which may approve or decline the customer. ${NO_DATA}`,
  input: { ...kase, status: z.enum(CASE_STATUSES).describe('The new status.') },
  output: caseOutput,
  hints: { destructive: true, idempotent: true },
  request: (args) => ({ path: path(args, 'set-status'), body: { meta: { status: args['status'] } }, record: caseOf(args) }),
  result: caseResult,
}

export const tagTools = [tagTool('add_tag', 'add-tag'), tagTool('remove_tag', 'remove-tag')] as const
