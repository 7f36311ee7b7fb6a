/**
 * How often requesters may be checked, counted in the vendor gate's SQLite (one per vendor environment),
 * so every isolate, location and deploy sees one count: per agent, and per object across all agents (so
 * 20 identities are not 20 times the guesses at one person). Only the last minute's checks are kept.
 */
import type { RequesterCheckVerdict } from './protocol.ts'

export const REQUESTER_CHECKS_PER_MINUTE = 10
const WINDOW_MS = 60_000
/** Checks of the whole team in one minute at most: the table never holds more rows than this. */
const MAX_CHECKS_PER_MINUTE = 10_000

export class RequesterChecks {
  constructor(private readonly sql: SqlStorage) {
    sql.exec('CREATE TABLE IF NOT EXISTS requester_checks (at INTEGER NOT NULL, agent TEXT NOT NULL, object TEXT NOT NULL)')
    sql.exec('CREATE INDEX IF NOT EXISTS requester_checks_at ON requester_checks (at)')
  }

  /** Counts one check of `object` (a hash of its ID) by `agent` at `now`, or says whose minute is full (not counted). */
  count(agent: string, object: string, now: number): RequesterCheckVerdict {
    const since = now - WINDOW_MS
    this.sql.exec('DELETE FROM requester_checks WHERE at <= ?', since)
    const limits: [whose: 'agent' | 'object' | 'team', where: string, bind: string[], limit: number][] = [
      ['agent', 'agent = ?', [agent], REQUESTER_CHECKS_PER_MINUTE],
      ['object', 'object = ?', [object], REQUESTER_CHECKS_PER_MINUTE],
      ['team', '1 = 1', [], MAX_CHECKS_PER_MINUTE],
    ]
    for (const [whose, where, bind, limit] of limits) {
      const row = this.sql.exec<{ n: number; oldest: number | null }>(`SELECT COUNT(*) AS n, MIN(at) AS oldest FROM requester_checks WHERE ${where}`, ...bind).one()
      if (row.n >= limit) return { allowed: false, whose, retryAfterSeconds: Math.max(1, Math.ceil(((row.oldest ?? now) + WINDOW_MS - now) / 1000)) }
    }
    this.sql.exec('INSERT INTO requester_checks (at, agent, object) VALUES (?, ?, ?)', now, agent, object)
    return { allowed: true }
  }
}
