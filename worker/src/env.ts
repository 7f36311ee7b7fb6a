import type { RelayConfig } from './config.ts'
import type { LiveHubNamespace } from './live/binding.ts'

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
  /** Live events (issue 12): the webhook secrets, and the hub that keeps and pushes the summaries. */
  PERSONA_WEBHOOK_SECRET?: string
  PERSONA_WEBHOOK_SECRET_PREVIOUS?: string
  DEEPIDV_WEBHOOK_SECRET?: string
  LIVE_HUB?: LiveHubNamespace
}

export type AppEnv = {
  Bindings: Bindings
  Variables: {
    requestId: string
    config: RelayConfig
    /** Who the agent is (the name part of AGENT_TOKENS), for logs. Never the token. */
    agent?: string
    /** Filled by the relay for the access log: how the cache answered. */
    cacheStatus?: string
  }
}
