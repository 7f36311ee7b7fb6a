import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { pollUntil } from './poll.ts'
import type { RelayProcess } from './stack.ts'

const TRIGGER = 'audit_outage'

/**
 * A D1 outage under `wrangler dev`: a trigger that makes every insert into the audit fail with a real
 * D1 error, added to the relay's local database from outside (as `queryAudit` reads it). The relay's own
 * binding meets it, its isolates and its audit spool alike. `end` drops the trigger and returns when D1
 * took inserts again (`Date.now()`, to 50 ms): seen in the file, not when wrangler's command exits.
 */
export async function startAuditOutage(relay: Pick<RelayProcess, 'queryAudit' | 'stateDir'>): Promise<{ end(): Promise<number> }> {
  await relay.queryAudit(`CREATE TRIGGER ${TRIGGER} BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'injected D1 outage'); END`)
  const triggers = () => readAudit(relay, (db) => (db.prepare('SELECT COUNT(*) AS n FROM sqlite_master WHERE name = ?').get(TRIGGER) as { n: number }).n)
  if (triggers() !== 1) throw new Error('the outage trigger is not in the local D1 file')
  return {
    async end() {
      const dropped = relay.queryAudit(`DROP TRIGGER IF EXISTS ${TRIGGER}`)
      const backAt = pollUntil(async () => triggers(), (n) => n === 0, { timeoutMs: 120_000, intervalMs: 50, what: 'the outage trigger gone' }).then(() => Date.now())
      await dropped
      return await backAt
    },
  }
}

/** How many of these requests' rows the relay's local D1 holds. */
export const auditRowsOf = (relay: Pick<RelayProcess, 'stateDir'>, requestIds: string[]): number =>
  readAudit(relay, (db) => (db.prepare(`SELECT COUNT(*) AS n FROM audit WHERE request_id IN (${requestIds.map(() => '?').join(', ')})`).get(...requestIds) as { n: number }).n)

/**
 * Reads the relay's local D1 from its SQLite file (WAL mode: a reader beside workerd's writer). Milliseconds,
 * where `queryAudit` starts a wrangler each time: a deadline polled this way measures the relay, not the poll.
 */
function readAudit<T>(relay: Pick<RelayProcess, 'stateDir'>, read: (db: DatabaseSync) => T): T {
  const dir = join(relay.stateDir, 'v3/d1/miniflare-D1DatabaseObject')
  const file = readdirSync(dir).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite')
  if (!file) throw new Error(`no local D1 database in ${dir}`)
  const db = new DatabaseSync(join(dir, file), { readOnly: true })
  try {
    return read(db)
  } finally {
    db.close()
  }
}
