import { uuidKind, type VendorIds } from '../vendor-ids.ts'

/** Onfido's IDs are UUIDs (docs/vendors/onfido.md §2); a run's page is its `dashboard_url` in Onfido's spec (§3). */
export const onfidoIds = {
  name: 'onfido',
  kinds: [uuidKind('onfido-workflow-run', 'dashboard.onfido.com/results/')],
} as const satisfies VendorIds
