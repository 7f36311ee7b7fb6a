import { ACTION_KINDS, type ActionKind, type AgentUsage, type AgentUsageDay, type VendorUsageDay } from '@idv-lens/shared/api'
import type { AuditDatabase } from './database.ts'

const DAY_MS = 24 * 3600 * 1000

/** `YYYY-MM-DD` of the UTC day `n` (days since the epoch). */
export const isoDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10)

/** The MCP action tools by name (`send_new_link`), each with the kind of write its route is. */
export type McpActionKinds = Readonly<Record<string, ActionKind>>

const TOOL_NAME = /^[a-z][a-z0-9_]{0,63}$/
/** The `mcp/<tool>` routes of the action tools, as a SQL list (names are the vendors' own, checked before they are inlined). */
const mcpRoutes = (tools: McpActionKinds, kind?: ActionKind) =>
  Object.entries(tools)
    .filter(([name, k]) => TOOL_NAME.test(name) && (kind === undefined || k === kind))
    .map(([name]) => `'mcp/${name}'`)
    .join(', ') || "''"

/** A write's route (issue 49): a POST to a route ending in the action's name, or an MCP action tool. */
const actionRoute = (tools: McpActionKinds) =>
  `(${ACTION_KINDS.map((kind) => `route LIKE '/v1/%/${kind}'`).join(' OR ')} OR route IN (${mcpRoutes(tools)}))`

/**
 * CORS preflights: never counted. Rows from before they had their own outcome are the only rows
 * answered 204 without an agent (every other unauthenticated /v1 request is refused).
 */
const COUNTED = "outcome != 'preflight' AND NOT (agent IS NULL AND status = 204 AND outcome = 'served')"

/** Outcomes of a request the relay refused: counted by status, not by what was asked. */
const REFUSED = "outcome IN ('refused', 'budget')"

/**
 * Each row's kind, by its route pattern: a write is a POST to a route ending in the action's name
 * (the relay takes no other method there), a read any vendor route or the reference history.
 */
const kindSql = (tools: McpActionKinds) => `CASE
  WHEN ${REFUSED} THEN 'refused'
  WHEN route = '/v1/lookup' OR route = 'mcp/lookup' THEN 'lookup'
  ${ACTION_KINDS.map((kind) => `WHEN route LIKE '/v1/%/${kind}' OR route IN (${mcpRoutes(tools, kind)}) THEN 'action:${kind}'`).join('\n  ')}
  WHEN route GLOB 'mcp/*' THEN 'read'
  WHEN route = '/v1/history' OR route GLOB '/v1/[a-z]*/*' AND route NOT LIKE '/v1/admin/%' AND route NOT LIKE '/v1/live%' THEN 'read'
  ELSE 'other' END`

type AgentGroup = { agent: string | null; day: number; kind: string; code: number; n: number }

/**
 * Per agent and UTC day since `fromDay`, every row in exactly one count (a GROUP BY in D1: at most
 * agents × days × kinds rows come back, never the rows themselves).
 */
export async function agentUsage(db: AuditDatabase, fromDay: number, tools: McpActionKinds): Promise<AgentUsage[]> {
  const sql = `SELECT agent, at / ${DAY_MS} AS day, kind, CASE WHEN kind = 'refused' THEN status ELSE 0 END AS code, COUNT(*) AS n
    FROM (SELECT agent, at, status, ${kindSql(tools)} AS kind FROM audit WHERE at >= ? AND ${COUNTED})
    GROUP BY agent, day, kind, code ORDER BY agent, day`
  const { results } = await db
    .prepare(sql)
    .bind(fromDay * DAY_MS)
    .all<AgentGroup>()
  const agents = new Map<string | null, Map<number, AgentUsageDay>>()
  for (const g of results) {
    let days = agents.get(g.agent)
    if (!days) agents.set(g.agent, (days = new Map()))
    let day = days.get(g.day)
    if (!day) days.set(g.day, (day = { day: isoDay(g.day), lookups: 0, reads: 0, actions: {}, refusals: {}, other: 0 }))
    addGroup(day, g)
  }
  return [...agents].map(([agent, days]) => ({ agent, days: [...days.values()] }))
}

function addGroup(day: AgentUsageDay, g: AgentGroup): void {
  if (g.kind === 'refused') day.refusals[String(g.code)] = (day.refusals[String(g.code)] ?? 0) + g.n
  else if (g.kind === 'lookup') day.lookups += g.n
  else if (g.kind === 'read') day.reads += g.n
  else if (g.kind.startsWith('action:')) {
    const kind = g.kind.slice('action:'.length) as ActionKind
    day.actions[kind] = (day.actions[kind] ?? 0) + g.n
  } else day.other += g.n
}

/**
 * Requests that went to each vendor per UTC day: reads the cache did not answer (outcome `miss` or
 * `vendor-error`) and writes the vendor did or refused (`served`, `vendor-error`); a lookup that asked
 * two vendors (`deepidv,persona`) counts for each.
 */
export async function vendorUsage(db: AuditDatabase, fromDay: number, tools: McpActionKinds): Promise<Map<string, VendorUsageDay[]>> {
  const sql = `SELECT vendor, at / ${DAY_MS} AS day, COUNT(*) AS n FROM audit
    WHERE at >= ? AND vendor IS NOT NULL AND ${COUNTED} AND (outcome IN ('miss', 'vendor-error') OR outcome = 'served' AND ${actionRoute(tools)})
    GROUP BY vendor, day ORDER BY day`
  const { results } = await db
    .prepare(sql)
    .bind(fromDay * DAY_MS)
    .all<{ vendor: string; day: number; n: number }>()
  const out = new Map<string, Map<number, number>>()
  for (const g of results) {
    for (const vendor of g.vendor.split(',')) {
      let days = out.get(vendor)
      if (!days) out.set(vendor, (days = new Map()))
      days.set(g.day, (days.get(g.day) ?? 0) + g.n)
    }
  }
  return new Map([...out].map(([vendor, days]) => [vendor, [...days].map(([day, calls]) => ({ day: isoDay(day), calls }))]))
}

/** When the oldest row still held was recorded (ms), or null for an empty audit. */
export async function oldestAuditRow(db: AuditDatabase): Promise<number | null> {
  const { results } = await db.prepare('SELECT MIN(at) AS at FROM audit').all<{ at: number | null }>()
  return results[0]?.at ?? null
}
