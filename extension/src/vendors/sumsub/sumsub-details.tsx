import type { VendorDetails } from '../vendor-view.ts'
import { createSumsubModel } from './sumsub-detail.ts'
import { SumsubDetail } from './SumsubDetail.tsx'

/** Sumsub's applicant detail in the side panel. */
export const details: VendorDetails = { 'sumsub-applicant': { create: createSumsubModel, Body: SumsubDetail } }
