import type { VendorDetails } from '../vendor-view.ts'
import { createDeepidvModel, DeepidvDetail } from './DeepidvDetail.tsx'

/** deepidv's session detail in the side panel. */
export const details: VendorDetails = { 'deepidv-session': { create: createDeepidvModel, Body: DeepidvDetail } }
