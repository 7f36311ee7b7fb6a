/**
 * RFC 9457 problem details, as the relay answers every failure.
 *
 * The set of problem codes is closed: clients switch on `code`, and the Worker cannot emit a code
 * without a status (see `PROBLEM_STATUS`).
 */
import type { VendorName } from './vendor-name.ts'

export const PROBLEM_STATUS = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'action-disabled': 403,
  'requester-not-confirmed': 403,
  'already-made': 409,
  'bad-signature': 401,
  'not-found': 404,
  'flagged-record': 409,
  'not-flagged': 409,
  'wrong-state': 409,
  'no-case': 409,
  'method-not-allowed': 405,
  'payload-too-large': 413,
  'rate-limited': 429,
  'requester-check-limited': 429,
  'requester-check-locked': 403,
  'budget-exhausted': 429,
  internal: 500,
  'upstream-auth': 502,
  'upstream-unavailable': 502,
  'upstream-invalid': 502,
  'provider-not-configured': 503,
  misconfigured: 503,
  'auth-unavailable': 503,
  'governor-unavailable': 503,
  'upstream-timeout': 504,
} as const

export type ProblemCode = keyof typeof PROBLEM_STATUS

export const PROBLEM_TITLE: Record<ProblemCode, string> = {
  'bad-request': 'Bad request',
  unauthorized: 'Agent token missing or not accepted',
  forbidden: 'Not allowed for this agent',
  'action-disabled': 'This action is not turned on',
  'requester-not-confirmed': 'Confirm the requester first',
  'already-made': 'This click was already carried out',
  'bad-signature': 'Webhook signature missing or not valid',
  'not-found': 'Not found',
  'flagged-record': 'A fraud check flagged this record',
  'not-flagged': 'No fraud check flagged this record',
  'wrong-state': 'The record is not in a state that allows this',
  'no-case': 'This record has no case to assign',
  'method-not-allowed': 'Method not allowed',
  'payload-too-large': 'Payload too large',
  'rate-limited': 'Rate limited',
  'requester-check-limited': "This record's or this AI client's requester checks for the day are used up",
  'requester-check-locked': "This record's requester checks are locked after too many no-matches",
  'budget-exhausted': "The team's vendor budget is used up for now",
  internal: 'Internal error',
  'upstream-auth': 'The vendor refused the relay',
  'upstream-unavailable': 'The vendor is unavailable',
  'upstream-invalid': 'The vendor answered with a body the relay does not recognise',
  'provider-not-configured': 'Provider not configured',
  misconfigured: 'The relay is misconfigured',
  'auth-unavailable': 'Sign-ins cannot be checked right now',
  'governor-unavailable': "The relay's vendor gate is unavailable",
  'upstream-timeout': 'The vendor did not answer in time',
}

export const PROBLEM_TYPE_PREFIX = 'urn:idv-lens:problem:'

export type Problem = {
  type: string
  title: string
  status: number
  detail: string
  code: ProblemCode
  requestId?: string
  /** The query parameter or header that was rejected (bad-request only). */
  parameter?: string
  /** Which vendor the failure concerns, when it concerns one. */
  provider?: VendorName
  /** Seconds to wait before retrying (rate-limited, requester-check-limited, requester-check-locked, budget-exhausted, governor-unavailable, auth-unavailable); mirrors Retry-After. */
  retryAfter?: number
  /** When the vendor carried out this click's action (already-made): the relay keeps no answer to replay. */
  madeAt?: string
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.code === 'string' && v.code in PROBLEM_STATUS && typeof v.status === 'number'
}
