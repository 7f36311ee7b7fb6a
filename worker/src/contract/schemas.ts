/**
 * The relay's response bodies as zod schemas, for the published contract (GET /openapi.json). Vendor
 * bodies pass through as the vendor sends them (keys inflected as asked, attributes as the vendor's
 * version has them), so they are described by their envelope and left open inside; the relay's own
 * bodies (problems, lookups, health) are described in full. They mirror the types in shared/src/api
 * (test/openapi.test.ts holds them equal). Each vendor's part (its bodies, its ID kinds' lookup
 * details) is in its folder's contract.ts, combined here through the registry.
 */
import {
  ACTION_KINDS,
  ACTION_NAMES,
  AGENT_ROLES,
  MAX_FAILED_LISTED,
  PROBLEM_STATUS,
  VENDOR_NAMES,
  type ProblemCode,
  type VendorName,
} from '@idv-lens/shared/api'
import { ID_PATTERNS, type IdKind } from '@idv-lens/shared/ids'
import { z, type ZodType } from 'zod'
import { VENDOR_CONTRACTS } from '../vendors/index.ts'
import { VENDOR_ROUTERS } from '../vendors/routers.ts'

const PROBLEM_CODES = Object.keys(PROBLEM_STATUS) as [ProblemCode, ...ProblemCode[]]
const provider = z.enum(VENDOR_NAMES)
const idKind = z.enum(ID_PATTERNS.map((p) => p.kind) as [IdKind, ...IdKind[]])

/** RFC 9457 problem details, as every failure is answered (`application/problem+json`). */
export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: '`urn:idv-lens:problem:<code>`' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(PROBLEM_CODES),
    requestId: z.string().optional(),
    parameter: z.string().optional().meta({ description: 'The query parameter, header or path parameter that was rejected.' }),
    provider: provider.optional(),
    retryAfter: z.number().int().optional().meta({ description: 'Seconds to wait; mirrors the Retry-After header.' }),
    madeAt: z
      .string()
      .optional()
      .meta({ description: "With already-made: when the vendor carried out this Idempotency-Key's action (ISO 8601)." }),
  })
  .meta({ id: 'Problem' })

export const HealthSchema = z
  .object({
    status: z
      .enum(['ok', 'misconfigured'])
      .meta({ description: '`misconfigured`: the relay runs, and the routes that need a broken part answer 503 until it is fixed.' }),
    providers: z.record(
      provider,
      z.object({
        configured: z.boolean(),
        upstreamAuth: z
          .object({ seenWithin5Minutes: z.boolean(), lastSeenAt: z.string().nullable() })
          .meta({ description: "Whether the vendor refused the relay's key (upstream-auth) lately, as far as this data center knows." }),
      }),
    ),
    problems: z
      .array(z.object({ variable: z.string(), message: z.string() }))
      .meta({ description: 'What is wrong with the configuration: variable names and rules, never values.' }),
    live: z.object({ configured: z.boolean() }).meta({ description: 'Whether live events (webhooks and the live socket) are set up.' }),
    auth: z.object({ mode: z.enum(['tokens', 'access']) }).meta({
      description:
        'How agents authenticate: `tokens` (Authorization: Bearer) or `access` (Cloudflare Access sign-in, the CF_Authorization cookie).',
    }),
    audit: z
      .object({
        writes: z.enum(['ok', 'failing', 'off']),
        pending: z.number().int().optional(),
        spooled: z.number().int().optional(),
        dropped: z.number().int().optional(),
        failures: z.number().int().optional(),
        lastFailureAt: z.string().nullable().optional(),
        lastWrittenAt: z.string().nullable().optional(),
      })
      .meta({
        description:
          "This isolate's audit writer: `failing` while D1 refuses or times out (rows are kept and retried, `pending`; beyond 10,000 the oldest go, `dropped`; rows its retries could not write wait in the audit spool, `spooled`, until it has written them). The counts and times only with a valid agent token.",
      }),
  })
  .meta({ id: 'Health' })

/** A route pattern as the audit records it: the first vendor's first route with a path parameter, as mounted. */
const EXAMPLE_ROUTE = Object.entries(VENDOR_ROUTERS)
  .flatMap(([name, router]) => router.routes.map((route) => `/v1/${name}${route.path}`))
  .find((path) => path.includes('/:'))

/** `GET /v1/admin/audit` (admins): who looked at what, newest first. Never personal data. */
export const AuditPageSchema = z
  .object({
    data: z.array(
      z.object({
        time: z.string(),
        agent: z.string().nullable(),
        aiClient: z.string().nullable().meta({
          description: 'The agent again when it is an AI client (an ai token or an OAuth client): its tool calls, and its refusals on /v1.',
        }),
        route: z.string().meta({ description: `The route pattern, e.g. \`${EXAMPLE_ROUTE}\`; \`mcp/<tool>\` for an MCP tool call.` }),
        ids: z.array(z.string()).meta({ description: 'The verification IDs the request involved.' }),
        outcome: z.enum(['hit', 'miss', 'stale', 'served', 'refused', 'vendor-error', 'budget', 'error', 'preflight']),
        status: z.number().int(),
        problem: z.string().nullable().meta({ description: 'The problem code of a failed answer, e.g. forbidden; null on success.' }),
        cacheStatus: z.string().nullable(),
        requestId: z.string(),
        onBehalfOf: z
          .string()
          .max(128)
          .nullable()
          .meta({ description: "An MCP tool call's on_behalf_of, as the AI client asserted it (grants nothing)." }),
        ticket: z.string().max(128).nullable().meta({ description: "An MCP tool call's ticket, as the AI client asserted it." }),
        escalatedTo: z.string().nullable().meta({
          description:
            "A flagged record's escalation: the assignee's name as the admin set it (FLAGGED_ESCALATION), never an email; else null.",
        }),
      }),
    ),
    next: z.string().nullable().meta({ description: 'The cursor of the next (older) page, or null.' }),
  })
  .meta({ id: 'AuditPage' })

const count = z.number().int()

/** `GET /v1/admin/usage` (admins): the team's use per agent and per vendor, per UTC day, from the audit. */
export const UsageReportSchema = z
  .object({
    from: z.string().meta({ description: 'The first UTC day counted, YYYY-MM-DD.' }),
    to: z.string().meta({ description: 'The last UTC day counted (today), YYYY-MM-DD.' }),
    retentionDays: count.meta({ description: 'AUDIT_RETENTION_DAYS: older rows are deleted, so no count goes further back.' }),
    oldestRow: z
      .string()
      .nullable()
      .meta({ description: 'When the oldest row the audit still holds was recorded; null when it is empty.' }),
    agents: z.array(
      z.object({
        agent: z.string().nullable().meta({ description: 'null: requests refused before an agent was known.' }),
        ai: z
          .literal(true)
          .optional()
          .meta({ description: "An AI principal (role ai: a helpdesk's AI agent on /mcp), listed even before its first call." }),
        days: z.array(
          z.object({
            day: z.string(),
            lookups: count,
            reads: count,
            actions: z.partialRecord(z.enum(ACTION_KINDS), count),
            refusals: z.record(z.string(), count).meta({ description: 'Refused requests by HTTP status.' }),
            other: count,
          }),
        ),
      }),
    ),
    aiClients: z
      .array(
        z.object({
          name: z.string(),
          calls: count.meta({ description: 'MCP tool calls in the range.' }),
          tools: z.record(z.string(), count).meta({ description: 'Tool calls by tool name.' }),
          refusals: z
            .record(z.string(), count)
            .meta({ description: 'Refused tool calls and /v1 requests by problem code (forbidden: its token on /v1).' }),
        }),
      )
      .meta({ description: 'Each AI client (an ai token or an OAuth client) over the range, listed even before its first call.' }),
    vendors: z.array(
      z.object({
        vendor: z.string(),
        budget: z.object({ perWindow: count, windowSeconds: count, perDay: count.nullable() }).meta({
          description: "Calls per window of windowSeconds (the vendor's own; the gate counts each a little longer), and per UTC day.",
        }),
        days: z.array(z.object({ day: z.string(), calls: count })).meta({
          description:
            'Requests that went to the vendor (reads with outcome miss or vendor-error, writes served or vendor-error), per UTC day with any.',
        }),
      }),
    ),
    probes: z
      .array(
        z.object({
          agent: z.string().nullable(),
          id: z.string().meta({ description: 'The record whose requester checks were refused.' }),
          why: z
            .enum(['bound', 'lockout'])
            .meta({ description: "bound: a daily bound (the record's or the AI client's, 429); lockout: the record's no-matches (403)." }),
          refusals: count,
          last: z.string().meta({ description: 'When the last of them was refused (ISO 8601).' }),
        }),
      )
      .meta({
        description: 'Possible probes: requester checks refused by a daily bound or a lockout, per agent and record, most refused first.',
      }),
  })
  .meta({ id: 'UsageReport' })

const gateBudget = z.looseObject({
  configured: z.literal(true),
  gate: z.literal('ok'),
  budget: z.looseObject({ limit: z.number(), windowSeconds: z.number() }),
  callsInWindow: z.number(),
  remaining: z.number(),
  resetSeconds: z.number(),
  backoffUntil: z.string().nullable(),
  calls: z.number(),
  sharedCalls: z.number(),
  vendor429s: z.number(),
})

/** `GET /v1/status` (any agent): each vendor's budget as its gate keeps it, and this isolate's cache. */
export const StatusSchema = z
  .object({
    vendors: z.record(
      provider,
      z.union([
        gateBudget,
        z.object({ configured: z.literal(false) }),
        z.object({ configured: z.literal(true), gate: z.literal('unavailable') }),
      ]),
    ),
    cache: z.object({ scope: z.string(), hits: z.number().int(), misses: z.number().int(), hitRatio: z.number().nullable() }),
    /** This isolate's room for parsing large vendor answers: held now, and bodies that took and gave it back. */
    room: z.object({
      scope: z.string(),
      heldBytes: z.number().int(),
      maxBytes: z.number().int(),
      takes: z.number().int(),
      releases: z.number().int(),
    }),
  })
  .meta({ id: 'Status' })

const nullableString = z.string().nullable()

/** Every vendor's ID kinds' details (each vendor's contract.ts), in the registry's order. */
type Details = (typeof VENDOR_CONTRACTS)[VendorName]['lookupDetails'][number]
const LookupDetails = z.discriminatedUnion(
  'kind',
  Object.values(VENDOR_CONTRACTS).flatMap((contract): readonly Details[] => contract.lookupDetails) as [Details, ...Details[]],
)

const LookupFound = z.object({
  found: z.literal(true),
  id: z.string(),
  kind: idKind,
  provider,
  type: z.string(),
  status: z.string(),
  createdAt: nullableString,
  updatedAt: nullableString,
  dashboardUrl: z.string(),
  reason: z
    .object({
      check: z.string(),
      reasons: z.array(z.string()),
      verificationId: nullableString,
      failedChecks: z.number().int(),
      failed: z.array(z.object({ check: z.string(), reasons: z.array(z.string()) })).max(MAX_FAILED_LISTED),
    })
    .nullable()
    .meta({
      description:
        'The first failed check and its reason codes, as the vendor names them, and every failed check (newest first); null when none failed.',
    }),
  case: z
    .object({ id: z.string(), status: z.string(), resolution: nullableString, dashboardUrl: z.string() })
    .nullable()
    .meta({ description: 'The newest review case on it (where the vendor has cases); null when none.' }),
  details: LookupDetails,
})

const LookupEntry = z.discriminatedUnion('found', [
  LookupFound,
  z.object({
    found: z.literal(false),
    id: z.string(),
    kind: idKind,
    provider,
    error: z.object({
      code: z.enum(PROBLEM_CODES),
      status: z.number().int(),
      detail: z.string(),
      retryAfter: z.number().int().optional().meta({ description: 'With budget-exhausted: seconds until this ID is worth asking again.' }),
    }),
  }),
])

export const LookupResponseSchema = z.object({ data: z.array(LookupEntry) }).meta({ id: 'LookupResponse' })

/** `POST /v1/requester-check`: match / no-match / unknown, never a value (shared/src/api/verdicts.ts). */
export const RequesterCheckResponseSchema = z
  .object({
    data: z.object({
      id: z.string(),
      field: z.enum(['email', 'name', 'phone', 'birthdate']),
      result: z
        .enum(['match', 'no-match', 'unknown'])
        .meta({ description: '`unknown`: the object holds no such value (not collected, or redacted).' }),
    }),
  })
  .meta({ id: 'RequesterCheckResponse' })

/** One vendor's line in a history (shared/src/api/verdicts.ts). */
const HistoryVendor = z.object({
  provider,
  outcome: z.enum(['searched', 'failed', 'not-searched']),
  found: z.number().int().min(0),
  complete: z.boolean(),
  why: z
    .string()
    .nullable()
    .meta({ description: "`failed`: the problem code; `not-searched`: `no-email-filter` (the vendor's API lists nothing by email)." }),
})

/** `GET /v1/history`: one customer's attempts, newest first, as lookup summaries, and one line per vendor. */
export const HistoryResponseSchema = z
  .object({
    referenceId: z.string().meta({ description: "The reference ID searched; '' for an email search." }),
    data: z.array(LookupFound),
    complete: z.boolean().meta({
      description:
        "False when a vendor's pages were not all read (budget, time, or more than one answer holds) or a vendor was not searched.",
    }),
    vendors: z.array(HistoryVendor),
  })
  .meta({ id: 'HistoryResponse' })

/** `GET /v1/me`: the agent, its roles, and the actions it may call (shared/src/api/actions.ts). */
export const MeResponseSchema = z
  .object({
    agent: z.string(),
    roles: z.array(z.enum(AGENT_ROLES)),
    actions: z
      .array(z.enum(ACTION_NAMES))
      .meta({ description: 'The actions the relay offers (ACTIONS) that this agent may call: [] for an agent who is not an actor.' }),
    linkRequiresRequesterMatch: z
      .boolean()
      .meta({ description: 'Whether a one-time link needs a requester-check match for the same ID by the same agent within 15 minutes.' }),
    flagged: z.object({ tag: z.string().nullable(), assignee: z.string().nullable(), contact: z.string().nullable() }).meta({
      description:
        "A flagged record's escalation: the tag flagged-escalation adds or the name of the user it assigns the case to (FLAGGED_ESCALATION), and whom to tell (FLAGGED_CONTACT); null where not set.",
    }),
  })
  .meta({ id: 'MeResponse' })

/** Vendor bodies named inside the ones above (each vendor's contract.ts): published as components of their own. */
export const NESTED: Record<string, ZodType> = Object.assign({}, ...Object.values(VENDOR_CONTRACTS).map((contract) => contract.nested))
