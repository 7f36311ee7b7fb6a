import type { VendorName } from '@idv-lens/shared/api'
import { deepidv } from './deepidv/vendor.ts'
import { persona } from './persona/vendor.ts'
import type { Vendor } from './vendor.ts'

/**
 * The vendor registry: every vendor the relay calls, by name. A vendor is a folder beside this file
 * holding everything about it; this record is the one place outside those folders that names them
 * (test/vendor-boundary.test.ts keeps it so; docs/adding-a-vendor.md).
 */
export const VENDORS: Record<VendorName, Vendor> = { persona, deepidv }
export type { Vendor }
