import type { VendorView } from '../vendor-view.ts'

/** Stripe Identity has no list or detail in the side panel yet: its IDs are carded and looked up only. */
export const view: VendorView = { lists: {}, details: {} }
