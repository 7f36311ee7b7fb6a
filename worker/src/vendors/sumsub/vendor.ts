import type { Vendor } from '../../kit/vendor.ts'
import { positiveSeconds } from '../../kit/body.ts'
import { callsVariable, plausibleWait } from '../../kit/budget.ts'
import { SUMSUB_ACTIONS } from './action-list.ts'
import { bodies } from './bodies.ts'
import { sumsubHistory } from './history.ts'
import { lookupSumsubIds } from './lookup.ts'
import { sumsubRequester } from './requester.ts'
import { sumsubAuthHeaders } from './sign.ts'
import { sumsubSignatureOf, verifySumsubSignature } from './webhook-digest.ts'
import { sumsubSummary } from './webhook-summary.ts'

/** An applicant's review is over when it is GREEN, or RED for good (docs/vendors/sumsub.md §3): a RETRY may change. */
const settled = ({ status, details }: { status: string; details: { kind: string; rejectType?: string | null } }) =>
  status === 'GREEN' || (status === 'RED' && details.rejectType === 'FINAL')

/** Sumsub: every request signed with the app token and secret key (docs/vendors/sumsub.md §1). */
export const sumsub: Vendor = {
  name: 'sumsub',
  label: 'Sumsub',
  keySecret: 'SUMSUB_API_TOKEN',
  signingSecret: 'SUMSUB_SECRET_KEY',
  actionsKeySecret: null,
  baseVariable: 'SUMSUB_API_BASE',
  defaultBase: 'https://api.sumsub.com',
  environmentVariable: 'SUMSUB_ENVIRONMENT',
  // About 300 reads per 5 s (§5, to confirm): the default is a third of it.
  budget: { vendorWindowMs: 5000, windowMs: 5500, perWindow: callsVariable('SUMSUB_BUDGET_PER_5_SECONDS', 300, 100), perDay: null },
  authHeaders: (appToken, request) => sumsubAuthHeaders({ appToken, secretKey: request.signingKey ?? '' }, request, request.nowMs),
  requestHeaders: [],
  // Sumsub's `description` is free text (§5): none of its words reaches an agent.
  errorMessage: () => null,
  retryAfterSeconds: (headers) => plausibleWait(positiveSeconds(headers.get('retry-after')), 60),
  bodies,
  lookup: lookupSumsubIds,
  settled: (summary) => settled(summary as Parameters<typeof settled>[0]),
  // Sumsub lists no applicants (§5): nothing to page.
  pagedLists: {},
  requester: sumsubRequester,
  history: sumsubHistory,
  // No documented read by email (§2).
  historyByEmail: null,
  webhook: {
    secrets: ['SUMSUB_WEBHOOK_SECRET'],
    signatureHeader: 'x-payload-digest',
    readSignature: sumsubSignatureOf,
    verify: (signature, raw, secrets) => verifySumsubSignature(signature, raw, secrets),
    badSignature: 'X-Payload-Digest or X-Payload-Digest-Alg is missing, or the digest does not match the body.',
    summarize: sumsubSummary,
  },
  actions: Object.values(SUMSUB_ACTIONS),
  actionChanges: null,
}
