import type { VendorIds } from '../vendor-ids.ts'

/**
 * deepidv session IDs are UUIDs (docs/vendors/deepidv.md §9). Lowercase in every example, but hex case
 * carries no meaning, so uppercase is accepted. Version and variant digits are not checked: deepidv does
 * not document the version, and its own example (…-7890-abcd-…) is not a v4. Any vendor's UUID looks
 * like this: scanIds reports UUIDs only when asked to.
 */
export const deepidvIds = {
  name: 'deepidv',
  kinds: [
    {
      kind: 'deepidv-session',
      prefix: null,
      exact: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
      caseless: true,
      dashboard: 'app.deepidv.com/sessions/',
    },
  ],
} as const satisfies VendorIds
