import type { VendorName } from '@idv-lens/shared/api'
import { deepidvContract } from './deepidv/contract.ts'
import { deepidv } from './deepidv/vendor.ts'
import { onfidoContract } from './onfido/contract.ts'
import { onfido } from './onfido/vendor.ts'
import { personaContract } from './persona/contract.ts'
import { persona } from './persona/vendor.ts'
import { stripeContract } from './stripe/contract.ts'
import { stripe } from './stripe/vendor.ts'
import type { Vendor, VendorContract } from '../kit/vendor.ts'
import { sumsubContract } from './sumsub/contract.ts'
import { sumsub } from './sumsub/vendor.ts'

/**
 * The vendor registry: every vendor the relay calls, by name. A vendor is a folder beside this file
 * holding everything about it; this record is the one place outside those folders that names them
 * (test/vendor-boundary.test.ts keeps it so; docs/adding-a-vendor.md).
 */
export const VENDORS: Record<VendorName, Vendor> = { persona, deepidv, stripe, onfido, sumsub }
export type { HistoryPart, RequesterValues, Vendor, VendorWebhook } from '../kit/vendor.ts'

/**
 * Each vendor's part of the published contract (contract/schemas.ts). Apart from VENDORS, whose
 * type is the same for every vendor: `satisfies` keeps each schema's own type here, so the published
 * lookup details stay equal to the types in shared/src/api (test/openapi.test.ts).
 */
export const VENDOR_CONTRACTS = {
  persona: personaContract,
  deepidv: deepidvContract,
  stripe: stripeContract,
  onfido: onfidoContract,
  sumsub: sumsubContract,
} satisfies Record<VendorName, VendorContract>
