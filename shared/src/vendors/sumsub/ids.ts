import type { VendorIds } from '../vendor-ids.ts'

/**
 * Sumsub's applicant IDs: 24 hexadecimal characters, no prefix (docs/vendors/sumsub.md §2). Bare, like
 * a UUID: marked only where a site allows bare IDs. Hex case carries no meaning. The applicant's page
 * in Sumsub's dashboard is an [INF] (§2).
 */
export const sumsubIds = {
  name: 'sumsub',
  kinds: [
    {
      kind: 'sumsub-applicant',
      prefix: null,
      exact: /^[0-9a-fA-F]{24}$/,
      caseless: true,
      dashboard: 'cockpit.sumsub.com/checkus#/applicant/',
    },
  ],
} as const satisfies VendorIds
