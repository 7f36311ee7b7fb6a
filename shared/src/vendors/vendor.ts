import type { VendorReplies } from '../replies/texts.ts'
import type { VendorIds } from './vendor-ids.ts'

/** An agent action a vendor offers (the relay's `ACTIONS` names it), and the role it needs. */
export type VendorActionName = { name: string; role: 'actor' | 'reviewer' }

/**
 * Everything shared/ knows of one vendor (vendors/<name>/vendor.ts); registry.ts lists them and the
 * cores derive their tables from it. `Ids` is the vendor's lean ID part (its ids.ts).
 */
export type VendorDescriptor<Ids extends VendorIds = VendorIds> = {
  ids: Ids
  /** For people, per kind: "Persona inquiry" (the relay's refusals and contract name UUID kinds by it). */
  labels: Readonly<Record<Ids['kinds'][number]['kind'], string>>
  /**
   * Real-looking IDs of each kind that MUST match it and no other (ids/patterns.test.ts runs the
   * cross-matrix); apart from ids.ts, which the content script bundles.
   */
  examples: Readonly<Record<Ids['kinds'][number]['kind'], readonly string[]>>
  /** Which customer text answers its checks, codes and statuses (replies/). */
  replies: VendorReplies
  /** The agent actions it offers, in the order `ACTIONS` lists them. */
  actions: readonly VendorActionName[]
  /** Its writes, as the last segment of their routes: the usage counts them per kind. */
  actionKinds: readonly string[]
}
