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
}

export type VendorIds = {
  name: string
  kinds: readonly KindIds[]
  /** The path each of its dashboards shows test-mode objects under (Stripe's `/test`), by host, when it has one. */
  dashboardTestPaths?: Readonly<Record<string, string>>
}

