import type { Context } from 'hono'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../errors.ts'
import type { AuditDatabase } from '../audit/database.ts'

/** The audit database for an admin's request: 403 for anyone else (before any query), 503 without one. */
export function adminAuditDb(c: Context<AppEnv>, what: string): AuditDatabase {
  if (c.get('role') !== 'admin') throw new ApiError('forbidden', `Only an admin can read ${what}.`)
  const db = c.env.AUDIT_DB
  if (!db) throw new ApiError('misconfigured', 'The audit log has no database: bind AUDIT_DB (a D1 database) in wrangler.toml.')
  return db
}
