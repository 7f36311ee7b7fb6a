import { deepidvIds } from './deepidv/ids.ts'
import { onfidoIds } from './onfido/ids.ts'
import { personaIds } from './persona/ids.ts'
import { stripeIds } from './stripe/ids.ts'
import { sumsubIds } from './sumsub/ids.ts'

/**
 * The registry's lean half: every vendor's IDs, one line each, in the vendors' order. The content
 * script bundles it (through ids/), so it holds no more than scanning and dashboard links need;
 * registry.ts lists the rest of each vendor. VENDOR_NAMES and IdKind are derived from it.
 */
export const ID_REGISTRY = [personaIds, deepidvIds, stripeIds, onfidoIds, sumsubIds] as const

/** Every vendor's ID kinds, as their folders declare them (vendors/<name>/ids.ts). */
export type IdKind = (typeof ID_REGISTRY)[number]['kinds'][number]['kind']

export { personaCaseDashboardUrl } from './persona/links.ts'
