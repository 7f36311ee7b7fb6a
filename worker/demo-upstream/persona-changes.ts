/**
 * Status changes made through the control API (POST /__demo/persona/inquiries/:id/status and
 * /cases/:id/status), so a test can make a watched ID change. The seeded dataset is shared read-only
 * between apps, so changes live here, per app: a changed record is a copy with one more transition,
 * and every read (lists, retrieves, includes, event payloads) sees the copy.
 */
import type { Case, Inquiry, InquiryStatus, PersonaEventName } from './persona-types.ts'

/** Statuses a test may move an inquiry to, with the event Persona sends for each (docs/vendors/persona.md §9). */
export const INQUIRY_STATUS_EVENTS: Partial<Record<InquiryStatus, PersonaEventName>> = {
  pending: 'inquiry.started',
  completed: 'inquiry.completed',
  failed: 'inquiry.failed',
  expired: 'inquiry.expired',
  needs_review: 'inquiry.marked-for-review',
  approved: 'inquiry.approved',
  declined: 'inquiry.declined',
}

/** Case statuses that close a case (the case templates' resolutions). */
const RESOLVING = new Set(['approved', 'declined', 'escalated', 'closed', 'resolved'])

export class PersonaChanges {
  private readonly byId = new Map<string, Inquiry | Case>()

  current<T extends Inquiry | Case>(item: T): T {
    return (this.byId.get(item.id) as T | undefined) ?? item
  }

  /** Moves an inquiry to `status` at `at`, stamping the time Persona stamps for it. */
  changeInquiry(inquiry: Inquiry, status: InquiryStatus, at: number): Inquiry {
    const base = this.current(inquiry)
    const next: Inquiry = { ...base, status, transitions: [...base.transitions, { status, at }], updatedAt: at, expiresAt: null }
    if (status === 'pending') Object.assign(next, { startedAt: base.startedAt ?? at, expiresAt: base.expiresAt })
    if (status === 'completed') next.completedAt = at
    if (status === 'failed') Object.assign(next, { failedAt: at, nextStepName: 'fail' })
    if (status === 'expired') next.expiredAt = at
    if (status === 'needs_review') next.markedForReviewAt = at
    if (status === 'approved' || status === 'declined') next.decisionedAt = at
    this.byId.set(inquiry.id, next)
    return next
  }

  /**
   * Moves a case to `status` at `at`. A resolving status (Approved, Declined…) resolves it, with `resolution`
   * (default: the status) and the assignee as resolver; any other status reopens a resolved case.
   */
  changeCase(found: Case, status: string, at: number, resolution?: string): { changed: Case; event: PersonaEventName } {
    const base = this.current(found)
    const resolves = resolution !== undefined || RESOLVING.has(status.toLowerCase())
    const wasResolved = base.resolvedAt !== null
    const changed: Case = {
      ...base,
      status,
      transitions: [...base.transitions, { status, at }],
      updatedAt: at,
      resolution: resolves ? (resolution ?? status) : null,
      resolvedAt: resolves ? at : null,
      resolverId: resolves ? (base.assigneeId ?? base.creator.id) : null,
    }
    this.byId.set(found.id, changed)
    return { changed, event: resolves ? 'case.resolved' : wasResolved ? 'case.reopened' : 'case.updated' }
  }

  clear(): number {
    const size = this.byId.size
    this.byId.clear()
    return size
  }
}
