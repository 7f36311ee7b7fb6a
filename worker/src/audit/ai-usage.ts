import type { AiClientUsage } from '@idv-lens/shared/api'
import type { AuditDatabase } from './database.ts'

const DAY_MS = 24 * 3600 * 1000

type AiGroup = { agent: string; route: string | null; problem: string | null; n: number }

/**
 * Each AI client's rows since `fromDay` (rows marked `ai`: its tool calls, and its token refused on
 * /v1), counted in D1: per tool (`mcp/<tool>`) and per refusal's problem code, never the rows themselves.
 * `names`: the AI clients configured now, each listed even without a row.
 */
export async function aiClientUsage(db: AuditDatabase, fromDay: number, names: readonly string[]): Promise<AiClientUsage[]> {
  const sql = `SELECT agent, CASE WHEN route GLOB 'mcp/*' THEN substr(route, 5) END AS route,
      CASE WHEN outcome IN ('refused', 'budget') THEN COALESCE(problem, CAST(status AS TEXT)) END AS problem, COUNT(*) AS n
    FROM audit WHERE at >= ? AND ai = 1 AND agent IS NOT NULL
    GROUP BY 1, 2, 3 ORDER BY agent`
  const { results } = await db
    .prepare(sql)
    .bind(fromDay * DAY_MS)
    .all<AiGroup>()
  const clients = new Map<string, AiClientUsage>(names.map((name) => [name, { name, calls: 0, tools: {}, refusals: {} }]))
  for (const g of results) {
    let client = clients.get(g.agent)
    if (!client) clients.set(g.agent, (client = { name: g.agent, calls: 0, tools: {}, refusals: {} }))
    if (g.route !== null) {
      client.calls += g.n
      client.tools[g.route] = (client.tools[g.route] ?? 0) + g.n
    }
    if (g.problem !== null) client.refusals[g.problem] = (client.refusals[g.problem] ?? 0) + g.n
  }
  return [...clients.values()]
}
