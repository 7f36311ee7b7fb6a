import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { openReader, readAuditDb } from './audit-db.ts'
import { pollUntil } from './poll.ts'
import type { RelayProcess } from './stack.ts'

const TRIGGER = 'audit_outage'
const readAudit = <T>(relay: Pick<RelayProcess, 'stateDir'>, read: (db: DatabaseSync) => T): T => readAuditDb(relay.stateDir, read)

/**
 * A D1 outage under `wrangler dev`: a trigger that makes every insert into the audit fail with a real
 * D1 error, added to the relay's local database from outside (`queryAudit`, through wrangler). The relay's own
 * binding meets it, its isolates and its audit spool alike. `end` drops the trigger and returns when D1
 * took inserts again (`Date.now()`, to 50 ms): seen in the file, not when wrangler's command exits.
 */
export async function startAuditOutage(relay: Pick<RelayProcess, 'queryAudit' | 'stateDir'>): Promise<{ end(): Promise<number> }> {
  await relay.queryAudit(`CREATE TRIGGER ${TRIGGER} BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'injected D1 outage'); END`)
  const triggers = () =>
    readAudit(relay, (db) => (db.prepare('SELECT COUNT(*) AS n FROM sqlite_master WHERE name = ?').get(TRIGGER) as { n: number }).n)
  if (triggers() !== 1) throw new Error('the outage trigger is not in the local D1 file')
  return {
    async end() {
      const dropped = relay.queryAudit(`DROP TRIGGER IF EXISTS ${TRIGGER}`)
      const backAt = pollUntil(
        async () => triggers(),
        (n) => n === 0,
        { timeoutMs: 120_000, intervalMs: 50, what: 'the outage trigger gone' },
      ).then(() => Date.now())
      await dropped
      return await backAt
    },
  }
}

/** How many of these requests' rows the relay's local D1 holds. */
export const auditRowsOf = (relay: Pick<RelayProcess, 'stateDir'>, requestIds: string[]): number =>
  readAudit(
    relay,
    (db) =>
      (
        db.prepare(`SELECT COUNT(*) AS n FROM audit WHERE request_id IN (${requestIds.map(() => '?').join(', ')})`).get(...requestIds) as {
          n: number
        }
      ).n,
  )

/**
 * How many of these requests' rows the audit spool holds (its Durable Object's SQLite file, read as D1's
 * is): an isolate hands rows over when its own retries ran out. 0 while the spool has no file yet.
 */
export function spooledRowsOf(relay: Pick<RelayProcess, 'stateDir'>, requestIds: string[]): number {
  const doDir = join(relay.stateDir, 'v3/do')
  const dir = existsSync(doDir) ? readdirSync(doDir).find((name) => name.endsWith('-AuditSpool')) : undefined
  const files = dir ? readdirSync(join(doDir, dir)).filter((name) => name.endsWith('.sqlite')) : []
  let held = 0
  for (const file of files) {
    const db = openReader(join(doDir, dir!, file))
    try {
      const sql = `SELECT COUNT(*) AS n FROM rows WHERE request_id IN (${requestIds.map(() => '?').join(', ')})`
      held += (db.prepare(sql).get(...requestIds) as { n: number }).n
    } catch {
      // The spool's table is not there yet (its constructor has not run): it holds nothing.
    } finally {
      db.close()
    }
  }
  return held
}
