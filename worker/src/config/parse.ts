import { ACTION_NAMES, type ActionName, type VendorName } from '@idv-lens/shared/api'
import { z } from 'zod'
import type { Bindings } from '../bindings.ts'
import type { ConfigProblem } from './problems.ts'
import { secureBaseProblem } from './url-checks.ts'
import { parseAgentTokens } from './agent-tokens.ts'
import { parseAccessSettings } from './access-settings.ts'
import type { Vendor, VendorTable } from '../vendor-shape/vendor.ts'
import type { NumberVariable } from '../vendor-shape/budget-variable.ts'
import type { RelayConfig } from './relay-config.ts'

/** Freshness rules; nothing is kept fresh longer than an hour (file URLs inside bodies expire in 6 h). */
const MAX_TTL_SECONDS = 3600

const seconds = (fallback: number) => z.coerce.number().int().min(0).max(MAX_TTL_SECONDS).default(fallback)

// Each variable is checked on its own: a bad one is reported (and its default used) instead of
// failing every route, /healthz included.
const VARS = {
  ALLOWED_ORIGINS: z.string().default(''),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
  LIST_TTL_SECONDS: seconds(20),
  OBJECT_TTL_SECONDS: seconds(60),
  AGENT_TOKENS: z.string().default(''),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  AUDIT_LOG: z.enum(['on', 'off']).default('on'),
  // How long audit rows gather before one D1 batch writes them (tests shorten it).
  AUDIT_BATCH_MS: z.coerce.number().int().min(0).max(5000).default(250),
  // One agent's share of each vendor's budget at the vendor gate, so one agent cannot spend the team's.
  AGENT_SHARE: z.coerce.number().gt(0).max(1).default(0.25),
  // What all AI clients (role ai, on /mcp) together may use of each vendor's budget, whatever else is free.
  AI_SHARE: z.coerce.number().min(0).max(1).default(0.25),
  AUTH_MODE: z.enum(['tokens', 'access']).default('tokens'),
  ACCESS_TEAM_DOMAIN: z.string().optional(),
  ACCESS_AUD: z.string().optional(),
  ACCESS_ADMIN_EMAILS: z.string().default(''),
  ACCESS_ACTOR_EMAILS: z.string().default(''),
  ACCESS_REVIEWER_EMAILS: z.string().default(''),
  ACTIONS: z.string().default(''),
  MCP_ACTIONS: z.string().default(''),
  // What the flagged-escalation action does (`tag:<name>`: adds that tag; `assign:<name>=<email>`: assigns
  // the inquiry's case to that Persona user, the audit and agents seeing only the name), and whom to tell.
  FLAGGED_ESCALATION: z
    .string()
    .trim()
    .regex(/^(tag:[^\p{Cc}\p{Cf}]{1,100}|assign:[^\p{Cc}\p{Cf}@=]{1,60}=[^\s@=]{1,64}@[^\s@]{1,189}\.[^\s@]{1,60})?$/u)
    .default(''),
  FLAGGED_CONTACT: z.string().trim().max(300).default(''),
  LINK_REQUIRES_REQUESTER_MATCH: z.enum(['true', 'false']).default('true'),
  // Requester checks in any rolling 24 h: of one record by everyone, no-matches of one record before it
  // is locked, and of one AI client (routes/requester-rate.ts).
  REQUESTER_CHECKS_PER_RECORD_PER_DAY: z.coerce.number().int().min(1).max(1000).default(12),
  REQUESTER_NO_MATCHES_PER_RECORD: z.coerce.number().int().min(1).max(100).default(3),
  REQUESTER_CHECKS_PER_AI_CLIENT_PER_DAY: z.coerce.number().int().min(1).max(10_000).default(50),
}
const VAR_RULES: Record<string, string> = {
  UPSTREAM_TIMEOUT_MS: 'must be a whole number of milliseconds from 100 to 60000',
  LIST_TTL_SECONDS: `must be a whole number of seconds from 0 to ${MAX_TTL_SECONDS}`,
  OBJECT_TTL_SECONDS: `must be a whole number of seconds from 0 to ${MAX_TTL_SECONDS}`,
  AUDIT_RETENTION_DAYS: 'must be a whole number of days from 1 to 3650',
  AUDIT_LOG: 'must be on or off',
  AUDIT_BATCH_MS: 'must be a whole number of milliseconds from 0 to 5000',
  AGENT_SHARE: 'must be a fraction above 0 and at most 1',
  AI_SHARE: 'must be a fraction from 0 to 1',
  AUTH_MODE: 'must be tokens or access',
  LINK_REQUIRES_REQUESTER_MATCH: 'must be true or false',
  FLAGGED_ESCALATION:
    'must be tag:<name> (1 to 100 printable characters), assign:<name>=<assignee email> (a name of 1 to 60 characters, no @) or empty',
  FLAGGED_CONTACT: 'must be at most 300 characters',
  REQUESTER_CHECKS_PER_RECORD_PER_DAY: 'must be a whole number from 1 to 1000',
  REQUESTER_NO_MATCHES_PER_RECORD: 'must be a whole number from 1 to 100',
  REQUESTER_CHECKS_PER_AI_CLIENT_PER_DAY: 'must be a whole number from 1 to 10000',
}

// What every vendor has (its folder names the variables: vendor-shape/vendor.ts); its budget variables
// bring their own rules.
const SECRET = z.string().optional()
// The vendor environment each key belongs to: the gate's identity (not the key), see gateName.
const ENVIRONMENT = { schema: z.string().trim().max(200).default(''), rule: 'must be a name of at most 200 characters' }

/** Whether at least one vendor's webhook secret is set (live events need one). */
export const webhooksConfigured = (webhooks: RelayConfig['webhooks']): boolean =>
  Object.values(webhooks).some((secrets) => secrets.length > 0)

/** A record with one entry per vendor, in the registry's order. */
const byVendorOf =
  (vendors: VendorTable) =>
  <T>(entry: (vendor: Vendor) => T): Record<VendorName, T> =>
    Object.fromEntries(Object.values(vendors).map((vendor) => [vendor.name, entry(vendor)])) as Record<VendorName, T>

/**
 * ACTIONS: a comma list of action names. An unknown name is reported (affects the actions: they
 * answer 503 until it is fixed) rather than guessed at; the known ones are kept in ACTION_NAMES' order.
 */
function parseActions(raw: string, problems: ConfigProblem[], variable = 'ACTIONS'): ActionName[] {
  const named = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const unknown = named.filter((name) => !(ACTION_NAMES as readonly string[]).includes(name))
  if (unknown.length) problems.push({ variable, message: `names unknown actions (known: ${ACTION_NAMES.join(', ')})`, affects: 'actions' })
  return ACTION_NAMES.filter((name) => named.includes(name))
}

/** `flagged-escalation` stays off, and is reported, while FLAGGED_ESCALATION names no escalation. */
function withoutUnconfigured(offered: ActionName[], { tag, assignee }: RelayConfig['flagged'], problems: ConfigProblem[]): ActionName[] {
  if (tag !== null || assignee !== null || !offered.includes('flagged-escalation')) return offered
  problems.push({
    variable: 'FLAGGED_ESCALATION',
    message: 'is empty, so the flagged-escalation action ACTIONS names stays off',
    affects: 'actions',
  })
  return offered.filter((name) => name !== 'flagged-escalation')
}

const emptyToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null)

/** FLAGGED_ESCALATION (checked by its rule): the tag it adds or the Persona user it assigns the case to, and that user's name. */
function escalationOf(value: string): Pick<RelayConfig['flagged'], 'tag' | 'assignee'> {
  const [kind, ...rest] = value.split(':')
  const name = emptyToNull(rest.join(':'))
  if (kind !== 'assign' || name === null) return { tag: kind === 'tag' ? name : null, assignee: null }
  const at = name.lastIndexOf('=')
  return { tag: null, assignee: { name: name.slice(0, at).trim(), email: name.slice(at + 1) } }
}

/** Reads the relay's variables; a variable breaking its rule is reported in `problems` and its default used. */
function variableReader(env: Bindings, problems: ConfigProblem[]) {
  // Read as plain strings (wrangler types them as the literals in wrangler.toml; `--var` and tests set others).
  const vars = env as unknown as Partial<Record<string, string>>
  const readWith = <S extends z.ZodType>(name: string, schema: S, rule: string | undefined): z.output<S> => {
    const parsed = schema.safeParse(vars[name])
    if (parsed.success) return parsed.data
    problems.push({ variable: name, message: rule ?? 'is not valid', affects: 'relay' })
    return schema.parse(undefined)
  }
  return {
    vars,
    readWith,
    read: <K extends keyof typeof VARS>(name: K): z.output<(typeof VARS)[K]> =>
      readWith(name, VARS[name] as z.ZodType, VAR_RULES[name]) as z.output<(typeof VARS)[K]>,
    secret: (name: string): string | null => emptyToNull(readWith(name, SECRET, undefined)),
    // A budget variable left unset takes the vendor's default for its key (vendor-shape/budget-variable.ts).
    budget: (v: NumberVariable, apiKey: string | null): number =>
      v.fallbackFor && !vars[v.name]?.trim() ? v.fallbackFor(apiKey) : readWith(v.name, v.schema, v.rule),
  }
}

type VariableReader = ReturnType<typeof variableReader>

/** Each vendor's base, key and environment. */
function upstreamsOf(vendors: VendorTable, reader: VariableReader, problems: ConfigProblem[]): RelayConfig['upstream'] {
  return byVendorOf(vendors)(({ name, baseVariable, defaultBase, keySecret, environmentVariable, signingSecret }) => {
    const raw = reader.vars[baseVariable]?.trim() || defaultBase
    const problem = secureBaseProblem(raw)
    if (problem) problems.push({ variable: baseVariable, message: problem, affects: name })
    const apiKey = reader.secret(keySecret)
    const signingKey = signingSecret ? reader.secret(signingSecret) : null
    if (signingSecret && apiKey && !signingKey)
      problems.push({ variable: signingSecret, message: `is unset, so ${keySecret} cannot sign a request`, affects: name })
    return {
      base: raw.replace(/\/+$/, ''),
      apiKey,
      environment: reader.readWith(environmentVariable, ENVIRONMENT.schema, ENVIRONMENT.rule),
      signingKey,
    }
  })
}

/** Each vendor's budget; each window is counted a little longer than the vendor's (vendor-shape/vendor.ts, budget). */
function budgetsOf(vendors: VendorTable, reader: VariableReader, upstream: RelayConfig['upstream']): RelayConfig['budget'] {
  return byVendorOf(vendors)(({ name, budget: { windowMs, perWindow, perDay } }) => ({
    windowMs,
    perWindow: reader.budget(perWindow, upstream[name].apiKey),
    perDay: perDay && reader.budget(perDay, upstream[name].apiKey),
    agentShare: reader.read('AGENT_SHARE'),
    aiShare: reader.read('AI_SHARE'),
  }))
}

/** Each vendor's webhook secrets, current first; a previous secret alone does not count as configured. */
function webhooksOf(vendors: VendorTable, reader: VariableReader): RelayConfig['webhooks'] {
  return byVendorOf(vendors)(({ webhook }) => {
    const [current, ...previous] = (webhook?.secrets ?? []).map(reader.secret)
    return current ? [current, ...previous.filter((s): s is string => s !== null)] : []
  })
}

/** Who may ask: Cloudflare Access's settings, or the agent tokens. */
function withAgents(config: RelayConfig, env: Bindings, reader: VariableReader): RelayConfig {
  if (config.auth.mode === 'access') {
    const roles = {
      admin: reader.read('ACCESS_ADMIN_EMAILS'),
      actor: reader.read('ACCESS_ACTOR_EMAILS'),
      reviewer: reader.read('ACCESS_REVIEWER_EMAILS'),
    }
    const access = parseAccessSettings(env.ACCESS_TEAM_DOMAIN, env.ACCESS_AUD, roles)
    config.auth.access = access.settings
    config.problems.push(...access.problems)
    return config
  }
  const agents = parseAgentTokens(reader.read('AGENT_TOKENS'))
  config.agentEntries = agents.entries
  config.problems.push(...agents.problems)
  return config
}

/** The configuration `env` sets for `vendors` (the registry, vendors/index.ts, handed in by app.ts and index.ts). */
export function parseConfig(env: Bindings, vendors: VendorTable): RelayConfig {
  const problems: ConfigProblem[] = []
  const reader = variableReader(env, problems)
  const { read } = reader
  const upstream = upstreamsOf(vendors, reader, problems)
  const flagged = { ...escalationOf(read('FLAGGED_ESCALATION')), contact: emptyToNull(read('FLAGGED_CONTACT')) }
  return withAgents(
    {
      vendors,
      upstream,
      allowedOrigins: read('ALLOWED_ORIGINS')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      timeoutMs: read('UPSTREAM_TIMEOUT_MS'),
      ttl: { list: read('LIST_TTL_SECONDS'), object: read('OBJECT_TTL_SECONDS') },
      agentEntries: [],
      audit: { enabled: read('AUDIT_LOG') === 'on', retentionDays: read('AUDIT_RETENTION_DAYS'), batchMs: read('AUDIT_BATCH_MS') },
      auth: { mode: read('AUTH_MODE'), access: null },
      problems,
      gate: env.VENDOR_GATE ?? null,
      cacheSecret: emptyToNull(env.CACHE_KEY_SECRET),
      budget: budgetsOf(vendors, reader, upstream),
      actions: {
        offered: withoutUnconfigured(parseActions(read('ACTIONS'), problems), flagged, problems),
        mcp: parseActions(read('MCP_ACTIONS'), problems, 'MCP_ACTIONS'),
        linkRequiresRequesterMatch: read('LINK_REQUIRES_REQUESTER_MATCH') === 'true',
        apiKeys: byVendorOf(vendors)(({ actionsKeySecret }) => (actionsKeySecret ? reader.secret(actionsKeySecret) : null)),
      },
      flagged,
      webhooks: webhooksOf(vendors, reader),
      requesterChecks: {
        perRecordPerDay: read('REQUESTER_CHECKS_PER_RECORD_PER_DAY'),
        noMatchesPerRecord: read('REQUESTER_NO_MATCHES_PER_RECORD'),
        perAiClientPerDay: read('REQUESTER_CHECKS_PER_AI_CLIENT_PER_DAY'),
      },
    },
    env,
    reader,
  )
}

// workerd hands the same env object to every request of an isolate, so parsing once per object is enough.
const parsedConfigs = new WeakMap<object, RelayConfig>()

export function configFor(env: Bindings, vendors: VendorTable): RelayConfig {
  let config = parsedConfigs.get(env)
  if (!config) {
    config = parseConfig(env, vendors)
    parsedConfigs.set(env, config)
  }
  return config
}
