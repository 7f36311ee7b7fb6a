import type { IdKind } from '../ids/index.ts'
import type { VendorName } from './vendor-name.ts'
import type { ProblemCode } from './problem.ts'
import type { LookupDetails } from '../vendors/wire.ts'

/** What `GET /v1/lookup` answers for one ID that the vendor knows. */
export type LookupFound = {
  found: true
  id: string
  kind: IdKind
  provider: VendorName
  /** The vendor's object type (`inquiry`, `inquiry-session`, `event`, `session`). */
  type: string
  /** The vendor's status string, as is (vendors warn not to treat these as closed enums). */
  status: string
  createdAt: string | null
  updatedAt: string | null
  dashboardUrl: string
  /** Why it ended as it did, when a check failed (null when none failed, or none was read). */
  reason: LookupReason | null
  /** The review case on it, newest first (Persona inquiries); null when it has none or the vendor has no cases. */
  case: LookupCase | null
  details: LookupDetails
}

/**
 * The first failed check and the vendor's own reason codes for it, raw: the extension puts them in
 * words (and shows the raw name on hover). Persona: a verification's `checks[]`; deepidv: its analysis.
 * `failed` lists every failed check, so the customer reply weighs them all (shared/src/replies).
 */
export type LookupReason = {
  /** The vendor's check name as is (`id_selfie_comparison`, deepidv's `id_matches_selfie`). */
  check: string
  /** The vendor's reason codes for that check, as is; often empty. */
  reasons: string[]
  /** The verification it comes from (`ver_...`), or null for deepidv. */
  verificationId: string | null
  /** How many checks failed in all across the object's verifications. */
  failedChecks: number
  /** Every failed check with its reason codes, the newest verification's first; at most MAX_FAILED_LISTED. */
  failed: LookupFailedCheck[]
}

/** One failed check, raw: the vendor's check name and reason codes. */
export type LookupFailedCheck = { check: string; reasons: string[] }

/** A bound on `failed`: more than any inquiry's verifications have checks. */
export const MAX_FAILED_LISTED = 50

/** A review case as an agent needs it: no fields, attachments or names of the person. */
export type LookupCase = {
  id: string
  /** The vendor's status as is (`Open`, `Pending`, `Approved`, `Declined`: not a closed set). */
  status: string
  resolution: string | null
  dashboardUrl: string
}

/** One ID the relay could not resolve: the vendor does not know it, or the call failed. */
export type LookupFailed = {
  found: false
  id: string
  kind: IdKind
  provider: VendorName
  /** `retryAfter` (seconds) when the ID can be asked again after a wait (`budget-exhausted`, `rate-limited`). */
  error: { code: ProblemCode; status: number; detail: string; retryAfter?: number }
}

export type LookupEntry = LookupFound | LookupFailed

export type LookupResponse = { data: LookupEntry[] }
