import type { VendorDetails } from '../vendor-view.ts'
import { EventDetail, SessionDetail } from './PersonaObjectDetail.tsx'
import { InquiryDetail } from './InquiryDetail.tsx'
import { createEventModel, createInquiryModel, createSessionModel } from './persona-detail.ts'

/** Persona's details in the side panel: an inquiry, a session, an event. */
export const details: VendorDetails = {
  'persona-inquiry': { create: createInquiryModel, Body: InquiryDetail },
  'persona-inquiry-session': { create: createSessionModel, Body: SessionDetail },
  'persona-event': { create: createEventModel, Body: EventDetail },
}
