import type { VendorView } from '../vendor-view.ts'
import { EventRow } from './EventRow.tsx'
import { InquiryDetail } from './InquiryDetail.tsx'
import { InquiryRow } from './InquiryRow.tsx'
import { createEventModel, createInquiryModel, createSessionModel } from './persona-detail.ts'
import { EventFilters, InquiryFilters, SessionFilters } from './PersonaFilters.tsx'
import { EventDetail, SessionDetail } from './PersonaObjectDetail.tsx'
import { SessionRow } from './SessionRow.tsx'

/** Persona's rows, filters and details in the popup and the side panel. */
export const view: VendorView = {
  lists: {
    sessions: { Row: SessionRow, Filters: SessionFilters },
    inquiries: { Row: InquiryRow, Filters: InquiryFilters },
    events: { Row: EventRow, Filters: EventFilters },
  },
  details: {
    'persona-inquiry': { create: createInquiryModel, Body: InquiryDetail },
    'persona-inquiry-session': { create: createSessionModel, Body: SessionDetail },
    'persona-event': { create: createEventModel, Body: EventDetail },
  },
}
