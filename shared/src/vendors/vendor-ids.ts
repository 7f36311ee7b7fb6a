/**
 * What a vendor's folder says of its IDs (vendors/<name>/ids.ts): the part every page's content script
 * bundles, so keep it lean. ids/patterns.ts and ids/dashboard.ts derive their tables from these.
 */
export type KindIds = {
  kind: string
  /** The literal every ID of this kind starts with, or null when there is none (UUIDs). */
  prefix: string | null
  /** Anchored, no flags, no capture groups: `scanIds` builds its scanner from these. */
  exact: RegExp
  /** True when letter case carries no meaning (hex UUIDs). */
  caseless: boolean
  /** The kind's page in the vendor's dashboard, host and path, before the ID. */
  dashboard: `${string}/`
  /** The path its dashboard shows test-mode objects under, before the page's (Stripe's `/test`), when it has one. */
  testPath?: string
}

export type VendorIds = {
  name: string
  kinds: readonly KindIds[]
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/**
 * A kind whose IDs are bare UUIDs: no prefix, any hex case, version and variant digits unchecked. Every
 * UUID vendor's IDs have this one shape, so scanIds reports UUIDs only when asked to, and the relay
 * asks each UUID vendor whose one is.
 */
export const uuidKind = <K extends string>(kind: K, dashboard: `${string}/`) =>
  ({ kind, prefix: null, exact: UUID, caseless: true, dashboard }) as const
