import app from './app.ts'
import { configFor } from './config.ts'
import { purgeAuditRows } from './audit/store.ts'

// `satisfies ExportedHandler<Bindings>` lives in handler-check.ts: this module is also read by the
// extension's type check (through worker-configuration.d.ts), which has no Workers runtime types.
export default {
  fetch: app.fetch,
  // The daily cron (wrangler.toml [triggers]): audit rows older than AUDIT_RETENTION_DAYS go.
  async scheduled(controller: { scheduledTime: number }, env: import('./bindings.ts').Bindings) {
    if (!env.AUDIT_DB) return
    const deleted = await purgeAuditRows(env.AUDIT_DB, controller.scheduledTime, configFor(env).audit.retentionDays)
    console.log(JSON.stringify({ level: 'info', msg: 'audit retention', deleted }))
  },
}
export type { AppType } from './app.ts'
export { VendorGate } from './gate/vendor-gate.ts'
export { LiveHub } from './live/hub.ts'
export { AuditSpool } from './audit/spool.ts'
