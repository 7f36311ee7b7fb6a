// The app's environment: the bindings (bindings.ts) and what middleware leaves on the context.
import type { CacheOutcome } from './cache-status.ts'
import type { RelayConfig } from './config/relay-config.ts'
import type { AgentRole } from '@idv-lens/shared/api'
import type { Role } from './config/agent-tokens.ts'
import type { AuditDatabase } from './audit/database.ts'
import type { Bindings } from './bindings.ts'

export type AppEnv = {
  Bindings: Bindings
  Variables: {
    /** Made by the relay for every request (a UUID): the audit row's key, the `Request-Id` answered. */
    requestId: string
    /** The client's own `Request-Id`, when it was short and plain: logged and audited next to ours. */
    clientRequestId?: string
    config: RelayConfig
    /** Who the agent is (the name part of AGENT_TOKENS), for logs. Never the token. */
    agent?: string
    /** `agent` is an AI client (an `ai` token or an OAuth client) that /v1 refused: its row is marked so, without IDs. */
    aiClient?: true
    /** What the agent may do: only admins read the audit. */
    role?: Role
    /** Every role the agent holds (`admin`, `actor`): only actors may call the actions. */
    roles?: AgentRole[]
    /** The problem answered, if any (for the audit's outcome). */
    problem?: { code: string; provider?: string }
    /** How the cache answered (cache/request-cache.ts): the audit, the metrics and the access log read it. */
    cache?: CacheOutcome
    /** The vendor's status of a call made outside the cache (an agent action), for the metrics. */
    vendorStatus?: number
    /** The verification IDs a request names outside its URL (a POST body's `id`): the audit records them. */
    auditIds?: string[]
    /** Where an escalation sent the record, by the name the admin gave it (never an email): the audit records it. */
    auditEscalatedTo?: string
  }
}
