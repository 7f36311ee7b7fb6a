/**
 * AuditSpool: one SQLite-backed Durable Object per deployment that holds the audit rows an isolate
 * could not write to D1 (its flush's retries ran out), so they outlive the isolate, and writes them
 * with its own alarm, with backoff, for as long as D1 is down: minutes of outage, no traffic needed.
 */
import { DurableObject } from 'cloudflare:workers'
import type { AuditDatabase } from './database.ts'
import type { AuditEntry } from './entry.ts'
import type { AuditSpoolStub, SpoolStatus } from './spool-binding.ts'
import { insertAuditRows } from './store.ts'

/** Rows held at most; beyond it the oldest go (counted in `dropped` and the log). About 5 MB of SQLite. */
export const SPOOL_MAX_ROWS = 20_000
/**
 * The retries' timing. The first retry comes 1 s after a failed write, doubling up to `maxMs`. One D1
 * call may take `writeTimeoutMs` before it counts as failed (rows are INSERT OR IGNOREd: a late landing
 * does no harm). A try starts at most max(maxMs, writeTimeoutMs) after D1 is back, whatever the
 * outage's length: the rows land within 30 s of D1's return.
 */
export type SpoolBackoff = { firstMs: number; maxMs: number; writeTimeoutMs: number }
export const SPOOL_BACKOFF: SpoolBackoff = { firstMs: 1000, maxMs: 10_000, writeTimeoutMs: 10_000 }
/** Rows one alarm writes (D1 batches of 180, as the isolates' writer); a backlog re-arms at once. */
export const SPOOL_ROWS_PER_ALARM = 900
const BATCH_ROWS = 180

/** Injected time: the spool's tests move it by hand. `sleep` ends early, never resolving, once `signal` aborts. */
export type SpoolClock = { now(): number; sleep(ms: number, signal: AbortSignal): Promise<void> }
const realClock: SpoolClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms)
      signal.addEventListener('abort', () => clearTimeout(timer), { once: true })
    }),
}

type Env = { AUDIT_DB?: AuditDatabase }
type Counters = { consecutiveFailures: number; failures: number; dropped: number; lastFailureAt: number; lastWrittenAt: number }

export class AuditSpool extends DurableObject<unknown> implements AuditSpoolStub {
  /** The database, clock and backoff: the env's and the real ones; tests put a failing D1 and their own clock here. */
  database: AuditDatabase | undefined
  clock: SpoolClock = realClock
  backoff: SpoolBackoff = SPOOL_BACKOFF
  private readonly sql: SqlStorage

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env)
    this.database = (env as Env).AUDIT_DB
    this.sql = ctx.storage.sql
    // Keyed by the relay's request id: a row handed over twice (a hand-off that timed out and landed) is held once.
    this.sql.exec(
      'CREATE TABLE IF NOT EXISTS rows (seq INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT NOT NULL UNIQUE, entry TEXT NOT NULL)',
    )
    this.sql.exec('CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, value INTEGER NOT NULL)')
  }

  /** Keeps the rows (bounded) and makes sure the alarm will write them. */
  async hold(rows: AuditEntry[]): Promise<{ held: number; dropped: number }> {
    let held = 0
    for (const row of rows) {
      held +=
        this.sql.exec('INSERT OR IGNORE INTO rows (request_id, entry) VALUES (?, ?)', row.requestId, JSON.stringify(row)).rowsWritten > 0
          ? 1
          : 0
    }
    const over = this.pending() - SPOOL_MAX_ROWS
    let dropped = 0
    if (over > 0) {
      dropped = this.sql.exec('DELETE FROM rows WHERE seq IN (SELECT seq FROM rows ORDER BY seq LIMIT ?)', over).rowsWritten
      this.bump({ dropped })
      console.error(JSON.stringify({ level: 'error', msg: 'audit spool rows dropped', rows: dropped }))
    }
    // Try at once (D1 may be back already); a failing D1 has its retry armed by the alarm itself.
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(this.clock.now())
    return { held, dropped }
  }

  async status(): Promise<SpoolStatus> {
    const c = this.counters()
    const iso = (ms: number) => (ms ? new Date(ms).toISOString() : null)
    return {
      writes: c.consecutiveFailures > 0 ? 'failing' : 'ok',
      pending: this.pending(),
      dropped: c.dropped,
      failures: c.failures,
      lastFailureAt: iso(c.lastFailureAt),
      lastWrittenAt: iso(c.lastWrittenAt),
    }
  }

  /** Writes the oldest rows; what is left, or a failure, arms the next try (a failure with backoff). Never throws. */
  async alarm(): Promise<void> {
    const taken = this.sql
      .exec<{ seq: number; entry: string }>('SELECT seq, entry FROM rows ORDER BY seq LIMIT ?', SPOOL_ROWS_PER_ALARM)
      .toArray()
    if (taken.length === 0) return
    const now = this.clock.now()
    try {
      for (let i = 0; i < taken.length; i += BATCH_ROWS) {
        const batch = taken.slice(i, i + BATCH_ROWS)
        await this.write(batch.map((r) => JSON.parse(r.entry) as AuditEntry))
        this.sql.exec('DELETE FROM rows WHERE seq <= ?', batch.at(-1)!.seq)
      }
      this.set({ consecutiveFailures: 0, lastWrittenAt: this.clock.now() })
      if (this.pending() > 0) await this.ctx.storage.setAlarm(this.clock.now())
    } catch (err) {
      const failures = this.counters().consecutiveFailures + 1
      this.set({ consecutiveFailures: failures, lastFailureAt: now })
      this.bump({ failures: 1 })
      const wait = Math.min(this.backoff.firstMs * 2 ** (failures - 1), this.backoff.maxMs)
      console.error(
        JSON.stringify({ level: 'error', msg: 'audit spool write failed', pending: this.pending(), retryInMs: wait, error: String(err) }),
      )
      await this.ctx.storage.setAlarm(now + wait)
    }
  }

  private async write(entries: AuditEntry[]): Promise<void> {
    if (!this.database) throw new Error('AUDIT_DB is not bound')
    const { writeTimeoutMs } = this.backoff
    const timeout = new AbortController()
    const timedOut = this.clock.sleep(writeTimeoutMs, timeout.signal).then(() => {
      throw new Error(`audit write took over ${writeTimeoutMs} ms`)
    })
    try {
      await Promise.race([insertAuditRows(this.database, entries), timedOut])
    } finally {
      timeout.abort()
    }
  }

  private pending(): number {
    return this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM rows').one().n
  }

  private counters(): Counters {
    const c: Counters = { consecutiveFailures: 0, failures: 0, dropped: 0, lastFailureAt: 0, lastWrittenAt: 0 }
    for (const { key, value } of this.sql.exec<{ key: keyof Counters; value: number }>('SELECT key, value FROM counters')) c[key] = value
    return c
  }

  private set(values: Partial<Counters>): void {
    for (const [key, value] of Object.entries(values))
      this.sql.exec('INSERT OR REPLACE INTO counters (key, value) VALUES (?, ?)', key, value)
  }

  private bump(by: Partial<Counters>): void {
    for (const [key, value] of Object.entries(by)) {
      this.sql.exec(
        'INSERT INTO counters (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = value + excluded.value',
        key,
        value,
      )
    }
  }
}
