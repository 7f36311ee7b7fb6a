/**
 * Cases (the spec's `case`) for inquiries that needed a person: every manual review (open while the
 * inquiry waits, resolved Approved/Declined once decided), and some failed or auto-declined inquiries a
 * workflow escalated. Drawn after the inquiries are cut at the anchor, from their state then, so a case
 * never knows more than its inquiry; it has its own random stream, so the inquiries' stays as it was.
 */
import { CASE_ASSIGNMENT_POLICY_ID, CASE_REVIEWERS, CASE_TEMPLATES } from './persona-catalog.ts'
import type { Case, Inquiry, PersonaEvent, PersonaEventName, Transition, Verification } from './persona-types.ts'
import { createRng, type Rng } from './prng.ts'
import { HOUR, MINUTE, SECOND } from './timeline.ts'

export interface SeededCases {
  cases: Case[]
  events: PersonaEvent[]
}

/**
 * @param inquiries newest first, cut at the anchor
 * @param own inquiries that bring their own cases (the story's), which get none drawn here
 */
export function seedCases(
  seed: number,
  inquiries: readonly Inquiry[],
  verifications: ReadonlyMap<string, Verification>,
  anchor: number,
  own: (inquiryId: string) => boolean = () => false,
): SeededCases {
  const rng = createRng(seed ^ 0x2c1b3c6d)
  const cases: Case[] = []
  const events: PersonaEvent[] = []
  const counters = new Map<string, number>()
  // Oldest first, so case numbers grow with time.
  for (const inquiry of [...inquiries].reverse()) {
    if (own(inquiry.id)) continue
    const plan = planCase(rng, inquiry)
    // A case is assigned before it can be resolved.
    if (plan && plan.assignedAt !== null && plan.resolvedAt !== null) plan.assignedAt = Math.min(plan.assignedAt, plan.resolvedAt)
    // Events land up to a second after their moment, and nothing may happen after the anchor.
    const seen = (ms: number | null): number | null => (ms !== null && ms < anchor - SECOND ? ms : null)
    if (!plan || seen(plan.createdAt) === null) continue
    const template = plan.escalation ? CASE_TEMPLATES[1] : CASE_TEMPLATES[0]
    const number = (counters.get(template.prefix) ?? 1000) + 1
    counters.set(template.prefix, number)
    const failed = inquiry.verificationIds.filter((id) => {
      const v = verifications.get(id)
      return v?.checks.some((c) => c.status === 'failed') ?? false
    })
    const found = buildCase(rng, {
      id: `case_${rng.base58(24)}`,
      name: `${template.prefix}-${number}`,
      templateId: template.id,
      queueId: rng.chance(0.8) ? template.queueId : null,
      inquiry,
      verificationIds: failed,
      createdAt: plan.createdAt,
      assignedAt: seen(plan.assignedAt),
      resolvedAt: seen(plan.resolvedAt),
      resolution: plan.resolution,
      assignee: rng.pick(CASE_REVIEWERS),
      waiting: rng.chance(0.4),
      creator: { id: `wfr_${rng.base58(28)}`, type: 'workflow-run' },
    })
    cases.push(found)
    events.push(...caseEvents(rng, found))
  }
  return { cases: cases.reverse(), events }
}

interface CasePlan {
  createdAt: number
  assignedAt: number | null
  resolvedAt: number | null
  resolution: 'Approved' | 'Declined'
  escalation: boolean
}

function planCase(rng: Rng, inquiry: Inquiry): CasePlan | null {
  const manual = inquiry.markedForReviewAt !== null
  if (manual) {
    const createdAt = (inquiry.markedForReviewAt as number) + rng.int(2, 20) * SECOND
    const decided = inquiry.decisionedAt
    return {
      createdAt,
      assignedAt: createdAt + rng.int(5, 180) * MINUTE,
      resolvedAt: decided === null ? null : Math.max(decided, createdAt + MINUTE),
      resolution: inquiry.status === 'declined' ? 'Declined' : 'Approved',
      escalation: false,
    }
  }
  // A workflow escalates some failures and automatic declines to the fraud team.
  const failedAt = inquiry.failedAt ?? (inquiry.status === 'declined' ? inquiry.decisionedAt : null)
  if (failedAt === null || !rng.chance(0.35)) return null
  const createdAt = failedAt + rng.int(2, 30) * SECOND
  return {
    createdAt,
    assignedAt: createdAt + rng.int(10, 600) * MINUTE,
    resolvedAt: rng.chance(0.6) ? createdAt + rng.int(2, 96) * HOUR : null,
    resolution: 'Declined',
    escalation: true,
  }
}

export interface CaseDraft {
  id: string
  name: string
  templateId: string
  queueId: string | null
  inquiry: Inquiry
  verificationIds: string[]
  createdAt: number
  assignedAt: number | null
  resolvedAt: number | null
  resolution: string
  assignee: string
  /** Assigned cases are `Pending` (waiting on the customer) rather than `Open`. */
  waiting: boolean
  creator: Case['creator']
  notes?: string
}

/** A case's statuses over time and the personal values its template collected (which the relay must drop). */
export function buildCase(rng: Rng, d: CaseDraft): Case {
  const transitions: Transition<string>[] = [{ status: 'Open', at: d.createdAt }]
  if (d.assignedAt !== null && d.waiting) transitions.push({ status: 'Pending', at: d.assignedAt })
  if (d.resolvedAt !== null) transitions.push({ status: d.resolution, at: d.resolvedAt })
  const f = d.inquiry.fields
  const text = (value: string | null) => ({ type: 'string', value })
  const first = f['name-first']
  const last = f['name-last']
  const notes = d.notes ?? (first && last ? `${first} ${last} asked for a manual check; compare the ID portrait with the selfie.` : null)
  return {
    id: d.id,
    name: d.name,
    createdAt: d.createdAt,
    updatedAt: Math.max(d.createdAt, d.assignedAt ?? 0, d.resolvedAt ?? 0),
    status: transitions.at(-1)!.status,
    transitions,
    resolution: d.resolvedAt === null ? null : d.resolution,
    assignedAt: d.assignedAt,
    resolvedAt: d.resolvedAt,
    // Persona measures the SLA from creation; the template's is one day.
    slaExpiresAt: d.createdAt + 24 * HOUR,
    creator: d.creator,
    assigneeId: d.assignedAt === null ? null : d.assignee,
    assigner: d.assignedAt === null ? null : { id: CASE_ASSIGNMENT_POLICY_ID, type: 'case-assignment-policy' },
    resolverId: d.resolvedAt === null ? null : d.assignee,
    tags: [],
    fields: {
      'name-first': text(first),
      'name-last': text(last),
      birthdate: { type: 'date', value: f.birthdate },
      'email-address': text(f['email-address']),
      'phone-number': text(f['phone-number']),
      'address-street-1': text(f['address-street-1']),
      'review-notes': text(notes),
    },
    attachments:
      first && last && rng.chance(0.5)
        ? [{ filename: `${first}_${last}_id_front.jpg`.toLowerCase(), byteSize: 180000 + rng.int(0, 90) * 1000 }]
        : [],
    caseTemplateId: d.templateId,
    caseQueueId: d.queueId,
    accountId: d.inquiry.accountId,
    inquiryId: d.inquiry.id,
    referenceId: d.inquiry.referenceId,
    verificationIds: d.verificationIds,
  }
}

/** The events a case's history emits (docs/vendors/persona.md §10: case.created, .assigned, .resolved). */
export function caseEvents(rng: Rng, found: Case): PersonaEvent[] {
  const ref = { type: 'case', id: found.id }
  const event = (name: PersonaEventName, at: number): PersonaEvent => ({
    id: `evt_${rng.base58(28)}`,
    name,
    createdAt: at + rng.int(0, 999),
    object: ref,
  })
  const out = [event('case.created', found.createdAt)]
  if (found.assignedAt !== null) out.push(event('case.assigned', found.assignedAt))
  if (found.resolvedAt !== null) out.push(event('case.resolved', found.resolvedAt))
  return out
}
