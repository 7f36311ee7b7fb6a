/**
 * The relay's own answers beyond the vendors' bodies: a requester check that says only whether two
 * values match, and one customer's attempts across vendors (`GET /openapi.json` publishes both).
 */
import type { LookupFound } from './lookup.ts'

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
 * `GET /v1/history?reference-id=...`: every inquiry and deepidv session made for one reference ID,
 * newest first, each as its lookup summary (with its reason and case). `complete` is false when a
 * vendor's pages were not all read (budget, time, or more than the relay reads in one answer).
 */
export type HistoryResponse = { referenceId: string; data: LookupFound[]; complete: boolean }
