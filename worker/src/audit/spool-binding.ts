import type { AuditEntry } from './entry.ts'

/** One spool per deployment: every isolate hands its unwritten rows to this name. */
export const AUDIT_SPOOL_NAME = 'audit'

/** What the spool says about the rows it holds (for /healthz). */
export type SpoolStatus = {
  writes: 'ok' | 'failing'
  pending: number
  dropped: number
  failures: number
  lastFailureAt: string | null
  lastWrittenAt: string | null
}

/**
 * What the Worker calls on the spool (spool.ts implements it). Typed here rather than as
 * `DurableObjectNamespace<AuditSpool>` so that app.ts, whose types the extension checks, needs no Workers types.
 */
export type AuditSpoolStub = {
  hold(rows: AuditEntry[]): Promise<{ held: number; dropped: number }>
  status(): Promise<SpoolStatus>
}
export type AuditSpoolNamespace = { getByName(name: string): AuditSpoolStub }

export function auditSpoolOf(env: { AUDIT_SPOOL?: AuditSpoolNamespace }): AuditSpoolStub | null {
  return env.AUDIT_SPOOL ? env.AUDIT_SPOOL.getByName(AUDIT_SPOOL_NAME) : null
}
