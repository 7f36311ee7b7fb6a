import type { VendorView } from '../vendor-view.ts'
import { createDeepidvModel, DeepidvDetail } from './DeepidvDetail.tsx'
import { DeepidvFilters } from './DeepidvFilters.tsx'
import { DeepidvRow } from './DeepidvRow.tsx'

/** deepidv's sessions list and detail in the popup and the side panel. */
export const view: VendorView = {
  lists: { deepidv: { Row: DeepidvRow, Filters: DeepidvFilters } },
  details: { 'deepidv-session': { create: createDeepidvModel, Body: DeepidvDetail } },
}
