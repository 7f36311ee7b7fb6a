import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'

/**
 * Reads a relay's local D1 (the audit) from its SQLite file under `stateDir` (WAL mode: a reader beside
 * workerd's writer). Milliseconds, where `wrangler d1 execute` starts a wrangler and a workerd each time.
 */
export function readAuditDb<T>(stateDir: string, read: (db: DatabaseSync) => T): T {
  const dir = join(stateDir, 'v3/d1/miniflare-D1DatabaseObject')
  const file = readdirSync(dir).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite')
  if (!file) throw new Error(`no local D1 database in ${dir}`)
  const db = openReader(join(dir, file))
  try {
    return read(db)
  } finally {
    db.close()
  }
}

/** Whether a statement only reads: it can go to the file directly. */
export const onlyReads = (sql: string): boolean => /^\s*(SELECT|WITH)\b/i.test(sql)

/** The rows a read-only statement gives, as plain objects (as `wrangler d1 execute --json` gives them). */
export const selectAudit = <Row>(stateDir: string, sql: string): Row[] =>
  readAuditDb(stateDir, (db) =>
    db
      .prepare(sql)
      .all()
      .map((row) => ({ ...row }) as Row),
  )

/**
 * A read-only connection to one of a relay's SQLite files. It waits out a writer's lock (wrangler or
 * workerd changing the schema or checkpointing): "database is locked" at once would fail a poll.
 */
export const openReader = (path: string): DatabaseSync => new DatabaseSync(path, { readOnly: true, timeout: 10_000 })
