import { uuidKind, type VendorIds } from '../vendor-ids.ts'

/**
 * deepidv session IDs are UUIDs (docs/vendors/deepidv.md §9), lowercase in every example. deepidv does
 * not document the version, and its own example (…-7890-abcd-…) is not a v4.
 */
export const deepidvIds = {
  name: 'deepidv',
  kinds: [uuidKind('deepidv-session', 'app.deepidv.com/sessions/')],
} as const satisfies VendorIds
