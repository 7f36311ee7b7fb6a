import type { VendorRows } from '../vendor-view.ts'
import { EventFilters, InquiryFilters, SessionFilters } from './PersonaFilters.tsx'
import { EventRow } from './EventRow.tsx'
import { InquiryRow } from './InquiryRow.tsx'
import { MyCaseRow } from './MyCaseRow.tsx'
import { SessionRow } from './SessionRow.tsx'

/** Persona's lists in the popup and the side panel: each one's row and filters. */
export const rows: VendorRows = {
  sessions: { Row: SessionRow, Filters: SessionFilters },
  inquiries: { Row: InquiryRow, Filters: InquiryFilters },
  events: { Row: EventRow, Filters: EventFilters },
  myCases: { Row: MyCaseRow },
}
