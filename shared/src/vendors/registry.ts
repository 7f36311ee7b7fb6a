import { deepidv } from './deepidv/vendor.ts'
import { onfido } from './onfido/vendor.ts'
import { persona } from './persona/vendor.ts'
import { stripe } from './stripe/vendor.ts'
import type { IdKind } from './id-registry.ts'
import type { VendorDescriptor } from './vendor.ts'
import { sumsub } from './sumsub/vendor.ts'

/**
 * The registry: every vendor shared/ knows, one line each, in id-registry.ts' order (its lean half,
 * which the content script bundles). A vendor is its folder beside this file; the cores derive their
 * tables from here, and nothing else in shared/ names a vendor (source/vendor-boundary.test.ts).
 */
export const VENDOR_REGISTRY = [persona, deepidv, stripe, onfido, sumsub] as const satisfies readonly VendorDescriptor[]

type Registered = (typeof VENDOR_REGISTRY)[number]

/** One by-kind table of every vendor, merged. A call with no call in its arguments, so that a bundle that reads none drops it. */
const byKind = <T>(table: 'labels' | 'examples'): Readonly<Record<IdKind, T>> => Object.assign({}, ...VENDOR_REGISTRY.map((v) => v[table]))

/** Every kind's label, from its vendor's folder. */
export const ID_LABELS = /* @__PURE__ */ byKind<string>('labels')

/** Every kind's examples, from its vendor's folder. */
export const KIND_EXAMPLES = /* @__PURE__ */ byKind<readonly string[]>('examples')

/** Every vendor's actions, in the registry's order. */
export const REGISTERED_ACTIONS = /* @__PURE__ */ VENDOR_REGISTRY.flatMap((v): Registered['actions'][number][] => [...v.actions])

/** Every vendor's action kinds (its writes' last route segment), in the registry's order, each once (two vendors' `new-link`). */
export const REGISTERED_ACTION_KINDS = /* @__PURE__ */ [
  ...new Set(VENDOR_REGISTRY.flatMap((v): Registered['actionKinds'][number][] => [...v.actionKinds])),
]
