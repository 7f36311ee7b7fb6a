/**
 * Persona's inquiry decisions as MCP tools (listed only where ACTIONS, the reviewer role and
 * MCP_ACTIONS agree). Each posts to its /v1/persona route, whose guards run as for the extension.
 */
import { isIdOfKind } from '@idv-lens/shared/ids'
import { z } from 'zod'
import type { ActionTool, ToolArgs } from '../../kit/actions.ts'
import { decisionUpstreamBody, type Decision } from './decision-body.ts'

type Answer = { data?: { id?: string; attributes?: { status?: string } } }

const inquiry = { inquiry_id: z.string().min(1).max(80).describe('The Persona inquiry (inq_...).') }
const comment = { comment: z.string().min(1).max(500).optional().describe("A comment for Persona's audit trail.") }
const recordOf = (args: ToolArgs) => (isIdOfKind(String(args['inquiry_id']), 'persona-inquiry') ? String(args['inquiry_id']) : null)
const WORDS: Record<Decision, { name: string; title: string; does: string }> = {
  approve: { name: 'approve_inquiry', title: 'Approve an inquiry', does: 'Approves a Persona inquiry (its workflows and webhooks run).' },
  decline: { name: 'decline_inquiry', title: 'Decline an inquiry', does: 'Declines a Persona inquiry (its workflows and webhooks run).' },
  'mark-for-review': {
    name: 'mark_inquiry_for_review',
    title: 'Mark an inquiry for review',
    does: 'Marks a Persona inquiry for manual review; not one already approved or declined.',
  },
}

const decisionTool = (decision: Decision): ActionTool => ({
  name: WORDS[decision].name,
  kind: decision,
  title: WORDS[decision].title,
  description: `${WORDS[decision].does} It answers the inquiry's ID and status only.`,
  input: decision === 'mark-for-review' ? inquiry : { ...inquiry, ...comment },
  output: z.object({ inquiry_id: z.string(), status: z.string().nullable() }),
  hints: { destructive: true, idempotent: true },
  request: (args) => ({
    path: `inquiries/${encodeURIComponent(String(args['inquiry_id']))}/${decision}`,
    body: decisionUpstreamBody(decision, typeof args['comment'] === 'string' ? args['comment'] : undefined),
    record: recordOf(args),
  }),
  result(answer) {
    const data = (answer as Answer).data
    const structured = { inquiry_id: data?.id ?? '', status: data?.attributes?.status ?? null }
    return { structured, text: `Inquiry ${structured.inquiry_id} is ${JSON.stringify(structured.status)}.` }
  },
})

export const decisionTools = { approve: decisionTool('approve'), decline: decisionTool('decline'), review: decisionTool('mark-for-review') }
