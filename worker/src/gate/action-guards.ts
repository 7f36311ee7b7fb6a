/**
 * What the agent actions need remembered across isolates, in the vendor gate's SQLite (one per vendor
 * environment): the requester matches an action may need (per agent and object, 15 minutes), and the
 * actions made per object in a day where the vendor's declaration bounds them (a retried click with the
 * same Idempotency-Key counted once), and, for a vendor that takes no key, when a keyed attempt was
 * carried out (24 h, at most MADE_MAX_ROWS). Objects and keys arrive hashed: no ID, answer or key is stored here.
 */
import { REQUESTER_MATCH_VALID_MS } from '@idv-lens/shared/api'
import type { ActionGuard, ActionRefusal, DailyVerdict } from './protocol.ts'

const DAY_MS = 24 * 3600_000
/** A keyed attempt is remembered as made as long as its day's count: a retry within it is the same click. */
const MADE_VALID_MS = DAY_MS
/** Rows of made attempts kept at most (the oldest go first): each is a vendor write, so this is a bound never met in a day. */
const MADE_MAX_ROWS = 10_000
/** The day's counts' table before actions were the vendors' to declare (its only action had them). */
const FIRST_TABLE = 'one_time_links'

export class ActionGuards {
  /** `madeMax`: replaced by tests to see the oldest made attempts go. */
  private readonly sql: SqlStorage
  private readonly madeMax: number

  constructor(sql: SqlStorage, madeMax = MADE_MAX_ROWS) {
    this.sql = sql
    this.madeMax = madeMax
    sql.exec(
      'CREATE TABLE IF NOT EXISTS requester_matches (agent TEXT NOT NULL, object TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (agent, object))',
    )
    sql.exec(
      'CREATE TABLE IF NOT EXISTS daily_actions (object TEXT NOT NULL, attempt TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (object, attempt))',
    )
    sql.exec(
      'CREATE TABLE IF NOT EXISTS made_actions (object TEXT NOT NULL, attempt TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (object, attempt))',
    )
    sql.exec('CREATE INDEX IF NOT EXISTS made_actions_at ON made_actions (at)')
    // The day's counts kept under the table's first name move once; the objects' hashes are unchanged.
    const first = sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", FIRST_TABLE).toArray().length > 0
    if (first) {
      sql.exec(`INSERT OR IGNORE INTO daily_actions SELECT object, attempt, at FROM ${FIRST_TABLE}`)
      sql.exec(`DROP TABLE ${FIRST_TABLE}`)
    }
  }

  /** A requester check by `agent` of `object` answered `match` at `now`. */
  matched(agent: string, object: string, now: number): void {
    this.sql.exec('DELETE FROM requester_matches WHERE at <= ?', now - REQUESTER_MATCH_VALID_MS)
    this.sql.exec(
      'INSERT INTO requester_matches (agent, object, at) VALUES (?, ?, ?) ON CONFLICT (agent, object) DO UPDATE SET at = excluded.at',
      agent,
      object,
      now,
    )
  }

  /** Whether `agent` had a match for `object` within the last 15 minutes. */
  confirmed(agent: string, object: string, now: number): boolean {
    const row = this.sql.exec<{ at: number }>('SELECT at FROM requester_matches WHERE agent = ? AND object = ?', agent, object).toArray()[0]
    return row !== undefined && now - row.at < REQUESTER_MATCH_VALID_MS && row.at <= now
  }

  /**
   * Counts one action on `object` (`attempt`: its scoped Idempotency-Key, hashed, or a fresh value), or
   * says when the next may be made. `counted` is false for a retried attempt, already counted.
   */
  countDaily(object: string, attempt: string, now: number, perDay: number): DailyVerdict {
    this.sql.exec('DELETE FROM daily_actions WHERE at <= ?', now - DAY_MS)
    const retried = this.sql.exec('SELECT 1 FROM daily_actions WHERE object = ? AND attempt = ?', object, attempt).toArray().length > 0
    if (retried) return { allowed: true, counted: false }
    const row = this.sql
      .exec<{ n: number; oldest: number | null }>('SELECT COUNT(*) AS n, MIN(at) AS oldest FROM daily_actions WHERE object = ?', object)
      .one()
    if (row.n >= perDay) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((row.oldest ?? now) + DAY_MS - now) / 1000)) }
    }
    this.sql.exec('INSERT INTO daily_actions (object, attempt, at) VALUES (?, ?, ?)', object, attempt, now)
    return { allowed: true, counted: true }
  }

  /** Gives back the count of an attempt the vendor did not carry out, and forgets it as made. */
  uncountDaily(object: string, attempt: string): void {
    this.sql.exec('DELETE FROM daily_actions WHERE object = ? AND attempt = ?', object, attempt)
    this.sql.exec('DELETE FROM made_actions WHERE object = ? AND attempt = ?', object, attempt)
  }

  /** The vendor answered 2xx to `attempt` on `object` at `now`. */
  made(object: string, attempt: string, now: number): void {
    this.sql.exec(
      'INSERT INTO made_actions (object, attempt, at) VALUES (?, ?, ?) ON CONFLICT (object, attempt) DO UPDATE SET at = excluded.at',
      object,
      attempt,
      now,
    )
    this.sql.exec(
      'DELETE FROM made_actions WHERE rowid IN (SELECT rowid FROM made_actions ORDER BY at DESC LIMIT -1 OFFSET ?)',
      this.madeMax,
    )
  }

  /** When `attempt` on `object` was carried out, within the last 24 h; null when it was not. */
  madeAt(object: string, attempt: string, now: number): number | null {
    this.sql.exec('DELETE FROM made_actions WHERE at <= ?', now - MADE_VALID_MS)
    return (
      this.sql.exec<{ at: number }>('SELECT at FROM made_actions WHERE object = ? AND attempt = ?', object, attempt).toArray()[0]?.at ??
      null
    )
  }

  /**
   * Checks an action's guard: the requester match first, then whether the attempt was already made,
   * then the day's count. `counted`: the attempt took one of the day's actions (to give back if the vendor makes none).
   */
  pass(agent: string, guard: ActionGuard, now: number): ActionRefusal | { kind: 'passed'; counted: boolean } {
    if (guard.match !== undefined && !this.confirmed(agent, guard.match, now)) return { kind: 'refused', reason: 'requester-not-confirmed' }
    const madeAt = guard.once ? this.madeAt(guard.once.object, guard.once.attempt, now) : null
    if (madeAt !== null) return { kind: 'refused', reason: 'already-made', madeAt }
    if (!guard.daily) return { kind: 'passed', counted: false }
    const verdict = this.countDaily(guard.daily.object, guard.daily.attempt, now, guard.daily.perDay)
    if (!verdict.allowed) return { kind: 'refused', reason: 'daily-bound', retryAfterSeconds: verdict.retryAfterSeconds }
    return { kind: 'passed', counted: verdict.counted }
  }
}
