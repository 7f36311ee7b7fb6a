import type { IdKind } from '../ids/index.ts'
import type { VendorName } from './vendor-name.ts'
import type { ProblemCode } from './problem.ts'

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
  details: LookupDetails
}

export type LookupDetails =
  | {
      kind: 'persona-inquiry'
      referenceId: string | null
      completedAt: string | null
      latestSessionId: string | null
      threatLevel: string | null
      countryCode: string | null
      countryName: string | null
    }
  | {
      kind: 'persona-inquiry-session'
      inquiryId: string | null
      threatLevel: string | null
      countryCode: string | null
      countryName: string | null
      deviceType: string | null
      browserName: string | null
      osName: string | null
      networkFlags: string[]
    }
  | { kind: 'persona-event'; name: string; objectType: string | null; objectId: string | null }
  | {
      kind: 'deepidv-session'
      externalId: string | null
      sessionProgress: string | null
      sessionType: string | null
      workflowSteps: string[]
      country: string | null
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
