import type { VendorRows } from '../vendor-view.ts'
import { DeepidvFilters } from './DeepidvFilters.tsx'
import { DeepidvRow } from './DeepidvRow.tsx'

/** deepidv's sessions list in the popup and the side panel: its row and filters. */
export const rows: VendorRows = { deepidv: { Row: DeepidvRow, Filters: DeepidvFilters } }
