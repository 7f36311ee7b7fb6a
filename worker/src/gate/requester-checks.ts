/**
 * How often requesters may be checked, counted in the vendor gate's SQLite (one per vendor environment),
 * so every isolate, location and deploy sees one count: per agent and per object each minute (so 20
 * identities are not 20 times the guesses at one person), and in any rolling 24 h per object, per AI
 * client, and the object's no-matches (a few wrong values lock its checks for everyone). A check that
 * answers tells whether a value is the person's: without a daily bound, a birthdate is guessed in a day.
 * Only the last day's checks are kept.
 */
import type { RequesterCheckBounds, RequesterCheckVerdict } from './protocol.ts'

export const REQUESTER_CHECKS_PER_MINUTE = 10
const WINDOW_MS = 60_000
const DAY_MS = 86_400_000
/** Checks of the whole team in one minute, and in one day, at most: the table never holds more rows than the day's. */
const MAX_CHECKS_PER_MINUTE = 10_000
const MAX_CHECKS_PER_DAY = 100_000

type Refused = Exclude<RequesterCheckVerdict, { allowed: true }>
/** One bound: at most `limit` rows of `table` matching `where` since `since`. */
type Bound = { whose: Refused['whose']; table: string; where: string; bind: string[]; since: number; limit: number }

export class RequesterChecks {
  private readonly sql: SqlStorage

  constructor(sql: SqlStorage) {
    this.sql = sql
    sql.exec('CREATE TABLE IF NOT EXISTS requester_checks (at INTEGER NOT NULL, agent TEXT NOT NULL, object TEXT NOT NULL)')
    sql.exec('CREATE INDEX IF NOT EXISTS requester_checks_at ON requester_checks (at)')
    sql.exec('CREATE INDEX IF NOT EXISTS requester_checks_object ON requester_checks (object, at)')
    sql.exec('CREATE INDEX IF NOT EXISTS requester_checks_agent ON requester_checks (agent, at)')
    sql.exec('CREATE TABLE IF NOT EXISTS requester_record_checks (at INTEGER NOT NULL, object TEXT NOT NULL)')
    sql.exec('CREATE INDEX IF NOT EXISTS requester_record_checks_object ON requester_record_checks (object, at)')
    sql.exec('CREATE TABLE IF NOT EXISTS requester_no_matches (at INTEGER NOT NULL, object TEXT NOT NULL)')
    sql.exec('CREATE INDEX IF NOT EXISTS requester_no_matches_object ON requester_no_matches (object, at)')
  }

  /** When the oldest of the rows `where` since `since` leaves the window, once they reach `limit` (else null). */
  private fullUntil({ table, where, bind, since, limit }: Bound, now: number): number | null {
    const row = this.sql
      .exec<{ n: number; oldest: number | null }>(
        `SELECT COUNT(*) AS n, MIN(at) AS oldest FROM ${table} WHERE at > ? AND ${where}`,
        since,
        ...bind,
      )
      .one()
    return row.n >= limit ? (row.oldest ?? now) + (now - since) : null
  }

  /**
   * Counts one check of `object` (a hash of its ID) by `agent` at `now`, or says whose bound it met
   * (not counted). An AI client's agent is `ai:<name>` (gate/budget.ts aiAgent).
   */
  count(agent: string, object: string, now: number, bounds: RequesterCheckBounds): RequesterCheckVerdict {
    const minute = now - WINDOW_MS
    const day = now - DAY_MS
    this.forgetBefore(day)
    const on = {
      agent: { where: 'agent = ?', bind: [agent] },
      object: { where: 'object = ?', bind: [object] },
      team: { where: '1 = 1', bind: [] },
    }
    const checks = (whose: Refused['whose'], by: keyof typeof on, since: number, limit: number): Bound => ({
      whose,
      table: 'requester_checks',
      ...on[by],
      since,
      limit,
    })
    const limits: Bound[] = [
      { whose: 'lockout', table: 'requester_no_matches', ...on.object, since: day, limit: bounds.noMatchesPerRecord },
      checks('agent', 'agent', minute, REQUESTER_CHECKS_PER_MINUTE),
      checks('object', 'object', minute, REQUESTER_CHECKS_PER_MINUTE),
      checks('team', 'team', minute, MAX_CHECKS_PER_MINUTE),
      checks('record-day', 'object', day, bounds.perRecordPerDay),
      checks('team', 'team', day, MAX_CHECKS_PER_DAY),
    ]
    if (agent.startsWith('ai:')) limits.push(checks('ai-day', 'agent', day, bounds.perAiClientPerDay))
    const refused = this.firstFull(limits, now)
    if (refused) return refused
    this.sql.exec('INSERT INTO requester_checks (at, agent, object) VALUES (?, ?, ?)', now, agent, object)
    return { allowed: true }
  }

  /**
   * Counts one check of the record that holds the person's values, where that is not the object asked
   * about (an Onfido run's applicant): its own minute, day and lockout, shared by every object of it.
   * The agent and the team were counted with the object.
   */
  countRecord(record: string, now: number, bounds: RequesterCheckBounds): RequesterCheckVerdict {
    const day = now - DAY_MS
    this.forgetBefore(day)
    const of = { where: 'object = ?', bind: [record] }
    const refused = this.firstFull(
      [
        { whose: 'lockout', table: 'requester_no_matches', ...of, since: day, limit: bounds.noMatchesPerRecord },
        { whose: 'object', table: 'requester_record_checks', ...of, since: now - WINDOW_MS, limit: REQUESTER_CHECKS_PER_MINUTE },
        { whose: 'record-day', table: 'requester_record_checks', ...of, since: day, limit: bounds.perRecordPerDay },
      ],
      now,
    )
    if (refused) return refused
    this.sql.exec('INSERT INTO requester_record_checks (at, object) VALUES (?, ?)', now, record)
    return { allowed: true }
  }

  private forgetBefore(day: number): void {
    for (const table of ['requester_checks', 'requester_record_checks', 'requester_no_matches'])
      this.sql.exec(`DELETE FROM ${table} WHERE at <= ?`, day)
  }

  /** The first of `limits` that is full, as its refusal; null when none is. */
  private firstFull(limits: readonly Bound[], now: number): Refused | null {
    for (const bound of limits) {
      const resetsAt = this.fullUntil(bound, now)
      if (resetsAt !== null)
        return { allowed: false, whose: bound.whose, retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - now) / 1000)), resetsAt }
    }
    return null
  }

  /** Counts one no-match of `object` at `now`: the record's checks lock once its day holds the bound's no-matches. */
  noMatch(object: string, now: number): void {
    this.sql.exec('INSERT INTO requester_no_matches (at, object) VALUES (?, ?)', now, object)
  }
}
