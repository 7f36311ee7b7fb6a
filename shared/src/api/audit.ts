import { REGISTERED_ACTION_KINDS } from '../vendors/registry.ts'

/** `GET /v1/admin/audit`: who looked at what, newest first. Admins only. */
export type AuditRecord = {
  /** ISO 8601, when the request arrived. */
  time: string
  /** The agent's name (token mode) or email (Access mode); null for a refused, unauthenticated call. */
  agent: string | null
  /** The agent's name again when it is an AI client (an `ai` token or an OAuth client): its tool calls, and its refusals on `/v1`. */
  aiClient: string | null
  /** The route pattern, e.g. `/v1/persona/inquiries/:id`; `mcp/<tool>` for an MCP tool call. */
  route: string
  /** The verification IDs the request involved. */
  ids: string[]
  outcome: 'hit' | 'miss' | 'stale' | 'served' | 'refused' | 'vendor-error' | 'budget' | 'error' | 'preflight'
  status: number
  /** The problem code of a failed answer (`forbidden`, `budget-exhausted`, …); null on success and on rows recorded before it was kept. */
  problem: string | null
  cacheStatus: string | null
  requestId: string
  /** An MCP tool call's `on_behalf_of` and `ticket`, as the AI client asserted them (at most 128 characters, control characters as spaces). */
  onBehalfOf: string | null
  ticket: string | null
  /** Where a flagged record's escalation assigned it, by the name the admin gave the assignee (never an email); null elsewhere. */
  escalatedTo: string | null
}

export type AuditPage = { data: AuditRecord[]; next: string | null }

export const MAX_AUDIT_PAGE = 500

/** `GET /v1/admin/audit/export?format=`: newline-delimited JSON (one `AuditExportRow` a line) or CSV. */
export const AUDIT_EXPORT_FORMATS = ['ndjson', 'csv'] as const
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number]

/** One exported row: every column the audit keeps, in the export's column order. */
export type AuditExportRow = AuditRecord & {
  /** The client's `Request-Id`, when it sent an acceptable one. */
  clientRequestId: string | null
  vendor: string | null
  durationMs: number
  /** The vendor calls an MCP tool call spent; null on every other row. */
  vendorCalls: number | null
}

/** The export's columns (the CSV header), in order. */
export const AUDIT_EXPORT_COLUMNS = [
  'time',
  'requestId',
  'clientRequestId',
  'agent',
  'aiClient',
  'onBehalfOf',
  'ticket',
  'route',
  'vendor',
  'ids',
  'outcome',
  'status',
  'problem',
  'cacheStatus',
  'durationMs',
  'vendorCalls',
  'escalatedTo',
] as const satisfies readonly (keyof AuditExportRow)[]

export type ActionKind = (typeof REGISTERED_ACTION_KINDS)[number]

/** The writes agents may make (issue 49), as the last segment of their route: counted per kind in the usage. Every vendor's. */
export const ACTION_KINDS = REGISTERED_ACTION_KINDS as readonly ActionKind[] as readonly [ActionKind, ...ActionKind[]]

/** One agent's requests on one UTC day; every audit row of the agent falls in exactly one count. */
export type AgentUsageDay = {
  /** `YYYY-MM-DD` (UTC). */
  day: string
  /** `/v1/lookup` requests (hover cards, the popup) that were not refused. */
  lookups: number
  /** Vendor reads (lists, details, history) that were not refused. */
  reads: number
  /** Writes by kind, not refused. */
  actions: Partial<Record<ActionKind, number>>
  /** Requests the relay refused (outcome `refused` or `budget`), by HTTP status. */
  refusals: Record<string, number>
  /** Anything else not refused: status, live tickets, the audit itself, requester checks. */
  other: number
}

/** `ai`: an AI principal (role `ai`, a helpdesk's AI agent on `/mcp`), listed even before its first call. */
export type AgentUsage = { agent: string | null; ai?: true; days: AgentUsageDay[] }

/**
 * One AI client's use over the whole range: its MCP tool calls, by tool, and the requests refused to
 * it by problem code (a tool call's refusal, or its token on `/v1`: `forbidden`). Listed even before its first call.
 */
export type AiClientUsage = { name: string; calls: number; tools: Record<string, number>; refusals: Record<string, number> }

/** Requests that went to a vendor on one UTC day (reads `miss` or `vendor-error`, writes `served` or `vendor-error`). */
export type VendorUsageDay = { day: string; calls: number }

export type VendorUsage = {
  vendor: string
  /**
   * The vendor's budget as configured: calls per window, and per UTC day when the vendor has a daily cap.
   * `windowSeconds` is the window the vendor states its limit in; the gate counts each a little longer.
   */
  budget: { perWindow: number; windowSeconds: number; perDay: number | null }
  days: VendorUsageDay[]
}

/** `GET /v1/admin/usage?days=N` (admins): how the team used the relay, from the audit. */
export type UsageReport = {
  /** The first and last UTC day counted (`YYYY-MM-DD`). */
  from: string
  to: string
  /** AUDIT_RETENTION_DAYS: rows older than this are gone. */
  retentionDays: number
  /** The oldest row the audit still holds (ISO 8601), or null when it is empty. */
  oldestRow: string | null
  agents: AgentUsage[]
  /** The AI clients, each its own. */
  aiClients: AiClientUsage[]
  vendors: VendorUsage[]
  /** Requester checks refused by a daily bound or a record's lockout: possible probes, most refused first. */
  probes: RequesterProbe[]
}

/** One agent's refused requester checks of one record in the period, by why: its day's bound or its lockout. */
export type RequesterProbe = { agent: string | null; id: string; why: 'bound' | 'lockout'; refusals: number; last: string }

export const MAX_USAGE_DAYS = 366
