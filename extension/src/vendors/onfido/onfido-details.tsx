import type { VendorDetails } from '../vendor-view.ts'
import { createOnfidoRunModel } from './onfido-detail.ts'
import { OnfidoRunDetail } from './OnfidoDetail.tsx'

/** Onfido's workflow run detail in the side panel. */
export const details: VendorDetails = { 'onfido-workflow-run': { create: createOnfidoRunModel, Body: OnfidoRunDetail } }
