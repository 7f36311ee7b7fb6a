import type { AuditRecord } from '@idv-lens/shared/api'
import type { AuditDatabase } from './database.ts'
import type { AuditEntry } from './entry.ts'
import type { SpoolStatus } from './spool-binding.ts'

type WaitUntil = (promise: Promise<unknown>) => void

/** Injected time: the writer's tests move it by hand, nothing waits for real. */
export type AuditClock = { now(): number; sleep(ms: number): Promise<void> }
const realClock: AuditClock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }

export type AuditWriterOptions = {
  clock?: AuditClock
  /** One D1 batch call may take this long before it counts as failed (it may still land: see below). */
  timeoutMs?: number
  /** Rows per D1 batch; a flush writes at most `batchesPerFlush` of them. */
  maxBatchRows?: number
  batchesPerFlush?: number
  /** Rows held while D1 is down; beyond it the oldest go (counted in `dropped`). */
  maxPending?: number
  /** What else to tell when a batch fails for good (the metrics data point). */
  onFailure?: (rows: number, error: string) => void
  /**
   * Rows no flush can reach any more: dropped over `maxPending`, or still pending when a flush's
   * retries ran out and the spool did not take them (lost if the isolate is evicted before the next request).
   */
  onRowsAtRisk?: (rows: number, why: 'dropped' | 'stranded') => void
  /** How long one flush, retries included, may run after its request's response (waitUntil's budget). */
  budgetMs?: number
  /**
   * Where rows go that a flush's retries could not write (the AuditSpool Durable Object): kept there,
   * they outlive this isolate and are written by the spool's alarm once D1 is back, without traffic.
   */
  handOff?: (rows: AuditEntry[]) => Promise<unknown>
}

/** The platform cancels waitUntil work about 30 s after the response; a flush stops retrying well before. */
export const FLUSH_BUDGET_MS = 25_000
/** The first retry after a failed or partial flush, doubling after each failure. */
export const RETRY_FIRST_MS = 500
/**
 * Retries of one flush after failures (0.5 + 1 + 2 s of backoff, a blip's worth); then the rows go to
 * the spool (`handOff`), whose alarm retries for as long as D1 is down: rows held in an isolate die with it.
 */
export const MAX_RETRIES = 3
/** Rows per hand-off call to the spool. */
const HAND_OFF_ROWS = 1000

/** What /healthz says about the audit writer of this isolate. */
export type AuditHealth = {
  writes: 'ok' | 'failing'
  pending: number
  /** Rows handed to the spool that it has not yet been seen to write (see `spoolSeen`). */
  spooled: number
  dropped: number
  failures: number
  lastFailureAt: string | null
  lastWrittenAt: string | null
}

type Queued = { entry: AuditEntry; leasedUntil: number }

/**
 * Buffers audit rows per isolate and writes them in D1 batches, off the request path: a row that finds no
 * flush armed arms one on its request's waitUntil, writing after `windowMs` (AUDIT_BATCH_MS) at most
 * `batchesPerFlush` batches of `maxBatchRows`. Failed flushes retry briefly within FLUSH_BUDGET_MS (the
 * platform cancels waitUntil work without running `finally`: the armed flag is a deadline, rows are
 * leased, D1 calls time out, rows are keyed by request id), then hand what is left to the spool
 * (`handOff`, audit/spool.ts), whose alarm outlives the isolate. Pending rows are bounded (`maxPending`).
 */
export class AuditWriter {
  private pending: Queued[] = []
  private armedUntil = 0
  private readonly clock: AuditClock
  private readonly timeoutMs: number
  private readonly maxBatchRows: number
  private readonly batchesPerFlush: number
  private readonly maxPending: number
  private readonly budgetMs: number
  private state = { consecutiveFailures: 0, failures: 0, dropped: 0, lastFailureAt: 0, lastWrittenAt: 0, spooled: 0 }

  private readonly db: AuditDatabase
  private readonly options: AuditWriterOptions

  constructor(db: AuditDatabase, options: AuditWriterOptions = {}) {
    this.db = db
    this.options = options
    this.clock = options.clock ?? realClock
    this.timeoutMs = options.timeoutMs ?? 5000
    this.maxBatchRows = options.maxBatchRows ?? 180
    this.batchesPerFlush = options.batchesPerFlush ?? 3
    this.maxPending = options.maxPending ?? 10_000
    this.budgetMs = options.budgetMs ?? FLUSH_BUDGET_MS
  }

  record(entry: AuditEntry, waitUntil: WaitUntil, windowMs: number): void {
    this.pending.push({ entry, leasedUntil: 0 })
    if (this.pending.length > this.maxPending) {
      const over = this.pending.length - this.maxPending
      this.pending.splice(0, over)
      this.state.dropped += over
      this.options.onRowsAtRisk?.(over, 'dropped')
      console.error(JSON.stringify({ level: 'error', msg: 'audit rows dropped', rows: over, pending: this.pending.length }))
    }
    const now = this.clock.now()
    if (this.armedUntil > now) return
    // Past this, the armed flush is presumed cut off and the next row arms another.
    this.armedUntil = now + windowMs + this.timeoutMs
    waitUntil(this.flush(windowMs))
  }

  /**
   * `failing` until a write succeeds again (a flush's own retries, or a later request's) and the spool,
   * if rows went there, has been seen empty (`spoolSeen`).
   */
  health(): AuditHealth {
    const iso = (ms: number) => (ms ? new Date(ms).toISOString() : null)
    return {
      writes: this.state.consecutiveFailures > 0 || this.state.spooled > 0 ? 'failing' : 'ok',
      pending: this.pending.length,
      spooled: this.state.spooled,
      dropped: this.state.dropped,
      failures: this.state.failures,
      lastFailureAt: iso(this.state.lastFailureAt),
      lastWrittenAt: iso(this.state.lastWrittenAt),
    }
  }

  /** What the spool says (/healthz asks it while rows of this isolate went there): empty and writing means D1 took them. */
  spoolSeen(status: SpoolStatus): void {
    if (status.pending > 0 || status.writes !== 'ok') return
    this.state.spooled = 0
    if (this.pending.length === 0) this.state.consecutiveFailures = 0
  }

  /**
   * Writes what is pending after `windowMs`; a failed or partial flush (D1 down, or a backlog over one
   * flush) tries again on the same waitUntil, with backoff, as long as a try still fits in the budget:
   * rows never wait for a later request, and /healthz recovers as soon as D1 does.
   */
  private async flush(windowMs: number): Promise<void> {
    const startedAt = this.clock.now()
    await this.clock.sleep(windowMs)
    // From here on, a new row arms its own flush (on its own request).
    this.armedUntil = 0
    let backoff = RETRY_FIRST_MS
    let failures = 0
    for (;;) {
      const outcome = await this.flushOnce()
      if (outcome === 'done') return
      // Traffic goes on: a later row armed a flush of its own, and that one takes the rest.
      if (this.armedUntil > this.clock.now()) return
      const wait = outcome === 'failed' ? backoff : 0
      // One try is at most two D1 calls, each up to the timeout; past the budget the rest waits for a request.
      if ((outcome === 'failed' && ++failures > MAX_RETRIES) || this.clock.now() - startedAt + wait + 2 * this.timeoutMs > this.budgetMs) {
        await this.handOff()
        const left = this.pending.filter((q) => q.leasedUntil <= this.clock.now()).length
        if (left) this.options.onRowsAtRisk?.(left, 'stranded')
        return
      }
      if (wait) {
        await this.clock.sleep(wait)
        backoff *= 2
        if (this.armedUntil > this.clock.now()) return
      }
    }
  }

  /** Gives the rows no live flush holds to the spool, in chunks; a chunk it did not take stays pending. */
  private async handOff(): Promise<void> {
    const handOff = this.options.handOff
    if (!handOff) return
    for (;;) {
      const chunk = this.lease(HAND_OFF_ROWS)
      if (chunk.length === 0) return
      try {
        await this.withTimeout(handOff(chunk.map((q) => q.entry)))
      } catch (err) {
        for (const queued of chunk) queued.leasedUntil = 0
        console.error(JSON.stringify({ level: 'error', msg: 'audit rows not handed to the spool', rows: chunk.length, error: String(err) }))
        return
      }
      const done = new Set(chunk)
      this.pending = this.pending.filter((q) => !done.has(q))
      this.state.spooled += chunk.length
    }
  }

  /** One flush: `done` (nothing left that no other flush holds), `more` (a backlog), or `failed`. */
  private async flushOnce(): Promise<'done' | 'more' | 'failed'> {
    for (let i = 0; i < this.batchesPerFlush; i++) {
      const batch = this.lease()
      if (batch.length === 0) return 'done'
      if (!(await this.write(batch))) return 'failed'
    }
    return this.pending.some((q) => q.leasedUntil <= this.clock.now()) ? 'more' : 'done'
  }

  /** Takes up to `max` rows (one D1 batch) no live flush holds, for long enough to write them twice. */
  private lease(max = this.maxBatchRows): Queued[] {
    const now = this.clock.now()
    const batch: Queued[] = []
    for (const queued of this.pending) {
      if (batch.length >= max) break
      if (queued.leasedUntil > now) continue
      queued.leasedUntil = now + 3 * this.timeoutMs
      batch.push(queued)
    }
    return batch
  }

  private async write(batch: Queued[]): Promise<boolean> {
    let error = ''
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.withTimeout(
          insertAuditRows(
            this.db,
            batch.map((q) => q.entry),
          ),
        )
        const done = new Set(batch)
        this.pending = this.pending.filter((q) => !done.has(q))
        this.state.consecutiveFailures = 0
        this.state.lastWrittenAt = this.clock.now()
        return true
      } catch (err) {
        error = String(err)
      }
    }
    // Kept for the next flush: a row is lost only to the `maxPending` bound (or the isolate's end).
    for (const queued of batch) queued.leasedUntil = 0
    this.state.consecutiveFailures++
    this.state.failures++
    this.state.lastFailureAt = this.clock.now()
    // The audit must not break reads; say so loudly (the count, never the rows' contents).
    console.error(JSON.stringify({ level: 'error', msg: 'audit write failed', rows: batch.length, pending: this.pending.length, error }))
    this.options.onFailure?.(batch.length, error)
    return false
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    const timedOut = this.clock.sleep(this.timeoutMs).then(() => {
      throw new Error(`audit write took over ${this.timeoutMs} ms`)
    })
    return Promise.race([work, timedOut])
  }
}

// D1 binds at most 100 parameters per statement: 5 rows of 17 columns.
const ROWS_PER_STATEMENT = 5
const COLUMNS =
  '(at, request_id, client_request_id, agent, route, vendor, ids, outcome, status, cache_status, duration_ms, on_behalf_of, ticket, vendor_calls, ai, problem, escalated_to)'

/** Writes rows in one D1 batch of multi-row INSERTs; a trigger files their IDs into audit_id. */
export async function insertAuditRows(db: AuditDatabase, rows: AuditEntry[]): Promise<void> {
  const statements = []
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT)
    const values = chunk.map(() => `(${Array(17).fill('?').join(', ')})`).join(', ')
    const params = chunk.flatMap((r) => [
      ...[
        r.at,
        r.requestId,
        r.clientRequestId,
        r.agent,
        r.route,
        r.vendor,
        JSON.stringify(r.ids),
        r.outcome,
        r.status,
        r.cacheStatus,
        r.durationMs,
      ],
      ...[
        r.mcp?.onBehalfOf ?? null,
        r.mcp?.ticket ?? null,
        r.mcp?.vendorCalls ?? null,
        r.ai ? 1 : null,
        r.problem ?? null,
        r.escalatedTo ?? null,
      ],
    ])
    statements.push(db.prepare(`INSERT OR IGNORE INTO audit ${COLUMNS} VALUES ${values}`).bind(...params))
  }
  await db.batch(statements)
}

const writers = new WeakMap<AuditDatabase, AuditWriter>()

/** The isolate's writer for this database (the first caller's options hold). */
export function auditWriterFor(db: AuditDatabase, options?: AuditWriterOptions): AuditWriter {
  let writer = writers.get(db)
  if (!writer) {
    writer = new AuditWriter(db, options)
    writers.set(db, writer)
  }
  return writer
}

/** The isolate's writer for this database, or null when no request has recorded a row in this isolate yet. */
export const existingAuditWriter = (db: AuditDatabase): AuditWriter | null => writers.get(db) ?? null

/**
 * Deletes rows recorded before `now - days`, `batchRows` at a time (oldest first), so no statement
 * holds D1 for long; at most `maxBatches` batches per run, the rest go on the next day's run.
 * Returns how many audit rows went.
 */
export async function purgeAuditRows(
  db: AuditDatabase,
  now: number,
  days: number,
  limits: { batchRows?: number; maxBatches?: number } = {},
): Promise<number> {
  const { batchRows = 1000, maxBatches = 200 } = limits
  const cutoff = now - days * 24 * 3600 * 1000
  const oldest = 'SELECT seq FROM audit WHERE at < ? ORDER BY seq LIMIT ?'
  let total = 0
  for (let i = 0; i < maxBatches; i++) {
    const [, deleted] = await db.batch([
      db.prepare(`DELETE FROM audit_id WHERE seq IN (${oldest})`).bind(cutoff, batchRows),
      db.prepare(`DELETE FROM audit WHERE seq IN (${oldest})`).bind(cutoff, batchRows),
    ])
    const changes = deleted?.meta.changes ?? 0
    total += changes
    if (changes < batchRows) break
  }
  return total
}

export type AuditQuery = { id?: string; agent?: string; since?: number; until?: number; limit: number; cursor?: number }
export type AuditRow = {
  seq: number
  at: number
  request_id: string
  agent: string | null
  route: string
  ids: string
  outcome: string
  status: number
  cache_status: string | null
  on_behalf_of: string | null
  ticket: string | null
  ai: number | null
  problem: string | null
  escalated_to: string | null
}

/** The columns `auditRecordOf` reads. */
export const AUDIT_RECORD_COLUMNS =
  'seq, at, request_id, agent, route, ids, outcome, status, cache_status, on_behalf_of, ticket, ai, problem, escalated_to'

/** A row as the audit's API says it (the page and the export alike). */
export function auditRecordOf(r: AuditRow): AuditRecord {
  return {
    time: new Date(r.at).toISOString(),
    agent: r.agent,
    aiClient: r.ai ? r.agent : null,
    route: r.route,
    ids: JSON.parse(r.ids) as string[],
    outcome: r.outcome as AuditRecord['outcome'],
    status: r.status,
    problem: r.problem,
    cacheStatus: r.cache_status,
    requestId: r.request_id,
    onBehalfOf: r.on_behalf_of,
    ticket: r.ticket,
    escalatedTo: r.escalated_to,
  }
}

/** Newest first (by the order rows were written), `limit + 1` rows so the caller knows if there is more. */
export async function queryAudit(db: AuditDatabase, q: AuditQuery): Promise<AuditRow[]> {
  const where: string[] = []
  const params: unknown[] = []
  let from = 'audit a'
  if (q.id) {
    from = 'audit_id i JOIN audit a ON a.seq = i.seq'
    where.push('i.id = ?')
    params.push(q.id)
  }
  if (q.agent) where.push('a.agent = ?'), params.push(q.agent)
  if (q.since !== undefined) where.push('a.at >= ?'), params.push(q.since)
  if (q.until !== undefined) where.push('a.at <= ?'), params.push(q.until)
  if (q.cursor !== undefined) where.push('a.seq < ?'), params.push(q.cursor)
  const sql = `SELECT ${AUDIT_RECORD_COLUMNS.split(', ')
    .map((column) => `a.${column}`)
    .join(', ')} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY a.seq DESC LIMIT ?`
  const { results } = await db
    .prepare(sql)
    .bind(...params, q.limit + 1)
    .all<AuditRow>()
  return results
}
