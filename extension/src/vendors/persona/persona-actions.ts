import { CASE_STATUSES, ONE_TIME_LINK_EXPIRY_SECONDS, PERSONA_READ_HEADERS } from '@idv-lens/shared/api'
import { isIdOfKind } from '@idv-lens/shared/ids'
import type { RelayClient } from '@idv-lens/worker/client'
import type { ActionAnswer } from '../../kit/relay.ts'
import type { ActionButton, CheckedInput, VendorAction } from '../vendor.ts'

/** The case statuses an agent may set: the ones Persona's case templates come with. */
export { CASE_STATUSES }
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** How long a new link stays valid: Persona's own default, 24 hours. */
export const LINK_EXPIRY_SECONDS = 24 * 60 * 60

/** The expiries the relay accepts (a minute to a week). */
const isLinkExpiry = (seconds: unknown): seconds is number =>
  typeof seconds === 'number' &&
  Number.isInteger(seconds) &&
  seconds >= ONE_TIME_LINK_EXPIRY_SECONDS.min &&
  seconds <= ONE_TIME_LINK_EXPIRY_SECONDS.max

/** A tag change as the side panel sends it: which tag, and whether the inquiry should have it. */
export type TagChange = { tag: string; on: boolean }

// The keys and version the relay's reads use, so the inquiry in an action's answer reads the same.
const header = { ...PERSONA_READ_HEADERS }
const inquiries = (c: RelayClient) => c.v1.persona.inquiries[':id']
const cases = (c: RelayClient) => c.v1.persona.cases[':id']
const isInquiryId = (id: string) => isIdOfKind(id, 'persona-inquiry')
// As lib/change-notice.ts reads one; not imported, so the card's bundle does not carry its storage.
const isCaseId = (id: string): boolean => /^case_[A-Za-z0-9]{1,64}$/.test(id)
const nothing = async (): Promise<CheckedInput> => ({ input: undefined })

/** The link from the relay's answer (`meta.one-time-link`), nothing else of it; an answer without one is a failure. */
function linkOf(data: unknown): ActionAnswer | null {
  const link = (data as { meta?: { 'one-time-link'?: unknown } } | null)?.meta?.['one-time-link']
  return typeof link === 'string' && /^https?:\/\//.test(link) ? { link } : null
}

/** The link's confirm text: the declaration's, and the link step's in the detail. */
export const LINK_CONFIRM = 'linkConfirm'

const link: VendorAction = {
  key: 'one-time-link',
  requesterMatch: true,
  confirm: LINK_CONFIRM,
  idempotent: true,
  target: isInquiryId,
  async check(raw) {
    const seconds = (raw as { expiresInSeconds?: unknown } | undefined)?.expiresInSeconds
    if (seconds !== undefined && !isLinkExpiry(seconds)) return { refused: 'expiry-out-of-range' }
    return { input: seconds === undefined ? {} : { meta: { 'expires-in-seconds': seconds } } }
  },
  call({ id, input, idempotencyKey = '' }: { id: string; input: { meta?: { 'expires-in-seconds': number } }; idempotencyKey?: string }) {
    // The click's key: Persona makes one session for it, however often the call is retried.
    const keyed = { ...header, 'idempotency-key': idempotencyKey }
    return (c, o) => inquiries(c)['generate-one-time-link'].$post({ param: { id }, json: input, header: keyed }, o)
  },
  answer: linkOf,
}

const tags: VendorAction = {
  key: 'tags',
  requesterMatch: false,
  target: isInquiryId,
  // Only the team's tags: the list policy names is the whole choice, whatever a page of ours sends.
  async check(raw, { teamList }) {
    const { tag, on } = (raw ?? {}) as { tag?: unknown; on?: unknown }
    if (typeof tag !== 'string' || typeof on !== 'boolean') return { refused: 'not-a-tag-change' }
    if (!(await teamList('inquiryTags')).includes(tag)) return { refused: 'tag-not-in-team-list' }
    return { input: { tag, on } satisfies TagChange }
  },
  call({ id, input: { tag, on } }: { id: string; input: TagChange }) {
    const args = { param: { id }, json: { meta: { 'tag-name': tag } }, header }
    return (c, o) => (on ? inquiries(c)['add-tag'].$post(args, o) : inquiries(c)['remove-tag'].$post(args, o))
  },
}

const caseAssign: VendorAction = {
  key: 'case-assign',
  requesterMatch: false,
  target: isCaseId,
  check: nothing,
  // Without an email the relay assigns the case to the agent who asks.
  call:
    ({ id }) =>
    (c, o) =>
      cases(c).assign.$post({ param: { id }, json: {}, header }, o),
}

const caseStatus: VendorAction = {
  key: 'case-status',
  requesterMatch: false,
  target: isCaseId,
  async check(raw) {
    const status = (raw as { status?: unknown } | undefined)?.status
    if (typeof status !== 'string' || !(CASE_STATUSES as readonly string[]).includes(status)) return { refused: 'not-a-case-status' }
    return { input: { status } }
  },
  call({ id, input: { status } }: { id: string; input: { status: CaseStatus } }) {
    return (c, o) => cases(c)['set-status'].$post({ param: { id }, json: { meta: { status } }, header }, o)
  },
}

/** A flagged inquiry's escalation: what it does is the relay admin's (FLAGGED_ESCALATION), so it sends nothing but the ID. */
const escalation: VendorAction = {
  key: 'flagged-escalation',
  requesterMatch: false,
  target: isInquiryId,
  check: nothing,
  call:
    ({ id }) =>
    (c, o) =>
      inquiries(c).escalate.$post({ param: { id }, json: {}, header }, o),
}

/** An inquiry decision's optional comment (approve, decline), as the relay takes it: 1 to 500 printable characters. */
const commentOf = (raw: unknown): CheckedInput => {
  const comment = (raw as { comment?: unknown } | undefined)?.comment
  if (comment === undefined || comment === '') return { input: {} }
  if (typeof comment !== 'string' || !/^[^\p{Cc}\p{Cf}]{1,500}$/u.test(comment)) return { refused: 'not-a-comment' }
  return { input: { meta: { comment } } }
}

/** Approve or decline: the same action but for its route, with the optional comment. */
const commented = (decision: 'approve' | 'decline'): VendorAction => ({
  key: `inquiry-${decision}`,
  requesterMatch: false,
  confirm: `decisionConfirm_${decision}`,
  target: isInquiryId,
  check: async (raw) => commentOf(raw),
  call:
    ({ id, input }: { id: string; input: { meta?: { comment: string } } }) =>
    (c, o) =>
      inquiries(c)[decision].$post({ param: { id }, json: input, header }, o),
})

const approve = commented('approve')
const decline = commented('decline')

const review: VendorAction = {
  key: 'inquiry-review',
  requesterMatch: false,
  confirm: 'decisionConfirm_review',
  target: isInquiryId,
  check: nothing,
  // Persona documents no body for it; the relay takes only an empty one.
  call:
    ({ id }) =>
    (c, o) =>
      inquiries(c)['mark-for-review'].$post({ param: { id }, json: {}, header }, o),
}

/** Persona's agent actions (docs/relay-contract.md, "Agent actions"). Nothing of an answer is kept here. */
export const PERSONA_ACTIONS: readonly VendorAction[] = [link, tags, caseAssign, caseStatus, escalation, approve, decline, review]

/** The inquiry decisions, in the order the detail shows them. */
export const DECISIONS = [
  { action: 'inquiry-approve', label: 'decisionApprove', confirm: 'decisionConfirm_approve' },
  { action: 'inquiry-decline', label: 'decisionDecline', confirm: 'decisionConfirm_decline' },
  { action: 'inquiry-review', label: 'decisionReview', confirm: 'decisionConfirm_review' },
] as const

/** The card's buttons for them, by what the relay offers the agent (never by the ID's status). */
export const PERSONA_ACTION_BUTTONS: readonly ActionButton[] = [
  { actions: ['one-time-link'], section: 'link', label: 'cardSendLink', help: 'cardSendLinkHelp', testId: 'card-action-link' },
  { actions: ['tags'], section: 'tags', label: 'cardTags', help: 'cardTagsHelp', testId: 'card-action-tags' },
  {
    actions: ['case-assign', 'case-status'],
    section: 'case',
    label: 'cardCaseActions',
    help: 'cardCaseActionsHelp',
    testId: 'card-action-case',
  },
]
