import { VENDOR_NAMES, type VendorName } from '@idv-lens/shared/api'
import { DEMO_ACCESS, type DemoAccess } from '../../worker/demo-upstream/access.ts'
import { VENDORS } from '../../worker/src/vendors/index.ts'

/**
 * What a stack needs of each fake vendor, derived: the variables' names from the relay's vendor
 * registry, their demo values from the demo upstream's vendor files (worker/demo-upstream/access.ts).
 * Nothing here names a vendor: a new one is in the stack once its folders and registry lines are.
 */
const ACCESS: Readonly<Record<VendorName, DemoAccess>> = DEMO_ACCESS

/** Each vendor's API under the demo upstream, as `<name>Base`: `personaBase`, `sumsubBase`, … */
export type VendorBases = { [N in VendorName as `${N}Base`]: string }

export const demoBases = (url: string): VendorBases =>
  Object.fromEntries(VENDOR_NAMES.map((name) => [`${name}Base`, `${url}${ACCESS[name].path}`])) as VendorBases

/** The relay's variables that open one fake vendor at `base`: its base and key, and its signing secret where it has one. */
export function relayVendorVars(name: VendorName, base: string, key: string = ACCESS[name].key): Record<string, string> {
  const vendor = VENDORS[name]
  const signing = vendor.signingSecret && ACCESS[name].signingKey ? { [vendor.signingSecret]: ACCESS[name].signingKey } : {}
  return { [vendor.baseVariable]: base, [vendor.keySecret]: key, ...signing }
}

/** The vendors whose fake signs webhooks and whose relay takes them, in the registry's order. */
export const WEBHOOK_VENDORS: readonly VendorName[] = VENDOR_NAMES.filter((name) => VENDORS[name].webhook && ACCESS[name].webhookSecret)

/** The relay's webhook secrets (each vendor's first), with the values the demo signs with. */
export const relayWebhookVars = (): Record<string, string> =>
  Object.fromEntries(WEBHOOK_VENDORS.map((name) => [VENDORS[name].webhook!.secrets[0]!, ACCESS[name].webhookSecret!]))

/** The demo upstream's environment that turns on each vendor's deliveries (worker/demo-upstream/serve.ts). */
export const demoWebhookEnv = (vendors: readonly VendorName[] = WEBHOOK_VENDORS): Record<string, string> =>
  Object.fromEntries(vendors.map((name) => [`DEMO_${name.toUpperCase()}_WEBHOOK_SECRET`, ACCESS[name].webhookSecret!]))

/** Each vendor's label, in the registry's order ("Persona", "Stripe Identity", …). */
export const vendorLabels = (): string[] => VENDOR_NAMES.map((name) => VENDORS[name].label)
