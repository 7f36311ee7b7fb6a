import app from './app.ts'
import { configFor } from './config.ts'
import type { Bindings } from './env.ts'
import { purgeAuditRows } from './audit/store.ts'

export default {
  fetch: app.fetch,
  // The daily cron (wrangler.toml [triggers]): audit rows older than AUDIT_RETENTION_DAYS go.
  async scheduled(controller, env) {
    if (!env.AUDIT_DB) return
    const deleted = await purgeAuditRows(env.AUDIT_DB, controller.scheduledTime, configFor(env).audit.retentionDays)
    console.log(JSON.stringify({ level: 'info', msg: 'audit retention', deleted }))
  },
} satisfies ExportedHandler<Bindings>
export type { AppType } from './app.ts'
export { VendorGate } from './gate/vendor-gate.ts'
export { LiveHub } from './live/hub.ts'
