import type { VendorDetails } from '../vendor-view.ts'
import { StripeReportDetail, StripeSessionDetail } from './StripeDetail.tsx'
import { createStripeReportModel, createStripeSessionModel } from './stripe-detail.ts'

/** Stripe Identity's session and report details in the side panel. */
export const details: VendorDetails = {
  'stripe-verification-session': { create: createStripeSessionModel, Body: StripeSessionDetail },
  'stripe-verification-report': { create: createStripeReportModel, Body: StripeReportDetail },
}
