/**
 * Seeded Persona environment: inquiries with their sessions, verifications and events.
 *
 * Each inquiry's whole lifecycle is planned first (all random draws happen here, so the same seed gives
 * the same data whatever the anchor), then cut at the anchor: anything planned after "now" hasn't
 * happened yet, which is what makes the newest inquiries `created`/`pending` and their sessions `active`.
 */
import {
  CREATORS,
  DATABASE_CHECKS,
  GOVERNMENT_ID_CHECKS,
  INQUIRY_NOTES,
  INQUIRY_TAGS,
  INQUIRY_TEMPLATES,
  LEGACY_TEMPLATE_IDS,
  REVIEWER_COMMENTS,
  REVIEWER_USER_IDS,
  SELFIE_CHECKS,
  VERIFICATION_TEMPLATES,
} from './persona-catalog.ts'
import { personaFixture } from './persona-fixture.ts'
import { makeBehaviors, makeClient, makePerson, type Person } from './persona-seed-people.ts'
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
import { createRng, type Rng } from './prng.ts'
import { DAY, descendingAges, HOUR, MINUTE, SECOND, untie } from './timeline.ts'

export interface PersonaData {
  environmentId: string
  organizationId: string
  /** Newest first, like every Persona list. */
  inquiries: Inquiry[]
  inquirySessions: InquirySession[]
  verifications: Verification[]
  events: PersonaEvent[]
  accounts: Account[]
}

export const GENERATED_INQUIRIES = 1999 // + the fixture = 2,000

/** Inquiry ids grew from a 24- to a 28-character suffix on this day (reference 1.8, changelog 2024-01-29). */
export const LONG_INQUIRY_IDS_SINCE = Date.UTC(2024, 0, 29)
/** The `network` relationship and `ip-connection-type` appeared around the 2025-02-24 changelog. */
const NETWORKS_SINCE = Date.UTC(2025, 1, 24)

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

const STEP_NAMES: Record<VerificationType, string> = {
  'verification/government-id': 'verification_government_id',
  'verification/selfie': 'verification_selfie',
  'verification/database': 'verification_database',
}

interface Planned {
  inquiry: Inquiry
  sessions: InquirySession[]
  verifications: Verification[]
  events: PersonaEvent[]
}

/** What the cut needs to recompute "as of now" values. */
interface PlanContext {
  steps: readonly VerificationType[]
  /** The person's full fields; the inquiry shows them once collected. */
  fields: Inquiry['fields']
  /** Fields the customer's API call supplied at creation (shown even before collection). */
  prefilled: readonly (keyof Inquiry['fields'])[]
  /** Re-verification flows start from the account's known fields. */
  knownUpFront: boolean
}

interface AccountDraft {
  account: Account
  person: Person
}

export function seedPersona(seed: number, anchor: number): PersonaData {
  const rng = createRng(seed ^ 0x9e3779b9)
  const environmentId = `env_${rng.base58(24)}`
  const organizationId = `org_${rng.base58(24)}`
  const ages = descendingAges(rng, GENERATED_INQUIRIES, {
    newestMs: 2 * MINUTE,
    spacingMs: 90 * SECOND,
    tailMs: 1350 * DAY,
    power: 3,
    granularityMs: SECOND,
  })

  const accounts: AccountDraft[] = []
  const planned: Planned[] = []
  for (const age of ages) {
    const createdAt = anchor - age
    // Returning customers: about one inquiry in five belongs to an account that already has one.
    const existing = accounts.length > 0 && rng.chance(0.2) ? rng.pick(accounts) : null
    const draft = existing ?? newAccount(rng, createdAt)
    if (!existing) accounts.push(draft)
    const [plan, context] = planInquiry(rng, createdAt, draft)
    planned.push(cutAtAnchor(plan, context, anchor))
  }

  const fixture = personaFixture(anchor)
  planned.push({ inquiry: fixture.inquiry, sessions: fixture.sessions, verifications: fixture.verifications, events: fixture.events })

  const inquiries = planned.map((p) => p.inquiry)
  const inquirySessions = planned.flatMap((p) => p.sessions)
  const verifications = planned.flatMap((p) => p.verifications)
  const events = planned.flatMap((p) => p.events)
  const pinned = (item: { id: string }): boolean => fixture.pinned.has(item.id)
  newestFirst(inquiries, SECOND, pinned)
  newestFirst(inquirySessions, SECOND, pinned)
  newestFirst(verifications, SECOND, pinned)
  newestFirst(events, 1, pinned)

  // An account is as old as its first inquiry and mirrors that inquiry's collected fields.
  const byAccount = new Map<string, Inquiry>()
  for (const inquiry of inquiries) byAccount.set(inquiry.accountId, inquiry) // last write = oldest
  const accountList = [fixture.account]
  for (const { account } of accounts) {
    const first = byAccount.get(account.id)
    if (!first) continue
    accountList.push({ ...account, createdAt: first.createdAt, sourceInquiryId: first.id })
  }
  accountList.sort((a, b) => b.createdAt - a.createdAt)

  return { environmentId, organizationId, inquiries, inquirySessions, verifications, events, accounts: accountList }
}

function newestFirst<T extends { createdAt: number }>(items: T[], stepMs: number, pinned: (item: T) => boolean): void {
  items.sort((a, b) => a.createdAt - b.createdAt)
  untie(items, (i) => i.createdAt, (i, ms) => { i.createdAt = ms }, stepMs, pinned)
  items.reverse()
}

function newAccount(rng: Rng, createdAt: number): AccountDraft {
  const referenceId = rng.chance(0.88)
    ? rng.chance(0.6)
      ? `user-${rng.int(10000, 99999)}`
      : `cust_${rng.base58(12)}`
    : null
  return {
    account: { id: `act_${rng.base58(24)}`, referenceId, createdAt, sourceInquiryId: '' },
    person: makePerson(rng, createdAt),
  }
}

/** Builds one inquiry's full planned lifecycle (possibly extending past the anchor). */
function planInquiry(rng: Rng, createdAt: number, owner: AccountDraft): [Planned, PlanContext] {
  const fate = rng.weighted(FATES)
  const legacy = createdAt < LONG_INQUIRY_IDS_SINCE && rng.chance(0.2)
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
      handoff: handoff ? rng.weighted([['qr', 5], ['sms', 3], ['email', 2]] as const) : null,
      risky,
      home: owner.person.place,
    })
    sessions.push({
      id: `iqse_${rng.base58(24)}`,
      inquiryId,
      createdAt: sessionCreated,
      status: 'new',
      transitions: [{ status: 'new', at: sessionCreated }],
      startedAt: sessionStarted,
      expiredAt: null,
      client,
      deviceId: `dev_${rng.base58(24)}`,
      networkId: sessionCreated >= NETWORKS_SINCE && rng.chance(0.5) ? `net_${rng.base58(24)}` : null,
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
        const v = makeVerification(rng, type, inquiryId, clock, outcome, owner.person, abandonsHere && last)
        verifications.push(v)
        if (v.documentId) documentIds.push(v.documentId)
        const ref = { type: v.type, id: v.id }
        emit('verification.created', v.createdAt, ref)
        if (v.submittedAt !== null) emit('verification.submitted', v.submittedAt, ref)
        if (v.completedAt !== null) {
          emit(v.status === 'requires_retry' ? 'verification.requires-retry' : v.status === 'failed' ? 'verification.failed' : 'verification.passed', v.completedAt, ref)
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
    templateId: legacy ? rng.pick(LEGACY_TEMPLATE_IDS) : null,
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

function makeVerification(
  rng: Rng,
  type: VerificationType,
  inquiryId: string,
  createdAt: number,
  outcome: VerificationStatus | null,
  person: Person,
  abandoned: boolean,
): Verification {
  const submitted = abandoned ? (rng.chance(0.3) ? createdAt + rng.int(15, 90) * SECOND : null) : createdAt + rng.int(15, 90) * SECOND
  const completed = outcome !== null && submitted !== null ? submitted + rng.int(2, 12) * SECOND : null
  const status: VerificationStatus = completed !== null && outcome ? outcome : submitted !== null ? 'submitted' : 'initiated'
  const transitions: Transition<VerificationStatus>[] = [{ status: 'initiated', at: createdAt }]
  if (submitted !== null) transitions.push({ status: 'submitted', at: submitted })
  if (completed !== null && outcome) transitions.push({ status: outcome, at: completed })
  const checkNames = type === 'verification/government-id' ? GOVERNMENT_ID_CHECKS : type === 'verification/selfie' ? SELFIE_CHECKS : DATABASE_CHECKS
  const failing = status === 'failed' || status === 'requires_retry' ? rng.pick(checkNames) : null
  const checks: Verification['checks'] = checkNames.map((name) => ({
    name,
    status: name === failing ? 'failed' : completed === null ? 'not_applicable' : rng.chance(0.08) ? 'not_applicable' : 'passed',
    reasons: name === failing ? [rng.pick(['expired', 'unreadable', 'mismatch', 'suspicious'])] : [],
    requirement: 'required',
    metadata: {},
  }))
  const f = person.fields
  const details: Verification['details'] =
    type === 'verification/government-id'
      ? {
          'id-class': rng.weighted([['dl', 6], ['pp', 3], ['id', 2]] as const),
          'capture-method': rng.pick(['auto', 'manual', 'upload']),
          'name-first': completed ? f['name-first'] : null,
          'name-middle': completed ? f['name-middle'] : null,
          'name-last': completed ? f['name-last'] : null,
          birthdate: completed ? f.birthdate : null,
          'document-number': completed ? `${rng.pick(['D', 'P', 'X'])}${rng.int(1000000, 99999999)}` : null,
          'expiration-date': completed ? `${new Date(createdAt).getUTCFullYear() + rng.int(status === 'failed' ? -2 : 1, 8)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}` : null,
          'entity-confidence-score': completed ? rng.int(60, 100) : null,
        }
      : type === 'verification/selfie'
        ? {
            'capture-method': rng.pick(['video', 'photo']),
            'selfie-similarity-score-left': completed ? Math.round(rng.float(0.5, 0.99) * 100) / 100 : null,
            'selfie-similarity-score-right': completed ? Math.round(rng.float(0.5, 0.99) * 100) / 100 : null,
          }
        : { 'name-first': f['name-first'], 'name-last': f['name-last'], birthdate: f.birthdate, 'address-street-1': f['address-street-1'] }
  const [templateId, templateVersionId] = VERIFICATION_TEMPLATES[type] ?? ['', '']
  return {
    id: `ver_${rng.base58(24)}`,
    type,
    inquiryId,
    createdAt,
    status,
    transitions,
    submittedAt: submitted,
    completedAt: completed,
    countryCode: person.place.countryCode,
    checks,
    details,
    photoAttributes:
      type === 'verification/government-id' ? ['front-photo-url', 'back-photo-url'] : type === 'verification/selfie' ? ['center-photo-url', 'left-photo-url', 'right-photo-url'] : [],
    documentId: type === 'verification/government-id' ? `doc_${rng.base58(24)}` : null,
    verificationTemplateId: templateId,
    verificationTemplateVersionId: templateVersionId,
  }
}

/** Drops whatever was planned after the anchor and derives every "as of now" value from what's left. */
function cutAtAnchor(plan: Planned, context: PlanContext, anchor: number): Planned {
  const seen = <T extends number | null>(ms: T): T | null => (ms !== null && ms <= anchor ? ms : null)
  const lastTransition = <S extends string>(list: Transition<S>[]): Transition<S> =>
    list.filter((tr) => tr.at <= anchor).at(-1) ?? (list[0] as Transition<S>)
  const sessions = plan.sessions.filter((s) => s.createdAt <= anchor)
  for (const s of sessions) {
    s.transitions = s.transitions.filter((tr) => tr.at <= anchor)
    s.status = lastTransition(s.transitions).status
    s.startedAt = seen(s.startedAt)
    s.expiredAt = seen(s.expiredAt)
  }
  const verifications = plan.verifications.filter((v) => v.createdAt <= anchor)
  for (const v of verifications) {
    v.transitions = v.transitions.filter((tr) => tr.at <= anchor)
    v.status = lastTransition(v.transitions).status
    v.submittedAt = seen(v.submittedAt)
    v.completedAt = seen(v.completedAt)
  }
  const inquiry = plan.inquiry
  inquiry.transitions = inquiry.transitions.filter((tr) => tr.at <= anchor)
  inquiry.status = lastTransition(inquiry.transitions).status
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
  inquiry.updatedAt = Math.max(
    inquiry.createdAt,
    ...inquiry.transitions.map((tr) => tr.at),
    inquiry.redactedAt ?? 0,
  )
  return { inquiry, sessions, verifications, events }
}
