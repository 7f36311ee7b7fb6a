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

/** A session made by `generate-one-time-link`: its Idempotency-Key and the link's code (persona-actions.ts). */
export interface LinkSession {
  id: string
  inquiryId: string
  idempotencyKey: string | null
  code: string
  createdAt: number
  expiresAt: number
}

export class PersonaChanges {
  private readonly byId = new Map<string, Inquiry | Case>()
  private readonly links = new Map<string, LinkSession[]>()

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

  /** Replaces an inquiry's tags (add-tag, remove-tag). */
  changeTags(inquiry: Inquiry, tags: string[], at: number): Inquiry {
    const next: Inquiry = { ...this.current(inquiry), tags, updatedAt: at }
    this.byId.set(inquiry.id, next)
    return next
  }

  /** Assigns a case to a Persona user (by email, as the demo's users are named), by a user. */
  assignCase(found: Case, email: string, at: number): Case {
    const base = this.current(found)
    const changed: Case = { ...base, assigneeId: email, assignedAt: at, assigner: { id: email, type: 'user' }, updatedAt: at }
    this.byId.set(found.id, changed)
    return changed
  }

  /** The sessions one-time links made for an inquiry, oldest first. */
  linkSessions(inquiryId: string): readonly LinkSession[] {
    return this.links.get(inquiryId) ?? []
  }

  addLinkSession(session: LinkSession): void {
    this.links.set(session.inquiryId, [...this.linkSessions(session.inquiryId), session])
  }

  clear(): number {
    const size = this.byId.size + this.links.size
    this.byId.clear()
    this.links.clear()
    return size
  }
}
