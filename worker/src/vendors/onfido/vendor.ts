import type { Vendor } from '../../kit/vendor.ts'
import { parseJson, positiveSeconds } from '../../kit/body.ts'
import { callsVariable, plausibleWait } from '../../kit/budget.ts'
import { ONFIDO_ACTIONS } from './action-list.ts'
import { bodies } from './bodies.ts'
import { onfidoHistory } from './history.ts'
import { lookupOnfidoIds } from './lookup.ts'
import { ONFIDO_PAGED_LISTS } from './paged-lists.ts'
import { onfidoRequester } from './requester.ts'
import { verifyOnfidoSignature } from './webhook-signature.ts'
import { onfidoSummary } from './webhook-summary.ts'

/** The error types Onfido documents (docs/vendors/onfido.md §4): its only words an agent is told; `message` is free text. */
const DOCUMENTED_TYPES: ReadonlySet<string> = new Set(['authorization_error', 'resource_not_found', 'validation_error', 'rate_limit'])

/** Onfido's window is a minute: no wait it names is longer. */
const ONFIDO_RETRY_AFTER_MAX_SECONDS = 60

/** A run's end states (docs/vendors/onfido.md §3). */
const SETTLED: ReadonlySet<string> = new Set(['approved', 'declined', 'abandoned', 'error'])

/** Onfido: `Authorization: Token token=<token>`, errors `{"error": {type, message, fields}}` (docs/vendors/onfido.md §1, §4). */
export const onfido: Vendor = {
  name: 'onfido',
  label: 'Onfido',
  keySecret: 'ONFIDO_API_TOKEN',
  actionsKeySecret: null,
  baseVariable: 'ONFIDO_API_BASE',
  defaultBase: 'https://api.eu.onfido.com/v3.6',
  environmentVariable: 'ONFIDO_ENVIRONMENT',
  // 90% of Onfido's 400 requests a minute (docs/vendors/onfido.md §5).
  budget: {
    vendorWindowMs: 60_000,
    windowMs: 66_000,
    perWindow: callsVariable('ONFIDO_BUDGET_PER_MINUTE', 100_000, 360),
    perDay: null,
  },
  authHeaders: (apiKey) => ({ authorization: `Token token=${apiKey}` }),
  // Onfido pages runs in headers (docs/vendors/onfido.md §2).
  answerHeaders: ['link', 'x-total-count'],
  requestHeaders: [],
  errorMessage(body) {
    const type = (parseJson(body) as { error?: { type?: unknown } } | undefined)?.error?.type
    return typeof type === 'string' && DOCUMENTED_TYPES.has(type) ? type : null
  },
  retryAfterSeconds: (headers) => plausibleWait(positiveSeconds(headers.get('retry-after')), ONFIDO_RETRY_AFTER_MAX_SECONDS),
  bodies,
  lookup: lookupOnfidoIds,
  settled: ({ status }) => SETTLED.has(status),
  pagedLists: ONFIDO_PAGED_LISTS,
  requester: onfidoRequester,
  history: onfidoHistory,
  // Runs are listed by applicant, status, tags and dates, applicants by page only: no email (docs/vendors/onfido.md §2).
  historyByEmail: null,
  webhook: {
    secrets: ['ONFIDO_WEBHOOK_TOKEN'],
    signatureHeader: 'x-sha2-signature',
    verify: (signature, raw, secrets) => verifyOnfidoSignature(signature, raw, secrets),
    badSignature: 'X-SHA2-Signature is missing or does not match the body.',
    summarize: onfidoSummary,
  },
  actions: Object.values(ONFIDO_ACTIONS),
  // A new link's answer is the new run: it names its applicant, whose history it changes.
  actionChanges: (answer) => {
    const run = answer as { id?: unknown; applicant_id?: unknown } | null
    return [run?.id, run?.applicant_id].filter((id): id is string => typeof id === 'string')
  },
}
