// The parsed configuration's shape, apart from config/parse.ts (which parses it with the vendors'
// defaults): what the app's environment (env.ts) names without importing the vendors.
import type { ActionName, VendorName } from '@idv-lens/shared/api'
import type { AgentEntry } from './agent-tokens.ts'
import type { AccessSettings } from './access-settings.ts'
import type { BudgetLimits } from '../gate/budget.ts'
import type { GateNamespace, RequesterCheckBounds } from '../gate/protocol.ts'
import type { ConfigProblem } from './problems.ts'
import type { VendorTable } from '../vendor-shape/vendor.ts'

export type RelayConfig = {
  /** Every vendor, as the registry describes it (vendors/index.ts): the core reads vendors only here. */
  vendors: VendorTable
  /** `environment`: the vendor environment the key belongs to ('' = the base URL's only one). */
  upstream: Record<VendorName, { base: string; apiKey: string | null; environment: string; signingKey: string | null }>
  allowedOrigins: string[]
  timeoutMs: number
  ttl: { list: number; object: number }
  /** AGENT_TOKENS, parsed (the well-formed entries; auth/agent-directory.ts hashes them once). */
  agentEntries: AgentEntry[]
  audit: { enabled: boolean; retentionDays: number; batchMs: number }
  /** `tokens`: AGENT_TOKENS; `access`: Cloudflare Access JWTs (auth/access-jwt.ts). */
  auth: { mode: 'tokens' | 'access'; access: AccessSettings | null }
  /** What is wrong with the configuration; empty when all is well. */
  problems: ConfigProblem[]
  /** What the vendor gate lets through, per vendor. */
  budget: Record<VendorName, BudgetLimits>
  /** The vendor gate binding; without it no vendor is ever called (503 governor-unavailable). */
  gate: GateNamespace | null
  /** CACHE_KEY_SECRET (cache entries are encrypted with a key derived from it), or null in dev. */
  cacheSecret: string | null
  /**
   * The agent actions (ACTIONS, none by default), whether a one-time link needs a requester match
   * (LINK_REQUIRES_REQUESTER_MATCH), and the write-scoped key each vendor's actions use (its
   * `actionsKeySecret`; null: the read key). Kept apart from `upstream`, whose value names the cache's namespace.
   * `mcp` (MCP_ACTIONS, none by default): the offered actions /mcp may also list as tools.
   */
  actions: { offered: ActionName[]; mcp: ActionName[]; linkRequiresRequesterMatch: boolean; apiKeys: Record<VendorName, string | null> }
  /**
   * FLAGGED_ESCALATION's tag (the flagged-escalation action adds it) or assignee (it assigns the
   * inquiry's case to that Persona user's email; the audit and agents see only its `name`), null where
   * not that form, and FLAGGED_CONTACT's words (null: none).
   */
  flagged: { tag: string | null; assignee: { name: string; email: string } | null; contact: string | null }
  /** Webhook secrets per vendor: the current one first, then any being rotated out. Empty: not configured. */
  webhooks: Record<VendorName, string[]>
  /** The requester checks' daily bounds (REQUESTER_CHECKS_*, REQUESTER_NO_MATCHES_PER_RECORD), counted in the vendor gate. */
  requesterChecks: RequesterCheckBounds
}
