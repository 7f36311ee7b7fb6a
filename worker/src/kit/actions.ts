/** The kit's agent-action parts: a vendor's write routes call the vendor through the gate with these (as kit/routes.ts, routers only). */
export type { RelayConfig } from '../config/relay-config.ts'
export { providerMisconfigured } from '../config/refusals.ts'
export { cacheFor } from '../cache/relay-caches.ts'
export { actionAllowed } from '../middleware/action-allowed.ts'
export { callAction, type VendorAction } from '../upstream/call-action.ts'
export { configuredKey } from '../upstream/call-upstream.ts'
export type { ActionTool, ToolArgs } from '../vendor-shape/vendor-action.ts'
export { actionReads } from '../lookup/action-reads.ts'
