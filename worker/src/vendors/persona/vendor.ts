import { relatedInquiries } from './action-changes.ts'
import { PERSONA_ACTIONS } from './action-list.ts'
import type { Vendor } from '../../kit/vendor.ts'
import { parseJson, positiveSeconds } from '../../kit/body.ts'
import { callsVariable, plausibleWait } from '../../kit/budget.ts'
import { bodies } from './bodies.ts'
import { personaHistory } from './history.ts'
import { personaRequester } from './requester.ts'
import { lookupPersonaIds } from './lookup.ts'
import { verifyPersonaSignature } from './webhook-signature.ts'
import { personaSummary } from './webhook-summary.ts'
import { PERSONA_PAGED_LISTS } from './paged-lists.ts'

/** Persona's rate-limit window (docs/vendors/persona.md §6): no wait it names is longer. */
const PERSONA_WINDOW_SECONDS = 60

/**
 * The error titles Persona documents (docs/vendors/persona.md §7): the only words of Persona's an agent
 * is told. `details` and any other title are free text, which can name the person a record is about.
 */
const DOCUMENTED_TITLES: ReadonlySet<string> = new Set([
  'Bad Request',
  'Unauthorized',
  'Must be authenticated to access this endpoint',
  'Token is invalid',
  'Forbidden',
  'Record not found',
  'Conflict',
  'Rate limit exceeded',
  'Quota exceeded',
  'Service unavailable',
])

/** Inquiry (approved, declined, failed, expired) and inquiry-session (expired, canceled) end states. */
const SETTLED: ReadonlySet<string> = new Set(['approved', 'declined', 'failed', 'expired', 'canceled'])

/** Persona: `Authorization: Bearer`, JSON:API errors `{errors:[{title, details}]}` (docs/vendors/persona.md §1, §7). */
export const persona: Vendor = {
  name: 'persona',
  label: 'Persona',
  keySecret: 'PERSONA_API_KEY',
  // The agent actions' key (vendors/persona/actions.ts): a read-only deployment keeps PERSONA_API_KEY read-only.
  actionsKeySecret: 'PERSONA_ACTIONS_API_KEY',
  baseVariable: 'PERSONA_API_BASE',
  defaultBase: 'https://api.withpersona.com/api/v1',
  environmentVariable: 'PERSONA_ENVIRONMENT',
  // 90% of Persona's 300 calls a minute (docs/vendors/persona.md §6), counted over 61 s.
  budget: { vendorWindowMs: 60_000, windowMs: 61_000, perWindow: callsVariable('PERSONA_BUDGET_PER_MINUTE', 100_000, 270), perDay: null },
  authHeaders: (apiKey) => ({ authorization: `Bearer ${apiKey}` }),
  // The two that change Persona's body (routes.ts forwards them; queries.ts says which values).
  requestHeaders: ['Key-Inflection', 'Persona-Version', 'Idempotency-Key'],
  errorMessage(body) {
    const json = parseJson(body) as { errors?: { title?: unknown }[] } | undefined
    const title = json?.errors?.[0]?.title
    return typeof title === 'string' && DOCUMENTED_TITLES.has(title) ? title : null
  },
  // Persona documents no Retry-After; RateLimit-Reset is the seconds until the window resets (docs/vendors/persona.md §1).
  // Either is taken within Persona's 60-second window; an implausible one (an epoch timestamp) is as if absent.
  retryAfterSeconds: (headers) =>
    plausibleWait(positiveSeconds(headers.get('ratelimit-reset')), PERSONA_WINDOW_SECONDS) ??
    plausibleWait(positiveSeconds(headers.get('retry-after')), PERSONA_WINDOW_SECONDS),
  bodies,
  lookup: lookupPersonaIds,
  // An inquiry's or a session's end states (docs/vendors/persona.md §9).
  settled: ({ kind, status }) => kind !== 'persona-event' && SETTLED.has(status),
  pagedLists: PERSONA_PAGED_LISTS,
  requester: personaRequester,
  history: personaHistory,
  // `GET /inquiries` filters by reference ID, account, template, status, note and dates, not email (docs/vendors/persona.md §2).
  historyByEmail: null,
  webhook: {
    // The secret being rotated out verifies too: while Persona rotates a secret it sends a set for each.
    secrets: ['PERSONA_WEBHOOK_SECRET', 'PERSONA_WEBHOOK_SECRET_PREVIOUS'],
    signatureHeader: 'persona-signature',
    verify: verifyPersonaSignature,
    badSignature: 'Persona-Signature is missing or does not match the body.',
    summarize: personaSummary,
  },
  actions: Object.values(PERSONA_ACTIONS),
  actionChanges: relatedInquiries,
}
