/**
 * The IDs IDV Lens recognises, one entry per kind, each with its own examples in id-examples.ts.
 * `patterns.test.ts` runs the cross-matrix (every kind accepts its own examples and rejects everyone
 * else's), so a kind without examples, or a pattern that swallows another kind's IDs, fails the tests.
 * Sources: docs/vendors/persona.md §8, deepidv.md §9, stripe.md §6 and onfido.md §2; [SPEC] and [INF] are their marks.
 * Kinds without a prefix are UUIDs and share one shape: `classifyId` names the first, and the relay
 * asks each UUID vendor (worker/src/lookup/uuid-kinds.ts).
 */
import type { VendorName } from '../api/vendor-name.ts'

export type IdKind =
  | 'persona-inquiry'
  | 'persona-inquiry-session'
  | 'persona-event'
  | 'deepidv-session'
  | 'stripe-verification-session'
  | 'stripe-verification-report'
  | 'onfido-workflow-run'

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
}

export type IdPattern = IdShape & {
  /** For people: "Persona inquiry" (the relay's refusals and contract name UUID kinds by it). */
  label: string
}

/*
Persona suffixes (docs/vendors/persona.md §8). Alphabet [A-Za-z0-9]: Persona generates base58, but its
spec says "alphanumeric, mixed case" and its examples use 0 O I l; the relay must never refuse a real
ID, and the prefix and length already make a false positive unlikely. Length 24 or 28: both are in the
wild for inquiries; sessions are only seen with 24 [SPEC] but are made the same way, so 28 is accepted
too [INF]: refusing a real ID is worse than forwarding one Persona answers 404 for. The prefix is
case-sensitive, and placeholders such as `inq_ABC123` are rejected, so fixtures use real-shaped IDs.
*/
export const ID_SHAPES = [
  {
    kind: 'persona-inquiry',
    provider: 'persona',
    prefix: 'inq_',
    exact: /^inq_[A-Za-z0-9]{24}(?:[A-Za-z0-9]{4})?$/,
    caseless: false,
  },
  {
    kind: 'persona-inquiry-session',
    provider: 'persona',
    prefix: 'iqse_',
    exact: /^iqse_[A-Za-z0-9]{24}(?:[A-Za-z0-9]{4})?$/,
    caseless: false,
  },
  {
    kind: 'persona-event',
    provider: 'persona',
    prefix: 'evt_',
    exact: /^evt_[A-Za-z0-9]{24}(?:[A-Za-z0-9]{4})?$/,
    caseless: false,
  },
  {
    // deepidv session IDs are UUIDs (docs/vendors/deepidv.md §9). Lowercase in every example, but hex case carries no
    // meaning, so uppercase is accepted. Version and variant digits are not checked: deepidv does
    // not document the version, and its own example (…-7890-abcd-…) is not a v4.
    kind: 'deepidv-session',
    provider: 'deepidv',
    // Any vendor's UUID looks like this: scanIds reports UUIDs only when asked to.
    prefix: null,
    exact: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    caseless: true,
  },
  {
    // Stripe: the prefix and 24 letters and digits in every example; Stripe documents no length, so 14
    // or more are accepted (docs/vendors/stripe.md §6). The prefix is case-sensitive.
    kind: 'stripe-verification-session',
    provider: 'stripe',
    prefix: 'vs_',
    exact: /^vs_[A-Za-z0-9]{14,64}$/,
    caseless: false,
  },
  {
    kind: 'stripe-verification-report',
    provider: 'stripe',
    prefix: 'vr_',
    exact: /^vr_[A-Za-z0-9]{14,64}$/,
    caseless: false,
  },
  {
    // Onfido's IDs are UUIDs (docs/vendors/onfido.md §2): the same shape as deepidv's sessions.
    kind: 'onfido-workflow-run',
    provider: 'onfido',
    prefix: null,
    exact: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    caseless: true,
  },
] as const satisfies readonly IdShape[]

const ID_LABELS = {
  'persona-inquiry': 'Persona inquiry',
  'persona-inquiry-session': 'Persona inquiry session',
  'persona-event': 'Persona event',
  'deepidv-session': 'deepidv session',
  'stripe-verification-session': 'Stripe verification session',
  'stripe-verification-report': 'Stripe verification report',
  'onfido-workflow-run': 'Onfido workflow run',
} as const satisfies Record<IdKind, string>

/** The ID table with its labels. Pure: a bundle that reads only the shapes (the content script) leaves the labels out. */
export const ID_PATTERNS = /* @__PURE__ */ ID_SHAPES.map((p) => ({ ...p, label: ID_LABELS[p.kind] }))

// Compile-time check: every IdKind has an entry. A missing one turns this line into a type error.
type MissingKinds = Exclude<IdKind, (typeof ID_SHAPES)[number]['kind']>
const everyKindHasAPattern: [MissingKinds] extends [never] ? true : MissingKinds = true
void everyKindHasAPattern

export const getIdPattern = (kind: IdKind): IdShape => {
  const pattern = ID_SHAPES.find((p) => p.kind === kind)
  if (pattern === undefined) throw new TypeError(`Expected an IdKind, got ${JSON.stringify(kind)}`)
  return pattern
}

/** The kinds without a prefix (UUIDs), in table order: an ID of one has the shape of all. */
export const UUID_KINDS: readonly IdKind[] = /* @__PURE__ */ ID_SHAPES.filter((p) => p.prefix === null).map((p) => p.kind)

/** The vendor an ID of this kind belongs to. */
export const vendorOfKind = (kind: IdKind): VendorName => getIdPattern(kind).provider

/** The one spelling of an ID of this kind: the vendor's, lower-cased where case carries no meaning. */
export const canonicalId = (id: string, kind: IdKind): string => (getIdPattern(kind).caseless ? id.toLowerCase() : id)

/** Persona accepts at most 100 comma-separated IDs in `filter[inquiry-id]` (docs/vendors/persona.md §2, changelog 2025-06-09). */
export const MAX_IDS_PER_LOOKUP = 100
