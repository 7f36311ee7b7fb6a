import { ID_REGISTRY } from '../vendors/id-registry.ts'

type Names<T> = { -readonly [K in keyof T]: T[K] extends { name: infer N } ? N : never }

/**
 * The vendors IDV Lens reads from, in the registry's order (shared/src/vendors/): every vendor union
 * is derived from it (IDs' vendor, lookups, live events, problems, the relay's vendor registry). A new
 * vendor is its folders and its registry lines (docs/adding-a-vendor.md).
 */
export const VENDOR_NAMES = /* @__PURE__ */ ID_REGISTRY.map((v) => v.name) as unknown as Readonly<Names<typeof ID_REGISTRY>>

export type VendorName = (typeof VENDOR_NAMES)[number]
