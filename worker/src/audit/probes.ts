import type { RequesterProbe } from '@idv-lens/shared/api'
import type { AuditDatabase } from './database.ts'

const DAY_MS = 24 * 3600 * 1000
/** The most probes the usage page lists. */
const MAX_PROBES = 100

/**
 * Requester checks refused by a daily bound (429) or a record's lockout (403), on /v1 or through MCP,
 * per agent, record and why since `fromDay` (routes/requester-rate.ts): one agent guessing one record's
 * birthdate or phone shows as one line with its count. A minute's limits are `budget` rows, not listed.
 */
export async function requesterProbes(db: AuditDatabase, fromDay: number): Promise<RequesterProbe[]> {
  const sql = `SELECT agent, ids, CASE status WHEN 403 THEN 'lockout' ELSE 'bound' END AS why, COUNT(*) AS n, MAX(at) AS last FROM audit
    WHERE at >= ? AND route IN ('/v1/requester-check', 'mcp/requester_check') AND outcome = 'refused' AND status IN (403, 429)
    GROUP BY agent, ids, why ORDER BY n DESC, last DESC LIMIT ${MAX_PROBES}`
  const { results } = await db
    .prepare(sql)
    .bind(fromDay * DAY_MS)
    .all<{ agent: string | null; ids: string; why: RequesterProbe['why']; n: number; last: number }>()
  return results.map((r) => ({
    agent: r.agent,
    id: (JSON.parse(r.ids) as string[])[0] ?? '',
    why: r.why,
    refusals: r.n,
    last: new Date(r.last).toISOString(),
  }))
}
