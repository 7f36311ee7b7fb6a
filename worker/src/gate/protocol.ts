import type { VendorName } from '@idv-lens/shared/api'
import type { Changes } from './changed-records.ts'
import type { BudgetLimits, BudgetSnapshot, DenialReason, Priority } from './budget.ts'

/**
 * Whether one more requester check may be made, or whose bound it met: a minute's (`agent`, `object`,
 * `team`), a rolling day's (`record-day`, `ai-day`), or the record's no-matches (`lockout`); `resetsAt` by the gate's clock.
 */
export type RequesterCheckVerdict =
  | { allowed: true }
  | {
      allowed: false
      whose: 'agent' | 'object' | 'team' | 'record-day' | 'ai-day' | 'lockout'
      retryAfterSeconds: number
      resetsAt: number
    }
/** The requester checks' daily bounds (config/parse.ts): per record, no-matches per record, per AI client. */
export type RequesterCheckBounds = { perRecordPerDay: number; noMatchesPerRecord: number; perAiClientPerDay: number }

/**
 * Whether one more action may be made on a record today, or when (gate/action-guards.ts). `counted`:
 * this attempt took one of the day's actions (false for a retried Idempotency-Key).
 */
export type DailyVerdict = { allowed: true; counted: boolean } | { allowed: false; retryAfterSeconds: number }

/**
 * One agent action (a vendor write), as the Worker hands it to the gate: admitted by the budget like an
 * interactive read, never joined, shared or kept. `changed`: the records it changes, whose earlier
 * answers the gate stops sharing.
 */
export type GateAction = {
  provider: VendorName
  path: string
  /** The JSON body the relay built. */
  body: string
  headers: Record<string, string>
  agent: string
  changed: string[]
  /** Checked in the same round trip, before the vendor is called (gate/action-guards.ts). */
  guard?: ActionGuard
}

/**
 * What an action must pass before its vendor call. Objects arrive hashed. `match`: the agent had a
 * requester match for it in the last 15 minutes. `daily`: at most `perDay` per object in any 24 h,
 * `attempt` (the scoped Idempotency-Key, hashed, or a fresh value) counted once. `once`: the vendor
 * takes no key, so a 2xx made with this attempt is remembered for 24 h and its repeat makes no call.
 */
export type ActionGuard = {
  match?: string
  daily?: { object: string; attempt: string; perDay: number }
  once?: { object: string; attempt: string }
}

/** A guard's refusal, before any vendor call. `madeAt`: when this attempt's action was carried out. */
export type ActionRefusal =
  | { kind: 'refused'; reason: 'requester-not-confirmed' }
  | { kind: 'refused'; reason: 'daily-bound'; retryAfterSeconds: number }
  | { kind: 'refused'; reason: 'already-made'; madeAt: number }

/**
 * The gate's answer to an action: a refusal, or the call's result. `counted`: it took one of the day's
 * actions, or was remembered as made, and the vendor answered 2xx (any other result gave both back in the gate).
 */
export type ActionResult = ActionRefusal | (GateResult & { counted?: { object: string; attempt: string } })

/** One validated vendor call, as the Worker hands it to the gate over RPC. */
export type GateCall = {
  provider: VendorName
  /** Path below the vendor's base, built only from validated parts. */
  path: string
  /** Canonical query string (already encoded), or ''. */
  query: string
  headers: Record<string, string>
  priority: Priority
  /** Who caused the call (agent-auth's name), for the per-agent share. */
  agent: string
  /** SHA-256 of the canonical request: identical calls from any isolate share one vendor call. */
  key: string
  /** The client asked for a fresh copy (`no-cache`). */
  refresh: boolean
  /** A list: any record's change may alter it, so no answer from before any change is shared. */
  list?: boolean
}

/**
 * The environment the gate calls: the Worker's validated configuration. The gate's identity is a
 * hash of provider + base + environment name (gateName), so one gate only ever serves one vendor
 * environment, whichever key the relay holds for it today.
 */
export type GateTarget = {
  base: string
  apiKey: string
  /** The vendor's signing secret (`Vendor.signingSecret`), null where it signs with the key alone. */
  signingKey?: string | null
  timeoutMs: number
  limits: BudgetLimits
}

export type GateResult =
  /** The vendor answered (any status); `body` is its text. */
  | {
      kind: 'response'
      status: number
      body: string
      retryAfterSeconds: number | null
      /** The answer's headers the vendor keeps (`Vendor.answerHeaders`: Onfido's paging), lower-cased; absent without any. */
      headers?: Record<string, string>
      shared: boolean
      /** How long ago the vendor gave this answer, when it is the refresh floor's copy (absent: just now). */
      ageMs?: number
      /** The vendor's own time, and how long the call waited for budget (the rest is the gate's cost). */
      vendorMs: number
      waitedMs: number
    }
  | { kind: 'timeout' | 'unreachable' | 'too-large'; shared: boolean }
  /**
   * A 2xx whose body is not what the vendor documents (bodies/vendor-bodies.ts): never kept, never relayed.
   * `where`: the first wrong field's path; null when the body is not JSON at all.
   */
  | { kind: 'invalid'; where: string | null; shared: boolean }
  /** No call was made: the budget (or the vendor's own hold) says wait. */
  | { kind: 'denied'; reason: DenialReason; retryAfterSeconds: number; limit: number; remaining: number; resetSeconds: number }

export type GateStatus = {
  provider: VendorName
  budget: BudgetSnapshot
  calls: number
  /** Calls answered by joining an identical one in flight, or by a copy younger than 5 s. */
  shared: number
  shed: Partial<Record<DenialReason, number>>
  vendor429s: number
}

/**
 * The binding as the Worker uses it, written structurally so the relay's route types (which the
 * extension type-checks through `hc`) never pull in the Workers runtime types.
 */
export interface GateStub {
  call(call: GateCall, target: GateTarget): Promise<GateResult>
  status(target: GateTarget, provider: VendorName): Promise<GateStatus>
  changedRecords(ids: string[]): Promise<void>
  changesSince(since: number): Promise<Changes>
  requesterCheck(agent: string, object: string, bounds: RequesterCheckBounds): Promise<RequesterCheckVerdict>
  requesterRecordCheck(record: string, bounds: RequesterCheckBounds): Promise<RequesterCheckVerdict>
  requesterNoMatch(object: string): Promise<void>
  act(action: GateAction, target: GateTarget): Promise<ActionResult>
  requesterMatched(agent: string, object: string): Promise<void>
  uncountDaily(object: string, attempt: string): Promise<void>
}
export interface GateNamespace {
  idFromName(name: string): unknown
  get(id: never): GateStub
}
