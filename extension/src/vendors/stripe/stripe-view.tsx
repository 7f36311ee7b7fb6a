import type { VendorView } from '../vendor-view.ts'
import { createStripeReportModel, createStripeSessionModel } from './stripe-detail.ts'
import { StripeReportDetail, StripeSessionDetail } from './StripeDetail.tsx'
import { StripeFilters } from './StripeFilters.tsx'
import { StripeRow } from './StripeRow.tsx'

/** Stripe Identity's sessions list (side panel only) and its session and report details. */
export const view: VendorView = {
  lists: { stripe: { Row: StripeRow, Filters: StripeFilters } },
  details: {
    'stripe-verification-session': { create: createStripeSessionModel, Body: StripeSessionDetail },
    'stripe-verification-report': { create: createStripeReportModel, Body: StripeReportDetail },
  },
}
