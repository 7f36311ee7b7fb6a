import type { Vendor } from '../../kit/vendor.ts'
import { parseJson, positiveSeconds } from '../../kit/body.ts'
import { callsVariable, plausibleWait } from '../../kit/budget.ts'
import { bodies } from './bodies.ts'
import { deepidvHistory, deepidvRequester } from './people.ts'
import { lookupDeepidvIds } from './lookup.ts'
import { verifyDeepidvSignature } from './webhook-signature.ts'
import { deepidvSummary } from './webhook-summary.ts'
import { DEEPIDV_PAGED_LISTS } from './paged-lists.ts'

/**
 * The error messages deepidv documents (docs/vendors/deepidv.md §5, §7): the only words of deepidv's an
 * agent is told; any other text can name the applicant.
 */
const DOCUMENTED_MESSAGES: ReadonlySet<string> = new Set([
  'Invalid Input.',
  'Invalid API key.',
  'Insufficient funds or subscription.',
  'This is a sandbox API key. Use a live API key to create or modify resources.',
])

/** The longest Retry-After the relay takes from deepidv, as its SDK does. */
const DEEPIDV_RETRY_AFTER_MAX_SECONDS = 60

/** A session's end states (docs/vendors/deepidv.md §4). */
const SETTLED: ReadonlySet<string> = new Set(['VERIFIED', 'REJECTED', 'VOIDED', 'EXPIRED', 'FAILED'])

/** deepidv: `x-api-key`, errors `{"error": "..."}`, sometimes `{"message"}` or plain text (docs/vendors/deepidv.md §1, §7). */
export const deepidv: Vendor = {
  name: 'deepidv',
  label: 'deepidv',
  keySecret: 'DEEPIDV_API_KEY',
  actionsKeySecret: null,
  baseVariable: 'DEEPIDV_API_BASE',
  defaultBase: 'https://api.deepidv.com/v1',
  environmentVariable: 'DEEPIDV_ENVIRONMENT',
  // 90% of deepidv's 25 calls a second and 10,000 a day (docs/vendors/deepidv.md §6).
  budget: {
    vendorWindowMs: 1000,
    windowMs: 1100,
    perWindow: callsVariable('DEEPIDV_BUDGET_PER_SECOND', 10_000, 22),
    perDay: callsVariable('DEEPIDV_BUDGET_PER_DAY', 100_000_000, 9500),
  },
  authHeaders: (apiKey) => ({ 'x-api-key': apiKey }),
  requestHeaders: [],
  errorMessage(body) {
    const json = parseJson(body) as { error?: unknown; message?: unknown } | string | undefined
    // `{"error"}`, `{"message"}` or plain text (docs/vendors/deepidv.md §7).
    const message =
      json === undefined ? body.trim() : typeof json === 'string' ? json : typeof json?.error === 'string' ? json.error : json?.message
    return typeof message === 'string' && DOCUMENTED_MESSAGES.has(message) ? message : null
  },
  // deepidv documents no Retry-After; its SDK caps one at 60 s (docs/vendors/deepidv.md §6), and so does the relay.
  retryAfterSeconds: (headers) => plausibleWait(positiveSeconds(headers.get('retry-after')), DEEPIDV_RETRY_AFTER_MAX_SECONDS),
  bodies,
  lookup: lookupDeepidvIds,
  settled: ({ status }) => SETTLED.has(status),
  pagedLists: DEEPIDV_PAGED_LISTS,
  requester: deepidvRequester,
  history: deepidvHistory,
  // `GET /sessions` filters by external ID, workflow and dates, not email (docs/vendors/deepidv.md §3).
  historyByEmail: null,
  webhook: {
    // One secret: deepidv sends it as the signature (no rotation overlap).
    secrets: ['DEEPIDV_WEBHOOK_SECRET'],
    signatureHeader: 'deepidv-signature',
    verify: (signature, _raw, secrets) => verifyDeepidvSignature(signature, secrets[0]!),
    badSignature: 'deepidv-signature is missing or not the configured secret.',
    summarize: deepidvSummary,
  },
  actions: [],
  actionChanges: null,
}
