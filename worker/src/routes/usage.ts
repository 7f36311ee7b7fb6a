import { Hono, type Context } from 'hono'
import { MAX_USAGE_DAYS, type AgentUsage, type UsageReport, type VendorUsage } from '@idv-lens/shared/api'
import type { RelayConfig } from '../config/relay-config.ts'
import type { AppEnv } from '../env.ts'
import { agentUsage, isoDay, oldestAuditRow, vendorUsage, type McpActionKinds } from '../audit/usage.ts'
import { requesterProbes } from '../audit/probes.ts'
import { okBody } from '../middleware/ok-body.ts'
import { UsageReportSchema } from '../contract/schemas.ts'
import { intInRange, querySchema, validQuery } from '../validation/query.ts'
import { adminAuditDb } from './admin-db.ts'
import { oauthClientNames } from '../oauth/client-routes.ts'
import { aiClientUsage } from '../audit/ai-usage.ts'

/** `ai` tokens and registered OAuth clients: the helpdesks' AI agents. */
const aiPrincipals = async (c: Context<AppEnv>): Promise<string[]> => [
  ...c
    .get('config')
    .agentEntries.filter((entry) => entry.roles.includes('ai'))
    .map((entry) => entry.name),
  ...(await oauthClientNames(c)),
]

/** Each AI principal's rows marked as such, and every AI principal listed, with no days before its first call. */
function withAiPrincipals(agents: AgentUsage[], ai: readonly string[]): AgentUsage[] {
  const marked = agents.map((usage) =>
    usage.agent !== null && ai.includes(usage.agent) ? { agent: usage.agent, ai: true as const, days: usage.days } : usage,
  )
  const idle = ai
    .filter((name) => !agents.some((usage) => usage.agent === name))
    .map((name) => ({ agent: name, ai: true as const, days: [] }))
  return [...marked, ...idle]
}

/** Every vendor's MCP action tools, by name, with the write each is. */
const mcpActionKinds = (config: RelayConfig): McpActionKinds =>
  Object.fromEntries(
    Object.values(config.vendors).flatMap((vendor) =>
      vendor.actions.flatMap((action) => (action.tools ?? []).map((tool) => [tool.name, tool.kind])),
    ),
  )

const usageQuery = querySchema({ days: intInRange(1, MAX_USAGE_DAYS) })
const DAY_MS = 24 * 3600 * 1000

/**
 * `GET /v1/admin/usage?days=N` (admins, default 30): per agent and UTC day, and per vendor and day
 * against its budget, and per AI client its tool calls and refusals, counted in D1 from the audit
 * (audit/usage.ts, audit/ai-usage.ts); agent names are the only people in it.
 */
export const usageRoutes = new Hono<AppEnv>().get('/usage', okBody(UsageReportSchema), validQuery(usageQuery), async (c) => {
  const db = adminAuditDb(c, "the team's usage")
  const days = Number(c.req.valid('query').days ?? 30)
  const today = Math.floor(Date.now() / DAY_MS)
  const fromDay = today - days + 1
  const config = c.get('config')
  const tools = mcpActionKinds(config)
  const named = aiPrincipals(c)
  const [agents, byVendor, oldest, ai, aiClients, probes] = await Promise.all([
    agentUsage(db, fromDay, tools),
    vendorUsage(db, fromDay, tools),
    oldestAuditRow(db),
    named,
    named.then((names) => aiClientUsage(db, fromDay, names)),
    requesterProbes(db, fromDay),
  ])
  // Per the window the vendor states its limit in, not the longer one the gate counts.
  const vendors: VendorUsage[] = Object.values(config.vendors).map(({ name, budget: { vendorWindowMs } }) => ({
    vendor: name,
    budget: { perWindow: config.budget[name].perWindow, windowSeconds: vendorWindowMs / 1000, perDay: config.budget[name].perDay ?? null },
    days: byVendor.get(name) ?? [],
  }))
  const body: UsageReport = {
    from: isoDay(fromDay),
    to: isoDay(today),
    retentionDays: config.audit.retentionDays,
    oldestRow: oldest === null ? null : new Date(oldest).toISOString(),
    agents: withAiPrincipals(agents, ai),
    aiClients,
    vendors,
    probes,
  }
  return c.json(body, 200)
})
