import type { AuditDatabase } from './database.ts'
import type { AuditEntry } from './entry.ts'

type WaitUntil = (promise: Promise<unknown>) => void

/**
 * Buffers audit rows per isolate and writes them in D1 batches, off the request path. The request
 * that finds no writer running becomes the writer: it hands its own loop to its own waitUntil and
 * keeps writing until the buffer is empty, so rows queued by other requests meanwhile go out with it.
 * Nothing waits on a promise made by another request (workerd resolves those across request
 * contexts, which costs every request). Rows gather for `windowMs` (AUDIT_BATCH_MS, 250 by default)
 * first: with the 10 ms of before, local D1 wrote a batch every few requests and the audit cost about
 * a tenth of a cached hit's CPU (bench:relay); at 250 ms its cost is within the noise.
 */
export class AuditWriter {
  private rows: AuditEntry[] = []
  private writing = false

  constructor(private readonly db: AuditDatabase) {}

  record(entry: AuditEntry, waitUntil: WaitUntil, windowMs: number): void {
    this.rows.push(entry)
    if (this.writing) return
    this.writing = true
    waitUntil(this.writeUntilEmpty(windowMs))
  }

  private async writeUntilEmpty(windowMs: number): Promise<void> {
    try {
      await new Promise((resolve) => setTimeout(resolve, windowMs))
      while (this.rows.length) {
        const rows = this.rows
        this.rows = []
        try {
          await insertAuditRows(this.db, rows)
        } catch (err) {
          // The audit must not break reads; say so loudly (the count, never the rows' contents).
          console.error(JSON.stringify({ level: 'error', msg: 'audit write failed', rows: rows.length, error: String(err) }))
        }
      }
    } finally {
      this.writing = false
    }
  }
}

// D1 binds at most 100 parameters per statement: 9 rows of 11 columns.
const ROWS_PER_STATEMENT = 9
const COLUMNS = '(at, request_id, client_request_id, agent, route, vendor, ids, outcome, status, cache_status, duration_ms)'

/** Writes rows in one D1 batch of multi-row INSERTs; a trigger files their IDs into audit_id. */
export async function insertAuditRows(db: AuditDatabase, rows: AuditEntry[]): Promise<void> {
  const statements = []
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT)
    const values = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')
    const params = chunk.flatMap((r) => [r.at, r.requestId, r.clientRequestId, r.agent, r.route, r.vendor, JSON.stringify(r.ids), r.outcome, r.status, r.cacheStatus, r.durationMs])
    statements.push(db.prepare(`INSERT OR IGNORE INTO audit ${COLUMNS} VALUES ${values}`).bind(...params))
  }
  await db.batch(statements)
}

const writers = new WeakMap<AuditDatabase, AuditWriter>()

export function auditWriterFor(db: AuditDatabase): AuditWriter {
  let writer = writers.get(db)
  if (!writer) {
    writer = new AuditWriter(db)
    writers.set(db, writer)
  }
  return writer
}

/** Deletes rows recorded before `now - days`; returns how many audit rows went. */
export async function purgeAuditRows(db: AuditDatabase, now: number, days: number): Promise<number> {
  const cutoff = now - days * 24 * 3600 * 1000
  const [, deleted] = await db.batch([
    db.prepare('DELETE FROM audit_id WHERE seq IN (SELECT seq FROM audit WHERE at < ?)').bind(cutoff),
    db.prepare('DELETE FROM audit WHERE at < ?').bind(cutoff),
  ])
  return deleted?.meta.changes ?? 0
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
  const sql = `SELECT a.seq, a.at, a.request_id, a.agent, a.route, a.ids, a.outcome, a.status, a.cache_status FROM ${from}${
    where.length ? ` WHERE ${where.join(' AND ')}` : ''
  } ORDER BY a.seq DESC LIMIT ?`
  const { results } = await db.prepare(sql).bind(...params, q.limit + 1).all<AuditRow>()
  return results
}
