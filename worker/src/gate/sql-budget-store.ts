import type { BudgetStore, GrantedCall } from './budget.ts'

/** Longer than any window the gate counts (Persona's 61 s): older call times are worth nothing. */
const KEEP_CALLS_MS = 120_000

/**
 * The gate's counts in the object's SQLite storage, so they outlive an eviction or a deploy: the
 * rolling window's call times (a restart must not admit a second full window) and the UTC day's calls,
 * the team's and each agent's (AGENT_SHARE applies to the day too).
 */
export class SqlBudgetStore implements BudgetStore {
  private readonly sql: SqlStorage

  constructor(sql: SqlStorage) {
    this.sql = sql
    // `day_calls` predates the per-agent counts; it stays the team's total so a deploy keeps the day.
    sql.exec('CREATE TABLE IF NOT EXISTS day_calls (day TEXT PRIMARY KEY, calls INTEGER NOT NULL)')
    sql.exec(
      'CREATE TABLE IF NOT EXISTS agent_day_calls (day TEXT NOT NULL, agent TEXT NOT NULL, calls INTEGER NOT NULL, PRIMARY KEY (day, agent))',
    )
    sql.exec('CREATE TABLE IF NOT EXISTS window_calls (at INTEGER NOT NULL, agent TEXT NOT NULL)')
    sql.exec('CREATE INDEX IF NOT EXISTS window_calls_at ON window_calls (at)')
  }

  dayCalls(day: string, agent?: string): number {
    const row =
      agent === undefined
        ? this.sql.exec<{ calls: number }>('SELECT calls FROM day_calls WHERE day = ?', day).toArray()[0]
        : this.sql.exec<{ calls: number }>('SELECT calls FROM agent_day_calls WHERE day = ? AND agent = ?', day, agent).toArray()[0]
    return row?.calls ?? 0
  }

  record(call: GrantedCall, day: string | null): void {
    this.sql.exec('INSERT INTO window_calls (at, agent) VALUES (?, ?)', call.at, call.agent)
    this.sql.exec('DELETE FROM window_calls WHERE at < ?', call.at - KEEP_CALLS_MS)
    if (day === null) return
    this.sql.exec('INSERT INTO day_calls (day, calls) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET calls = calls + 1', day)
    this.sql.exec(
      'INSERT INTO agent_day_calls (day, agent, calls) VALUES (?, ?, 1) ON CONFLICT(day, agent) DO UPDATE SET calls = calls + 1',
      day,
      call.agent,
    )
    // Yesterday's counts are worth nothing; keep the tables to one day's rows.
    this.sql.exec('DELETE FROM day_calls WHERE day < ?', day)
    this.sql.exec('DELETE FROM agent_day_calls WHERE day < ?', day)
  }

  callsSince(since: number): GrantedCall[] {
    return this.sql.exec<GrantedCall>('SELECT at, agent FROM window_calls WHERE at > ? ORDER BY at', since).toArray()
  }
}
