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

/** The spool's stub for the current request only: workerd refuses I/O through a stub another request made. */
export function auditSpoolOf(env: { AUDIT_SPOOL?: AuditSpoolNamespace }): AuditSpoolStub | null {
  return env.AUDIT_SPOOL ? env.AUDIT_SPOOL.getByName(AUDIT_SPOOL_NAME) : null
}

/**
 * The writer's hand-off, for the isolate's lifetime: it reaches the spool through the binding on each call,
 * so a flush on any later request's `waitUntil` gets a stub of its own (a kept stub fails there).
 */
export function spoolHandOff(env: { AUDIT_SPOOL?: AuditSpoolNamespace }): ((rows: AuditEntry[]) => Promise<unknown>) | undefined {
  const spools = env.AUDIT_SPOOL
  return spools ? (rows) => spools.getByName(AUDIT_SPOOL_NAME).hold(rows) : undefined
}
