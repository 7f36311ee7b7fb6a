import { z } from 'zod'
import type { Bindings } from './env.ts'
import type { BudgetLimits } from './gate/budget.ts'
import type { GateNamespace } from './gate/protocol.ts'

/** Freshness rules; nothing is kept fresh longer than an hour (file URLs inside bodies expire in 6 h). */
const MAX_TTL_SECONDS = 3600
/** How old a stored copy may be and still be served when the vendor fails. */
export const STALE_IF_ERROR_SECONDS = 600

const seconds = (fallback: number) =>
  z.coerce.number().int().min(0).max(MAX_TTL_SECONDS).default(fallback)

const BindingsSchema = z.object({
  PERSONA_API_BASE: z.url().default('https://api.withpersona.com/api/v1'),
  DEEPIDV_API_BASE: z.url().default('https://api.deepidv.com/v1'),
  ALLOWED_ORIGINS: z.string().default(''),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
  LIST_TTL_SECONDS: seconds(20),
  OBJECT_TTL_SECONDS: seconds(60),
  PERSONA_API_KEY: z.string().optional(),
  DEEPIDV_API_KEY: z.string().optional(),
  AGENT_TOKENS: z.string().default(''),
  // The vendor gate's budgets (issue 8): 90% of Persona's 300/min and of deepidv's 25/s and 10,000/day.
  PERSONA_BUDGET_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(270),
  DEEPIDV_BUDGET_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(22),
  DEEPIDV_BUDGET_PER_DAY: z.coerce.number().int().min(1).max(100_000_000).default(9500),
  AGENT_SHARE: z.coerce.number().gt(0).max(1).default(0.25),
})

export type ProviderName = 'persona' | 'deepidv'

export type RelayConfig = {
  upstream: Record<ProviderName, { base: string; apiKey: string | null }>
  allowedOrigins: string[]
  timeoutMs: number
  ttl: { list: number; object: number }
  /** token → agent name */
  agents: Map<string, string>
  /** What the vendor gate lets through, per vendor. */
  budget: Record<ProviderName, BudgetLimits>
  /** The vendor gate binding; without it no vendor is ever called (503 governor-unavailable). */
  gate: GateNamespace | null
  /** CACHE_KEY_SECRET (cache entries are encrypted with a key derived from it), or null in dev. */
  cacheSecret: string | null
}

export class ConfigError extends Error {}

function parseAgents(raw: string): Map<string, string> {
  const agents = new Map<string, string>()
  for (const entry of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = entry.indexOf(':')
    // Never echo the entry: it holds a token.
    if (at <= 0 || at === entry.length - 1) throw new ConfigError('AGENT_TOKENS entries must look like name:token')
    agents.set(entry.slice(at + 1), entry.slice(0, at))
  }
  return agents
}

const emptyToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null)

export function parseConfig(env: Bindings): RelayConfig {
  const parsed = BindingsSchema.safeParse(env)
  if (!parsed.success) {
    // Name the variables, never their values (some are secrets).
    const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(', ')
    throw new ConfigError(`Invalid Worker configuration: ${names}`)
  }
  const e = parsed.data
  return {
    upstream: {
      persona: { base: e.PERSONA_API_BASE.replace(/\/+$/, ''), apiKey: emptyToNull(e.PERSONA_API_KEY) },
      deepidv: { base: e.DEEPIDV_API_BASE.replace(/\/+$/, ''), apiKey: emptyToNull(e.DEEPIDV_API_KEY) },
    },
    allowedOrigins: e.ALLOWED_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    timeoutMs: e.UPSTREAM_TIMEOUT_MS,
    ttl: { list: e.LIST_TTL_SECONDS, object: e.OBJECT_TTL_SECONDS },
    agents: parseAgents(e.AGENT_TOKENS),
    gate: env.VENDOR_GATE ?? null,
    cacheSecret: emptyToNull(env.CACHE_KEY_SECRET),
    // Each window is counted a tenth longer than the vendor's (61 s, 1.1 s): a call reaches the vendor
    // a little after the gate counted it, and that jitter must never put more than the budget in any
    // of the vendor's windows.
    budget: {
      persona: { windowMs: 61_000, perWindow: e.PERSONA_BUDGET_PER_MINUTE, perDay: null, agentShare: e.AGENT_SHARE },
      deepidv: { windowMs: 1100, perWindow: e.DEEPIDV_BUDGET_PER_SECOND, perDay: e.DEEPIDV_BUDGET_PER_DAY, agentShare: e.AGENT_SHARE },
    },
  }
}

// workerd hands the same env object to every request of an isolate, so parsing once per object is enough.
const parsedConfigs = new WeakMap<object, RelayConfig>()

export function configFor(env: Bindings): RelayConfig {
  let config = parsedConfigs.get(env)
  if (!config) {
    config = parseConfig(env)
    parsedConfigs.set(env, config)
  }
  return config
}
