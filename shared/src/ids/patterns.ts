/**
 * The IDs IDV Lens recognises, one entry per kind, each declared with its examples and label in its
 * vendor's folder (shared/src/vendors/<name>/, with its sources and their [SPEC]/[INF] marks).
 * `patterns.test.ts` runs the cross-matrix (every kind accepts its own examples and rejects everyone
 * else's), so a kind without examples, or a pattern that swallows another kind's IDs, fails the tests.
 * Kinds without a prefix are bare (UUIDs, Sumsub's hex): UUIDs share one shape, so `classifyId` names
 * the first, and the relay asks each UUID vendor (worker/src/lookup/uuid-kinds.ts).
 */
import type { VendorName } from '../api/vendor-name.ts'
import { ID_REGISTRY, type IdKind } from '../vendors/id-registry.ts'
import { ID_LABELS } from '../vendors/registry.ts'

export type { IdKind }

/** What the scanner needs of a kind (the content script bundles this table: keep it lean). */
export type IdShape = {
  kind: IdKind
  provider: VendorName
  /** The literal every ID of this kind starts with, or null when there is none (UUIDs). */
  prefix: string | null
  /**
   * Validates one whole value (e.g. the Worker's input validation): anchored, no flags, no
   * capture groups. `scanIds` builds its text scanner from these, so keep them that way.
   */
  exact: RegExp
  /** True when letter case carries no meaning (hex UUIDs): such IDs are compared, cached and sent lower-cased. */
  caseless: boolean
  /** The kind's dashboard page, host and path, before the ID (ids/dashboard.ts). */
  dashboard: `${string}/`
  /** The path its dashboard shows test-mode objects under, when it has one. */
  testPath?: string
}

export type IdPattern = IdShape & {
  /** For people: "Persona inquiry" (the relay's refusals and contract name UUID kinds by it). */
  label: string
}

/** Every vendor's kinds in the registry's order, each with its vendor. */
export const ID_SHAPES: readonly IdShape[] = ID_REGISTRY.flatMap((v) => v.kinds.map((k) => ({ ...k, provider: v.name })))

/** The ID table with its labels. Pure: a bundle that reads only the shapes (the content script) leaves the labels out. */
export const ID_PATTERNS: readonly IdPattern[] = /* @__PURE__ */ ID_SHAPES.map((p) => ({ ...p, label: ID_LABELS[p.kind] }))

export const getIdPattern = (kind: IdKind): IdShape => {
  const pattern = ID_SHAPES.find((p) => p.kind === kind)
  if (pattern === undefined) throw new TypeError(`Expected an IdKind, got ${JSON.stringify(kind)}`)
  return pattern
}

/** Whether a kind is bare and its IDs are UUIDs (any other bare kind, Sumsub's hex, has a shape of its own). */
export const isUuidShaped = (p: Pick<IdShape, 'prefix' | 'exact'>): boolean =>
  p.prefix === null && p.exact.test('00000000-0000-0000-0000-000000000000')

/** The kinds without a prefix whose IDs are UUIDs, in table order: an ID of one has the shape of all. */
export const UUID_KINDS: readonly IdKind[] = /* @__PURE__ */ ID_SHAPES.filter((p) => isUuidShaped(p)).map((p) => p.kind)

/** The vendor an ID of this kind belongs to. */
export const vendorOfKind = (kind: IdKind): VendorName => getIdPattern(kind).provider

/** The one spelling of an ID of this kind: the vendor's, lower-cased where case carries no meaning. */
export const canonicalId = (id: string, kind: IdKind): string => (getIdPattern(kind).caseless ? id.toLowerCase() : id)

/** Persona accepts at most 100 comma-separated IDs in `filter[inquiry-id]` (docs/vendors/persona.md §2, changelog 2025-06-09). */
export const MAX_IDS_PER_LOOKUP = 100
