import type { VendorRows } from '../vendor-view.ts'
import { OnfidoFilters } from './OnfidoFilters.tsx'
import { OnfidoRow } from './OnfidoRow.tsx'

/** Onfido's workflow runs list (the side panel's only): its row and filters. */
export const rows: VendorRows = { onfido: { Row: OnfidoRow, Filters: OnfidoFilters } }
