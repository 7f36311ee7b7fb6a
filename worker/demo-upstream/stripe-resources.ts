/**
 * Stripe Identity's list and retrieve (docs/vendors/stripe.md §3): newest first, `limit` 1–100
 * (default 10), one of `starting_after`/`ending_before` (an object ID), `created[gt|gte|lt|lte]`,
 * `status`, `client_reference_id`; `{object: "list", url, has_more, data}`.
 */
import { stripeErrors } from './stripe-errors.ts'
import type { StripeDataset } from './stripe-seed.ts'
import type { StripeReport, StripeSession } from './stripe-types.ts'

export type StripeList<T> = { object: 'list'; url: string; has_more: boolean; data: T[] }

const LIST_PARAMETERS = new Set([
  'limit',
  'starting_after',
  'ending_before',
  'created[gt]',
  'created[gte]',
  'created[lt]',
  'created[lte]',
  'created',
  'status',
  'client_reference_id',
  'related_customer',
  'expand[]',
])
const STATUSES = new Set(['requires_input', 'processing', 'verified', 'canceled'])
const CREATED: Record<string, (created: number, bound: number) => boolean> = {
  'created[gt]': (c, b) => c > b,
  'created[gte]': (c, b) => c >= b,
  'created[lt]': (c, b) => c < b,
  'created[lte]': (c, b) => c <= b,
  created: (c, b) => c === b,
}

function limitOf(params: URLSearchParams): number {
  const raw = params.get('limit')
  if (raw === null) return 10
  if (!/^-?\d+$/.test(raw)) throw stripeErrors.invalidInteger('limit', `Invalid integer: ${raw}`)
  const limit = Number(raw)
  if (limit < 1 || limit > 100)
    throw stripeErrors.invalid('limit', 'This value must be greater than or equal to 1 and less than or equal to 100.')
  return limit
}

function filtered(data: StripeDataset, params: URLSearchParams): StripeSession[] {
  const status = params.get('status')
  if (status !== null && !STATUSES.has(status))
    throw stripeErrors.invalid('status', `Invalid status: must be one of ${[...STATUSES].join(', ')}`)
  const bounds = Object.entries(CREATED).flatMap(([name, test]) => {
    const raw = params.get(name)
    if (raw === null) return []
    if (!/^\d+$/.test(raw)) throw stripeErrors.invalidInteger(name, `Invalid integer: ${raw}`)
    return [(c: number) => test(c, Number(raw))]
  })
  const reference = params.get('client_reference_id')
  return data.sessions.filter(
    (s) =>
      (status === null || s.status === status) &&
      (reference === null || s.client_reference_id === reference) &&
      bounds.every((ok) => ok(s.created)),
  )
}

/** `GET /v1/identity/verification_sessions`. */
export function listSessions(data: StripeDataset, params: URLSearchParams): StripeList<StripeSession> {
  for (const name of params.keys()) if (!LIST_PARAMETERS.has(name)) throw stripeErrors.unknownParameter(name)
  const limit = limitOf(params)
  const after = params.get('starting_after')
  const before = params.get('ending_before')
  if (after !== null && before !== null)
    throw stripeErrors.invalid('ending_before', 'You may only specify one of these parameters: ending_before, starting_after.')
  const matching = filtered(data, params)
  const cursor = after ?? before
  const at = cursor === null ? -1 : matching.findIndex((s) => s.id === cursor)
  if (cursor !== null && at === -1)
    throw stripeErrors.missing('identity.verification_session', cursor, after !== null ? 'starting_after' : 'ending_before')
  // ending_before: the `limit` sessions just newer than the cursor, still newest first; has_more: newer ones left.
  const page = before !== null ? matching.slice(Math.max(0, at - limit), at) : matching.slice(at + 1, at + 1 + limit)
  const hasMore = before !== null ? at - limit > 0 : at + 1 + limit < matching.length
  return { object: 'list', url: '/v1/identity/verification_sessions', has_more: hasMore, data: page }
}

export function retrieveSession(data: StripeDataset, id: string): StripeSession {
  const session = data.byId.get(id)
  if (!session) throw stripeErrors.missing('identity.verification_session', id)
  return session
}

export function retrieveReport(data: StripeDataset, id: string): StripeReport {
  const report = data.reports.get(id)
  if (!report) throw stripeErrors.missing('identity.verification_report', id)
  return report
}
