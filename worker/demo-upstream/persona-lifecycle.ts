/**
 * One inquiry's whole planned lifecycle: sessions, verifications, decision and the events they emit.
 * All random draws happen here and never depend on the anchor; persona-cut.ts then drops what
 * hasn't happened yet.
 */
import {
  CREATORS,
  INQUIRY_NOTES,
  INQUIRY_TAGS,
  INQUIRY_TEMPLATES,
  LEGACY_TEMPLATE_IDS,
  REVIEWER_COMMENTS,
  REVIEWER_USER_IDS,
} from './persona-catalog.ts'
import { makeBehaviors, makeClient, type Person } from './persona-seed-people.ts'
import { makeVerification } from './persona-seed-verifications.ts'
import type {
  Account,
  Inquiry,
  InquirySession,
  InquiryStatus,
  PersonaEvent,
  PersonaEventName,
  Transition,
  Verification,
  VerificationStatus,
  VerificationType,
} from './persona-types.ts'
import type { Rng } from './prng.ts'
import { DAY, SECOND } from './timeline.ts'

/** Inquiry ids grew from a 24- to a 28-character suffix on this day (docs/vendors/persona.md §8, changelog 2024-01-29). */
export const LONG_INQUIRY_IDS_SINCE = Date.UTC(2024, 0, 29)
/** The `network` relationship and `ip-connection-type` appeared around the 2025-02-24 changelog. */
const NETWORKS_SINCE = Date.UTC(2025, 1, 24)

export const STEP_NAMES: Record<VerificationType, string> = {
  'verification/government-id': 'verification_government_id',
  'verification/selfie': 'verification_selfie',
  'verification/database': 'verification_database',
  'verification/phone-number': 'verification_phone_number',
  'verification/email-address': 'verification_email_address',
  'verification/document': 'verification_document',
}

export interface Planned {
  inquiry: Inquiry
  sessions: InquirySession[]
  verifications: Verification[]
  events: PersonaEvent[]
}

/** What the cut needs to recompute "as of now" values. */
export interface PlanContext {
  steps: readonly VerificationType[]
  /** The person's full fields; the inquiry shows them once collected. */
  fields: Inquiry['fields']
  /** Fields the customer's API call supplied at creation (shown even before collection). */
  prefilled: readonly (keyof Inquiry['fields'])[]
  /** Re-verification flows start from the account's known fields. */
  knownUpFront: boolean
}

export interface Owner {
  account: Account
  person: Person
}

type Fate =
  | 'approve-auto'
  | 'approve-manual'
  | 'decline-auto'
  | 'decline-manual'
  | 'review-pending'
  | 'complete'
  | 'fail'
  | 'abandon-started'
  | 'abandon-unstarted'

/** A realistic mix: most inquiries are approved, about a quarter are abandoned and expire. */
const FATES: readonly (readonly [Fate, number])[] = [
  ['approve-auto', 38],
  ['approve-manual', 6],
  ['decline-auto', 5],
  ['decline-manual', 3],
  ['review-pending', 3],
  ['complete', 10],
  ['fail', 6],
  ['abandon-started', 15],
  ['abandon-unstarted', 14],
]

const SESSIONS_PER_STARTED_INQUIRY: readonly (readonly [number, number])[] = [
  [1, 10],
  [2, 28],
  [3, 30],
  [4, 18],
  [5, 14],
]

/** Builds one inquiry's full planned lifecycle (possibly extending past the anchor). */
export function planInquiry(rng: Rng, createdAt: number, owner: Owner): [Planned, PlanContext] {
  const fate = rng.weighted(FATES)
  // Draw every random value whatever the date, so the stream (and all later data) doesn't depend on the anchor.
  const legacyDraw = rng.chance(0.2)
  const legacyTemplateId = rng.pick(LEGACY_TEMPLATE_IDS)
  // Some inquiries from before the 2024 id change still ran on a legacy (pre-inquiry-template) template.
  const legacy = createdAt < LONG_INQUIRY_IDS_SINCE && legacyDraw
  const template = rng.weighted(INQUIRY_TEMPLATES.map((tpl, i) => [tpl, i === 0 ? 2 : i === 4 ? 1 : 4] as const))
  const id = `inq_${rng.base58(28)}`
  const inquiryId = createdAt < LONG_INQUIRY_IDS_SINCE ? id.slice(0, 28) : id
  const risky = fate === 'decline-auto' || fate === 'decline-manual' || (fate === 'fail' && rng.chance(0.5))
  const started = fate !== 'abandon-unstarted'
  const inquiryRef = { type: 'inquiry', id: inquiryId }
  const events: PersonaEvent[] = []
  const emit = (name: PersonaEventName, at: number, object: { type: string; id: string }): void => {
    events.push({ id: `evt_${rng.base58(rng.chance(0.65) ? 28 : 24)}`, name, createdAt: at + rng.int(0, 999), object })
  }
  const transitions: Transition<InquiryStatus>[] = [{ status: 'created', at: createdAt }]
  emit('inquiry.created', createdAt, inquiryRef)

  // Sessions: one per device/visit. A hand-off to a phone or a later visit adds one.
  const sessionCount = started ? rng.weighted(SESSIONS_PER_STARTED_INQUIRY) : rng.chance(0.7) ? 1 : 0
  const sessions: InquirySession[] = []
  let clock = createdAt + rng.int(1, 8) * SECOND
  const startedAt = started ? clock + rng.int(5, 150) * SECOND : null
  for (let k = 0; k < sessionCount; k++) {
    const handoff = k > 0 && rng.chance(0.5)
    const mobile = handoff || rng.chance(k === 0 ? 0.35 : 0.5)
    const sessionCreated = k === 0 ? clock : clock + (handoff ? rng.int(20, 120) * SECOND : rng.int(10 * 60, 5 * 3600) * SECOND)
    const sessionStarted = started ? (k === 0 ? (startedAt as number) - SECOND : sessionCreated + rng.int(4, 40) * SECOND) : null
    const client = makeClient(rng, {
      mobile,
      handoff: handoff
        ? rng.weighted([
            ['qr', 5],
            ['sms', 3],
            ['email', 2],
          ] as const)
        : null,
      risky,
      home: owner.person.place,
    })
    const sessionId = `iqse_${rng.base58(24)}`
    const deviceId = `dev_${rng.base58(24)}`
    const networked = rng.chance(0.5)
    const networkId = `net_${rng.base58(24)}`
    sessions.push({
      id: sessionId,
      inquiryId,
      createdAt: sessionCreated,
      status: 'new',
      transitions: [{ status: 'new', at: sessionCreated }],
      startedAt: sessionStarted,
      expiredAt: null,
      client,
      deviceId,
      networkId: networked && sessionCreated >= NETWORKS_SINCE ? networkId : null,
    })
    clock = sessionStarted ?? sessionCreated
  }

  if (startedAt !== null) {
    transitions.push({ status: 'pending', at: startedAt })
    emit('inquiry.started', startedAt, inquiryRef)
  }

  // Verifications run in the last session, one template step after another.
  const verifications: Verification[] = []
  const documentIds: string[] = []
  let lastStepName: string | null = started ? 'start' : null
  let failedFlow = false
  if (started) {
    const steps = template.steps
    const stopAt = fate === 'abandon-started' ? rng.int(0, steps.length - 1) : steps.length
    clock += rng.int(10, 60) * SECOND
    for (let s = 0; s < steps.length && !failedFlow; s++) {
      const type = steps[s] as VerificationType
      const abandonsHere = fate === 'abandon-started' && s === stopAt
      const failsHere = fate === 'fail' && s === steps.length - 1
      const retries = failsHere ? rng.int(1, 2) : rng.chance(0.15) ? 1 : 0
      for (let attempt = 0; attempt <= retries; attempt++) {
        const last = attempt === retries
        const outcome: VerificationStatus | null = !last ? 'requires_retry' : abandonsHere ? null : failsHere ? 'failed' : 'passed'
        // A declining workflow acts on a check the template does not require (the verification itself passes).
        const flagged = (fate === 'decline-auto' || fate === 'decline-manual') && s === steps.length - 1 && last
        const v = makeVerification(rng, type, inquiryId, clock, outcome, owner.person, abandonsHere && last, flagged)
        verifications.push(v)
        if (v.documentId) documentIds.push(v.documentId)
        const ref = { type: v.type, id: v.id }
        emit('verification.created', v.createdAt, ref)
        if (v.submittedAt !== null) emit('verification.submitted', v.submittedAt, ref)
        if (v.completedAt !== null) {
          emit(
            v.status === 'requires_retry'
              ? 'verification.requires-retry'
              : v.status === 'failed'
                ? 'verification.failed'
                : 'verification.passed',
            v.completedAt,
            ref,
          )
        }
        clock = (v.completedAt ?? v.submittedAt ?? v.createdAt) + rng.int(2, 6) * SECOND
      }
      lastStepName = STEP_NAMES[type]
      if (abandonsHere) break
      if (failsHere) failedFlow = true
    }
  }

  // How the inquiry ends.
  let completedAt: number | null = null
  let failedAt: number | null = null
  let markedForReviewAt: number | null = null
  let decisionedAt: number | null = null
  let expiredAt: number | null = null
  let reviewer: Inquiry['reviewer'] = null
  let reviewerComment: string | null = null
  let nextStepName: string | null
  if (fate === 'abandon-started' || fate === 'abandon-unstarted') {
    expiredAt = createdAt + DAY
    transitions.push({ status: 'expired', at: expiredAt })
    emit('inquiry.expired', expiredAt, inquiryRef)
    nextStepName = null // recomputed by the cut from what was passed
  } else if (fate === 'fail') {
    failedAt = clock
    transitions.push({ status: 'failed', at: failedAt })
    emit('inquiry.failed', failedAt, inquiryRef)
    nextStepName = 'fail'
  } else {
    completedAt = clock
    transitions.push({ status: 'completed', at: completedAt })
    emit('inquiry.completed', completedAt, inquiryRef)
    nextStepName = 'success'
    if (fate === 'approve-auto' || fate === 'decline-auto') {
      decisionedAt = completedAt + rng.int(1, 15) * SECOND
      reviewer = { type: 'workflow-run', id: `wfr_${rng.base58(rng.chance(0.5) ? 28 : 24)}` }
    } else if (fate !== 'complete') {
      markedForReviewAt = completedAt + rng.int(1, 5) * SECOND
      transitions.push({ status: 'needs_review', at: markedForReviewAt })
      emit('inquiry.marked-for-review', markedForReviewAt, inquiryRef)
      if (fate !== 'review-pending') {
        decisionedAt = markedForReviewAt + rng.int(10 * 60, 3 * 24 * 3600) * SECOND
        reviewer = { type: 'user', id: rng.pick(REVIEWER_USER_IDS) }
        reviewerComment = rng.chance(0.6) ? rng.pick(REVIEWER_COMMENTS) : null
      }
    }
    if (decisionedAt !== null) {
      const approved = fate.startsWith('approve')
      transitions.push({ status: approved ? 'approved' : 'declined', at: decisionedAt })
      emit(approved ? 'inquiry.approved' : 'inquiry.declined', decisionedAt, inquiryRef)
      // Some workflows also emit the generic transition event alongside the decision.
      if (rng.chance(0.3)) emit('inquiry.transitioned', decisionedAt, inquiryRef)
    }
  }

  // Session endings: a newer session cancels or outlives the previous one; every session expires 24 h after it started.
  for (let k = 0; k < sessions.length; k++) {
    const session = sessions[k] as InquirySession
    const ref = { type: 'inquiry-session', id: session.id }
    if (session.startedAt !== null) {
      session.transitions.push({ status: 'active', at: session.startedAt })
      emit('inquiry-session.started', session.startedAt, ref)
    }
    const nextSession = sessions[k + 1]
    if (nextSession && rng.chance(0.4)) {
      session.transitions.push({ status: 'canceled', at: nextSession.createdAt })
      emit('inquiry-session.canceled', nextSession.createdAt, ref)
    } else {
      session.expiredAt = (session.startedAt ?? session.createdAt) + DAY
      session.transitions.push({ status: 'expired', at: session.expiredAt })
      emit('inquiry-session.expired', session.expiredAt, ref)
    }
  }

  const prefilled: (keyof Inquiry['fields'])[] = rng.chance(0.3) ? ['email-address'] : []
  const redacted = fate !== 'abandon-unstarted' && rng.chance(0.012)

  const inquiry: Inquiry = {
    id: inquiryId,
    createdAt,
    updatedAt: createdAt,
    status: 'created',
    transitions,
    referenceId: owner.account.referenceId,
    note: rng.chance(0.04) ? rng.pick(INQUIRY_NOTES) : null,
    tags: rng.chance(0.1) ? [rng.pick(INQUIRY_TAGS)] : [],
    creator: rng.weighted(CREATORS.map((c, i) => [c, i === 1 ? 6 : 1] as const)),
    reviewerComment,
    behaviors: started ? makeBehaviors(rng, risky) : null,
    startedAt,
    completedAt,
    failedAt,
    markedForReviewAt,
    decisionedAt,
    expiredAt,
    // Redaction (a DELETE by the customer) happens weeks after the decision.
    redactedAt: redacted ? (decisionedAt ?? completedAt ?? failedAt ?? expiredAt ?? createdAt) + rng.int(20, 90) * DAY : null,
    expiresAt: createdAt + DAY,
    previousStepName: lastStepName,
    nextStepName,
    fields: { ...owner.person.fields },
    addressSubdivisionAbbr: owner.person.place.regionCode,
    accountId: owner.account.id,
    templateId: legacy ? legacyTemplateId : null,
    inquiryTemplateId: legacy ? null : template.id,
    inquiryTemplateVersionId: legacy ? null : template.versionId,
    reviewer,
    sessionIds: sessions.map((s) => s.id),
    verificationIds: verifications.map((v) => v.id),
    documentIds,
  }
  const context: PlanContext = {
    steps: template.steps,
    fields: owner.person.fields,
    prefilled,
    knownUpFront: template.steps[0] === 'verification/selfie',
  }
  return [{ inquiry, sessions, verifications, events }, context]
}
