import type { RelayConfig } from './config.ts'
import type { Role } from './auth/agent-tokens.ts'
import type { AuditDatabase } from './audit/database.ts'

/**
 * What wrangler binds. Vars come from `wrangler.toml` `[vars]`; the keys and tokens are secrets
 * (`wrangler secret put`, or `.dev.vars` locally) and may be absent: the Worker starts without them.
 */
export type Bindings = {
  PERSONA_API_BASE?: string
  DEEPIDV_API_BASE?: string
  ALLOWED_ORIGINS?: string
  UPSTREAM_TIMEOUT_MS?: string
  LIST_TTL_SECONDS?: string
  OBJECT_TTL_SECONDS?: string
  PERSONA_API_KEY?: string
  DEEPIDV_API_KEY?: string
  AGENT_TOKENS?: string
  /** The audit log (D1). Without it nothing is recorded. */
  AUDIT_DB?: AuditDatabase
  /** `off` turns the audit off (for a same-run benchmark); anything else keeps it on. */
  AUDIT_LOG?: string
  AUDIT_RETENTION_DAYS?: string
  /** `tokens` (default) or `access` (Cloudflare Access in front of the relay). */
  AUTH_MODE?: string
  ACCESS_TEAM_DOMAIN?: string
  ACCESS_AUD?: string
  /** Comma list of the admins' emails (access mode). */
  ACCESS_ADMIN_EMAILS?: string
}

export type AppEnv = {
  Bindings: Bindings
  Variables: {
    requestId: string
    config: RelayConfig
    /** Who the agent is (the name part of AGENT_TOKENS), for logs. Never the token. */
    agent?: string
    /** What the agent may do: only admins read the audit. */
    role?: Role
    /** The problem answered, if any (for the audit's outcome). */
    problem?: { code: string; provider?: string }
    /** Filled by the relay for the access log: how the cache answered. */
    cacheStatus?: string
  }
}
