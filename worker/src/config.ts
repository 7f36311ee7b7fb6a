import type { VendorName } from '@idv-lens/shared/api'
import { z } from 'zod'
import type { Bindings } from './bindings.ts'
import type { ConfigProblem } from './config/problems.ts'
import { secureBaseProblem } from './config/url-checks.ts'
import { parseAgentTokens } from './auth/agent-tokens.ts'
import { parseAccessSettings } from './auth/access-settings.ts'
import { VENDORS } from './vendors/index.ts'
import type { RelayConfig } from './config/relay-config.ts'

export type { RelayConfig }

/** Freshness rules; nothing is kept fresh longer than an hour (file URLs inside bodies expire in 6 h). */
const MAX_TTL_SECONDS = 3600

const seconds = (fallback: number) =>
  z.coerce.number().int().min(0).max(MAX_TTL_SECONDS).default(fallback)

// Each variable is checked on its own: a bad one is reported (and its default used) instead of
// failing every route, /healthz included.
const VARS = {
  ALLOWED_ORIGINS: z.string().default(''),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
  LIST_TTL_SECONDS: seconds(20),
  OBJECT_TTL_SECONDS: seconds(60),
  PERSONA_API_KEY: z.string().optional(),
  DEEPIDV_API_KEY: z.string().optional(),
  AGENT_TOKENS: z.string().default(''),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  AUDIT_LOG: z.enum(['on', 'off']).default('on'),
  // How long audit rows gather before one D1 batch writes them (tests shorten it).
  AUDIT_BATCH_MS: z.coerce.number().int().min(0).max(5000).default(250),
  // The vendor gate's budgets (issue 8); each vendor's defaults are in its folder.
  PERSONA_BUDGET_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(VENDORS.persona.budgetDefaults.perWindow),
  DEEPIDV_BUDGET_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(VENDORS.deepidv.budgetDefaults.perWindow),
  DEEPIDV_BUDGET_PER_DAY: z.coerce.number().int().min(1).max(100_000_000).default(VENDORS.deepidv.budgetDefaults.perDay ?? 0),
  AGENT_SHARE: z.coerce.number().gt(0).max(1).default(0.25),
  // The vendor environment each key belongs to: the gate's identity (not the key), see gateName.
  PERSONA_ENVIRONMENT: z.string().trim().max(200).default(''),
  DEEPIDV_ENVIRONMENT: z.string().trim().max(200).default(''),
  PERSONA_WEBHOOK_SECRET: z.string().optional(),
  PERSONA_WEBHOOK_SECRET_PREVIOUS: z.string().optional(),
  DEEPIDV_WEBHOOK_SECRET: z.string().optional(),
  AUTH_MODE: z.enum(['tokens', 'access']).default('tokens'),
  ACCESS_TEAM_DOMAIN: z.string().optional(),
  ACCESS_AUD: z.string().optional(),
  ACCESS_ADMIN_EMAILS: z.string().default(''),
}
const VAR_RULES: Record<string, string> = {
  UPSTREAM_TIMEOUT_MS: 'must be a whole number of milliseconds from 100 to 60000',
  LIST_TTL_SECONDS: `must be a whole number of seconds from 0 to ${MAX_TTL_SECONDS}`,
  OBJECT_TTL_SECONDS: `must be a whole number of seconds from 0 to ${MAX_TTL_SECONDS}`,
  AUDIT_RETENTION_DAYS: 'must be a whole number of days from 1 to 3650',
  AUDIT_LOG: 'must be on or off',
  AUDIT_BATCH_MS: 'must be a whole number of milliseconds from 0 to 5000',
  PERSONA_BUDGET_PER_MINUTE: 'must be a whole number from 1 to 100000',
  DEEPIDV_BUDGET_PER_SECOND: 'must be a whole number from 1 to 10000',
  DEEPIDV_BUDGET_PER_DAY: 'must be a whole number from 1 to 100000000',
  AGENT_SHARE: 'must be a fraction above 0 and at most 1',
  PERSONA_ENVIRONMENT: 'must be a name of at most 200 characters',
  DEEPIDV_ENVIRONMENT: 'must be a name of at most 200 characters',
  AUTH_MODE: 'must be tokens or access',
}


/** Whether at least one vendor's webhook secret is set (live events need one). */
export const webhooksConfigured = (webhooks: RelayConfig['webhooks']): boolean =>
  webhooks.persona.length > 0 || webhooks.deepidv !== null

const emptyToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null)

export function parseConfig(env: Bindings): RelayConfig {
  const problems: ConfigProblem[] = []
  // Read as plain strings (wrangler types them as the literals in wrangler.toml; `--var` and tests set others).
  const vars = env as unknown as Partial<Record<keyof typeof VARS, string>>
  const read = <K extends keyof typeof VARS>(name: K): z.output<(typeof VARS)[K]> => {
    const parsed = VARS[name].safeParse(vars[name])
    if (parsed.success) return parsed.data as z.output<(typeof VARS)[K]>
    problems.push({ variable: name, message: VAR_RULES[name] ?? 'is not valid', affects: 'relay' })
    return VARS[name].parse(undefined) as z.output<(typeof VARS)[K]>
  }
  const base = (provider: VendorName, variable: 'PERSONA_API_BASE' | 'DEEPIDV_API_BASE') => {
    const raw = env[variable]?.trim() || VENDORS[provider].defaultBase
    const problem = secureBaseProblem(raw)
    if (problem) problems.push({ variable, message: problem, affects: provider })
    return raw.replace(/\/+$/, '')
  }
  const config: RelayConfig = {
    upstream: {
      persona: { base: base('persona', 'PERSONA_API_BASE'), apiKey: emptyToNull(read('PERSONA_API_KEY')), environment: read('PERSONA_ENVIRONMENT') },
      deepidv: { base: base('deepidv', 'DEEPIDV_API_BASE'), apiKey: emptyToNull(read('DEEPIDV_API_KEY')), environment: read('DEEPIDV_ENVIRONMENT') },
    },
    allowedOrigins: read('ALLOWED_ORIGINS').split(',').map((s) => s.trim()).filter(Boolean),
    timeoutMs: read('UPSTREAM_TIMEOUT_MS'),
    ttl: { list: read('LIST_TTL_SECONDS'), object: read('OBJECT_TTL_SECONDS') },
    agentEntries: [],
    audit: { enabled: read('AUDIT_LOG') === 'on', retentionDays: read('AUDIT_RETENTION_DAYS'), batchMs: read('AUDIT_BATCH_MS') },
    auth: { mode: read('AUTH_MODE'), access: null },
    problems,
    gate: env.VENDOR_GATE ?? null,
    cacheSecret: emptyToNull(env.CACHE_KEY_SECRET),
    // Each window is counted a tenth longer than the vendor's (vendors/vendor.ts, budgetDefaults).
    budget: {
      persona: { windowMs: VENDORS.persona.budgetDefaults.windowMs, perWindow: read('PERSONA_BUDGET_PER_MINUTE'), perDay: null, agentShare: read('AGENT_SHARE') },
      deepidv: {
        windowMs: VENDORS.deepidv.budgetDefaults.windowMs,
        perWindow: read('DEEPIDV_BUDGET_PER_SECOND'),
        perDay: read('DEEPIDV_BUDGET_PER_DAY'),
        agentShare: read('AGENT_SHARE'),
      },
    },
    webhooks: {
      // The previous secret alone does not count as configured: rotation always has a current one.
      persona: emptyToNull(read('PERSONA_WEBHOOK_SECRET'))
        ? [read('PERSONA_WEBHOOK_SECRET'), read('PERSONA_WEBHOOK_SECRET_PREVIOUS')].map(emptyToNull).filter((s): s is string => s !== null)
        : [],
      deepidv: emptyToNull(read('DEEPIDV_WEBHOOK_SECRET')),
    },
  }
  if (config.auth.mode === 'access') {
    const access = parseAccessSettings(env.ACCESS_TEAM_DOMAIN, env.ACCESS_AUD, read('ACCESS_ADMIN_EMAILS'))
    config.auth.access = access.settings
    problems.push(...access.problems)
    return config
  }
  const agents = parseAgentTokens(read('AGENT_TOKENS'))
  config.agentEntries = agents.entries
  problems.push(...agents.problems)
  return config
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
