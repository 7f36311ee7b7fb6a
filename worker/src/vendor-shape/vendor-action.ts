import type { ActionName } from '@idv-lens/shared/api'

/**
 * One agent action as its vendor declares it; its routes (the vendor's folder) call it with
 * callAction, whose guards read this. `requesterMatch`: 'configured' follows
 * LINK_REQUIRES_REQUESTER_MATCH. `perDay`: at most this many per record in any 24 h (null: no bound).
 * `idempotent`: it forwards the agent's Idempotency-Key (scoped to agent and record), and a retry with
 * it is counted once.
 */
export type VendorAction = {
  key: ActionName
  /** Its routes under `/v1/<vendor>`, as Hono writes them. */
  routes: readonly string[]
  requesterMatch: boolean | 'configured'
  perDay: number | null
  idempotent: boolean
  /** The words of its guards' refusals (a requester not confirmed, the day's bound reached). */
  refusals?: { notConfirmed: string; bound: (retryAfterSeconds: number) => string }
}
