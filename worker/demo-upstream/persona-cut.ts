/** Cuts a planned inquiry at the anchor: what was planned for later hasn't happened yet. */
import { STEP_NAMES, type PlanContext, type Planned } from './persona-lifecycle.ts'
import type { Inquiry, Transition } from './persona-types.ts'

/** Drops whatever was planned after the anchor and derives every "as of now" value from what's left. */
export function cutAtAnchor(plan: Planned, context: PlanContext, anchor: number): Planned {
  const seen = <T extends number | null>(ms: T): T | null => (ms !== null && ms <= anchor ? ms : null)
  // Keeps the transitions that happened by the anchor; the status is the last of them.
  const cutTransitions = <S extends string>(item: { transitions: Transition<S>[]; status: S }) => {
    item.transitions = item.transitions.filter((tr) => tr.at <= anchor)
    item.status = item.transitions.at(-1)?.status ?? item.status
  }
  const sessions = plan.sessions.filter((s) => s.createdAt <= anchor)
  for (const s of sessions) {
    cutTransitions(s)
    s.startedAt = seen(s.startedAt)
    s.expiredAt = seen(s.expiredAt)
  }
  const verifications = plan.verifications.filter((v) => v.createdAt <= anchor)
  for (const v of verifications) {
    cutTransitions(v)
    v.submittedAt = seen(v.submittedAt)
    v.completedAt = seen(v.completedAt)
  }
  const inquiry = plan.inquiry
  cutTransitions(inquiry)
  inquiry.startedAt = seen(inquiry.startedAt)
  inquiry.completedAt = seen(inquiry.completedAt)
  inquiry.failedAt = seen(inquiry.failedAt)
  inquiry.markedForReviewAt = seen(inquiry.markedForReviewAt)
  inquiry.decisionedAt = seen(inquiry.decisionedAt)
  inquiry.expiredAt = seen(inquiry.expiredAt)
  inquiry.redactedAt = seen(inquiry.redactedAt)
  if (inquiry.decisionedAt === null) {
    inquiry.reviewerComment = null
    inquiry.reviewer = null
  }
  if (inquiry.startedAt === null) inquiry.behaviors = null
  // Only inquiries still in progress have a pending expiry.
  if (inquiry.status !== 'created' && inquiry.status !== 'pending') inquiry.expiresAt = null

  // Steps and fields as far as the flow got by now.
  const passed = new Set(verifications.filter((v) => v.status === 'passed').map((v) => v.type))
  if (inquiry.status === 'created' || inquiry.status === 'pending' || inquiry.status === 'expired') {
    const lastPassed = [...context.steps].reverse().find((step) => passed.has(step))
    const nextStep = context.steps.find((step) => !passed.has(step))
    inquiry.previousStepName = inquiry.startedAt === null ? null : lastPassed ? STEP_NAMES[lastPassed] : 'start'
    inquiry.nextStepName = inquiry.startedAt === null ? 'start' : nextStep ? STEP_NAMES[nextStep] : 'success'
  }
  const collected = context.knownUpFront || passed.has('verification/government-id') || passed.has('verification/database')
  for (const key of Object.keys(inquiry.fields) as (keyof Inquiry['fields'])[]) {
    const known = inquiry.redactedAt === null && (collected || context.prefilled.includes(key))
    inquiry.fields[key] = known ? context.fields[key] : null
  }
  if (!collected || inquiry.redactedAt !== null) inquiry.addressSubdivisionAbbr = null
  if (inquiry.redactedAt !== null) inquiry.behaviors = null
  inquiry.sessionIds = sessions.map((s) => s.id)
  inquiry.verificationIds = verifications.map((v) => v.id)
  inquiry.documentIds = verifications.flatMap((v) => (v.documentId ? [v.documentId] : []))
  const events = plan.events.filter((e) => e.createdAt <= anchor)
  inquiry.updatedAt = Math.max(inquiry.createdAt, ...inquiry.transitions.map((tr) => tr.at), inquiry.redactedAt ?? 0)
  return { inquiry, sessions, verifications, events }
}
