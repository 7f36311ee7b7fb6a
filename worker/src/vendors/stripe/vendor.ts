import type { Vendor } from '../../kit/vendor.ts'
import { parseJson, positiveSeconds } from '../../kit/body.ts'
import { callsVariable, plausibleWait } from '../../kit/budget.ts'
import { bodies } from './bodies.ts'
import { stripeHistory } from './history.ts'
import { lookupStripeIds } from './lookup.ts'
import { verifyStripeSignature } from './webhook-signature.ts'
import { stripeSummary } from './webhook-summary.ts'
import { STRIPE_PAGED_LISTS } from './paged-lists.ts'

/**
 * The error types and codes Stripe documents (docs/vendors/stripe.md §5): the only words of Stripe's an
 * agent is told. `message` is free text and can quote what was asked for.
 */
const DOCUMENTED_CODES: ReadonlySet<string> = new Set([
  'resource_missing',
  'parameter_unknown',
  'parameter_invalid_integer',
  'parameter_invalid_empty',
  'parameter_missing',
  'rate_limit',
  'api_key_expired',
  'secret_key_required',
  'platform_api_key_expired',
])
const DOCUMENTED_TYPES: ReadonlySet<string> = new Set(['api_error', 'idempotency_error', 'invalid_request_error'])

/** The API version whose bodies the relay and its tests know (the `stripe` package's types are of it). */
export const STRIPE_API_VERSION = '2025-10-29.clover'

/** Test-mode keys (docs/vendors/stripe.md §2): their own, lower rate limit. */
export const isStripeTestKey = (apiKey: string | null): boolean => /^(sk|rk)_test_/.test(apiKey ?? '')

/** Stripe's rate-limit window is a second: no wait it names is longer than a few. */
const STRIPE_RETRY_AFTER_MAX_SECONDS = 10

/** Stripe: `Authorization: Bearer <sk_|rk_ key>`, errors `{"error": {type, code, message, param}}` (docs/vendors/stripe.md §1, §5). */
export const stripe: Vendor = {
  name: 'stripe',
  label: 'Stripe',
  keySecret: 'STRIPE_API_KEY',
  actionsKeySecret: null,
  baseVariable: 'STRIPE_API_BASE',
  defaultBase: 'https://api.stripe.com/v1/identity',
  environmentVariable: 'STRIPE_ENVIRONMENT',
  // 90% of Stripe's 100 operations a second live, 25 in test mode (docs/vendors/stripe.md §2).
  budget: {
    vendorWindowMs: 1000,
    windowMs: 1100,
    perWindow: { ...callsVariable('STRIPE_BUDGET_PER_SECOND', 10_000, 90), fallbackFor: (apiKey) => (isStripeTestKey(apiKey) ? 22 : 90) },
    perDay: null,
  },
  authHeaders: (apiKey) => ({ authorization: `Bearer ${apiKey}`, 'stripe-version': STRIPE_API_VERSION }),
  requestHeaders: [],
  errorMessage(body) {
    const error = (parseJson(body) as { error?: { type?: unknown; code?: unknown } } | undefined)?.error
    if (typeof error?.code === 'string' && DOCUMENTED_CODES.has(error.code)) return error.code
    return typeof error?.type === 'string' && DOCUMENTED_TYPES.has(error.type) ? error.type : null
  },
  retryAfterSeconds: (headers) => plausibleWait(positiveSeconds(headers.get('retry-after')), STRIPE_RETRY_AFTER_MAX_SECONDS),
  bodies,
  lookup: lookupStripeIds,
  // A session's end states.
  settled: ({ kind, status }) => kind === 'stripe-verification-session' && (status === 'verified' || status === 'canceled'),
  pagedLists: STRIPE_PAGED_LISTS,
  // A session's person is in `verified_outputs`, which needs extra key permissions and never leaves (docs/vendors/stripe.md §4).
  requester: null,
  history: stripeHistory,
  // Sessions are listed by `client_reference_id`, `related_customer`, status and creation, not email (docs/vendors/stripe.md §3).
  historyByEmail: null,
  webhook: {
    // While a secret is rolled both verify (Stripe signs with both for up to 24 hours).
    secrets: ['STRIPE_WEBHOOK_SECRET', 'STRIPE_WEBHOOK_SECRET_PREVIOUS'],
    signatureHeader: 'stripe-signature',
    verify: verifyStripeSignature,
    badSignature: 'Stripe-Signature is missing, stale or does not match the body.',
    summarize: stripeSummary,
  },
  actions: [],
  actionChanges: null,
}
