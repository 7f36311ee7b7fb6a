import type { VendorRows } from '../vendor-view.ts'

/** Sumsub lists no applicants (docs/vendors/sumsub.md §5): no list, so no row. */
export const rows: VendorRows = {}
