/** `GET /v1/admin/audit`: who looked at what, newest first. Admins only. */
export type AuditRecord = {
  /** ISO 8601, when the request arrived. */
  time: string
  /** The agent's name (token mode) or email (Access mode); null for a refused, unauthenticated call. */
  agent: string | null
  /** The route pattern, e.g. `/v1/persona/inquiries/:id`. */
  route: string
  /** The verification IDs the request involved. */
  ids: string[]
  outcome: 'hit' | 'miss' | 'stale' | 'served' | 'refused' | 'vendor-error' | 'budget' | 'error'
  status: number
  cacheStatus: string | null
  requestId: string
}

export type AuditPage = { data: AuditRecord[]; next: string | null }

export const MAX_AUDIT_PAGE = 500
