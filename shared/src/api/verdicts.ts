/**
 * The relay's own answers beyond the vendors' bodies: a requester check that says only whether two
 * values match, and one customer's attempts across vendors (`GET /openapi.json` publishes both).
 */
import type { LookupFound } from './lookup.ts'
import type { VendorName } from './vendor-name.ts'

/** What `POST /v1/requester-check` compares: one value the agent typed against the object's own. */
export type RequesterField = 'email' | 'name' | 'phone' | 'birthdate'

/** `POST /v1/requester-check` body. `id` is an inquiry (`inq_`) or a deepidv session UUID. */
export type RequesterCheckRequest = { id: string; field: RequesterField; value: string }

/**
 * The answer never holds the vendor's value nor the one sent: `match`, `no-match`, or `unknown`
 * when the object holds no such value (not collected, or redacted).
 */
export type RequesterCheckResponse = { data: { id: string; field: RequesterField; result: 'match' | 'no-match' | 'unknown' } }

/**
 * How one vendor took part in a history: `searched` (its list was asked; `found` attempts, all it has
 * when `complete`), `failed` (`why`: the problem code), or `not-searched` (`why`: `no-email-filter`,
 * its API lists nothing by email).
 */
export type HistoryVendor = {
  provider: VendorName
  outcome: 'searched' | 'failed' | 'not-searched'
  found: number
  complete: boolean
  why: string | null
}

/**
 * `GET /v1/history?reference-id=...` (or `?email=...`): every vendor's attempts for one customer,
 * newest first, each as its lookup summary (with its reason and case), and one line per configured
 * vendor. `complete` is false when a vendor's pages were not all read (budget, time, or more than the
 * relay reads in one answer) or a vendor was not searched. `referenceId` is '' for an email search.
 */
export type HistoryResponse = { referenceId: string; data: LookupFound[]; complete: boolean; vendors: HistoryVendor[] }
