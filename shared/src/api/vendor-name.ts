/**
 * The vendors IDV Lens reads from: the one list every vendor union is derived from (IDs' vendor,
 * lookups, live events, problems, the relay's vendor registry). A new vendor starts here; the type
 * check then points at every place that must learn about it (docs/adding-a-vendor.md).
 */
export const VENDOR_NAMES = ['persona', 'deepidv', 'stripe', 'onfido'] as const

export type VendorName = (typeof VENDOR_NAMES)[number]
