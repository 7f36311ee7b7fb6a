import type { VendorRows } from '../vendor-view.ts'
import { StripeFilters } from './StripeFilters.tsx'
import { StripeRow } from './StripeRow.tsx'

/** Stripe Identity's sessions list (the side panel's only): its row and filters. */
export const rows: VendorRows = { stripe: { Row: StripeRow, Filters: StripeFilters } }
