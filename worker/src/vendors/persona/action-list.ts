import type { VendorAction } from '../../kit/actions.ts'
import { assignCase, escalateFlagged, sendNewLink, setCaseStatus, tagTools } from './action-tools.ts'
import { decisionTools } from './decision-tools.ts'

/** One-time links per inquiry in any 24 h: Persona caps sessions per inquiry at 25, and a customer needs one or two. */
export const LINKS_PER_INQUIRY_PER_DAY = 5

const link: VendorAction = {
  key: 'one-time-link',
  routes: ['/inquiries/:id/generate-one-time-link'],
  requesterMatch: 'configured',
  perDay: LINKS_PER_INQUIRY_PER_DAY,
  idempotent: 'vendor',
  refusals: {
    notConfirmed:
      "Check the ticket requester's email or name against this inquiry first (POST /v1/requester-check, a match in the last 15 minutes).",
    bound: (seconds) => `This inquiry has had as many new links as a day allows; retry in ${seconds} s.`,
  },
  tools: [sendNewLink],
}

const plain = (key: VendorAction['key'], routes: string[], tools: VendorAction['tools']): VendorAction => ({
  key,
  routes,
  requesterMatch: false,
  perDay: null,
  idempotent: 'vendor',
  tools,
})

/** Persona's agent actions (issue 49), by the name ACTIONS turns each on with. */
export const PERSONA_ACTIONS = {
  link,
  tags: plain('tags', ['/inquiries/:id/add-tag', '/inquiries/:id/remove-tag'], tagTools),
  caseAssign: plain('case-assign', ['/cases/:id/assign'], [assignCase]),
  caseStatus: plain('case-status', ['/cases/:id/set-status'], [setCaseStatus]),
  escalation: plain('flagged-escalation', ['/inquiries/:id/escalate'], [escalateFlagged]),
  approve: plain('inquiry-approve', ['/inquiries/:id/approve'], [decisionTools.approve]),
  decline: plain('inquiry-decline', ['/inquiries/:id/decline'], [decisionTools.decline]),
  review: plain('inquiry-review', ['/inquiries/:id/mark-for-review'], [decisionTools.review]),
} as const satisfies Record<string, VendorAction>
