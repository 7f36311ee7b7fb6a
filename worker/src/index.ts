import app from './app.ts'
import { configFor } from './config/parse.ts'
import { VENDORS } from './vendors/index.ts'
import { VendorGate as GateOverVendors } from './gate/vendor-gate.ts'
import { purgeAuditRows } from './audit/store.ts'

// `satisfies ExportedHandler<Bindings>` lives in handler-check.ts: this module is also read by the
// extension's type check (through worker-configuration.d.ts), which has no Workers runtime types.
export default {
  fetch: app.fetch,
  // The daily cron (wrangler.toml [triggers]): audit rows older than AUDIT_RETENTION_DAYS go.
  async scheduled(controller: { scheduledTime: number }, env: import('./bindings.ts').Bindings) {
    if (!env.AUDIT_DB) return
    const deleted = await purgeAuditRows(env.AUDIT_DB, controller.scheduledTime, configFor(env, VENDORS).audit.retentionDays)
    console.log(JSON.stringify({ level: 'info', msg: 'audit retention', deleted }))
  },
}
export type { AppType } from './app.ts'
/** The vendor gate's Durable Object, over the registry's vendors (the core imports no vendor: docs/architecture.md). */
export class VendorGate extends GateOverVendors {
  protected readonly vendors = VENDORS
}
export { LiveHub } from './live/hub.ts'
export { AuditSpool } from './audit/spool.ts'
