import type { VendorIds } from '../vendor-ids.ts'

/** Onfido's IDs are UUIDs (docs/vendors/onfido.md §2); a run's page is its `dashboard_url` in Onfido's spec (§3). */
export const onfidoIds = {
  name: 'onfido',
  kinds: [
    {
      kind: 'onfido-workflow-run',
      prefix: null,
      exact: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
      caseless: true,
      dashboard: 'dashboard.onfido.com/results/',
    },
  ],
} as const satisfies VendorIds
