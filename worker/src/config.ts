import { z } from 'zod'
import type { Bindings } from './env.ts'

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
  PERSONA_WEBHOOK_SECRET: z.string().optional(),
  PERSONA_WEBHOOK_SECRET_PREVIOUS: z.string().optional(),
  DEEPIDV_WEBHOOK_SECRET: z.string().optional(),
})

export type ProviderName = 'persona' | 'deepidv'

export type RelayConfig = {
  upstream: Record<ProviderName, { base: string; apiKey: string | null }>
  allowedOrigins: string[]
  timeoutMs: number
  ttl: { list: number; object: number }
  /** token → agent name */
  agents: Map<string, string>
  /** Webhook secrets; Persona's current one first, then the one being rotated out. Empty: not configured. */
  webhooks: { persona: string[]; deepidv: string | null }
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
    webhooks: {
      // The previous secret alone does not count as configured: rotation always has a current one.
      persona: emptyToNull(e.PERSONA_WEBHOOK_SECRET)
        ? [e.PERSONA_WEBHOOK_SECRET, e.PERSONA_WEBHOOK_SECRET_PREVIOUS].map(emptyToNull).filter((s): s is string => s !== null)
        : [],
      deepidv: emptyToNull(e.DEEPIDV_WEBHOOK_SECRET),
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
