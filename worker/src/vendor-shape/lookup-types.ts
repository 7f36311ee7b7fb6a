import type { LookupEntry, VendorName } from '@idv-lens/shared/api'
import type { IdKind } from '@idv-lens/shared/ids'

/**
 * What lookup/resolve.ts hands each vendor's lookup (vendors/<name>/lookup.ts, through kit/lookup.ts).
 * Types only, so a vendor folder depends on no module that depends back on the vendor registry.
 */
export type LookupId = { id: string; kind: IdKind }

/**
 * Entries by ID. `partial` names summaries a failure or a refusal left without part of their data
 * (never cached); `deferred` those the batch's bound on extra calls left without their reason or case
 * (the same for every agent: cached briefly, so the next batch reads the next ones).
 */
export type Resolved = Map<string, LookupEntry> & { partial?: Set<string>; deferred?: Set<string> }

/**
 * How the relay's own route reads the same request (relay.ts): its cache shape, its route and the
 * transform its body is kept in. A call that names it is read through that route's cache entry.
 */
export type RelayedAs = {
  route: string
  shape: 'list' | 'object'
  transform?: (body: never, route: string, headers: Readonly<Record<string, string>>) => unknown
}

/**
 * One GET to the vendor (upstream/call-upstream.ts's UpstreamCall). `relayed`: a record a detail reads
 * too, read through the relay's cache entry of the same canonical request, so both cost one call.
 */
export type LookupCall = { provider: VendorName; path: string; query: string; headers?: Record<string, string>; relayed?: RelayedAs }

export type LookupTools = {
  /** The vendor's answer; identical concurrent calls share one (per isolate in upstream/gate-client.ts, across all in the gate). */
  get<T>(call: LookupCall): Promise<T>
  /** The entry of an ID whose call failed. */
  fail(item: LookupId, error: unknown): LookupEntry
  /** The entry of an ID the vendor does not know; `label` names the object ("Inquiry"). */
  notFound(item: LookupId, label: string): LookupEntry
  /** Retrieves IDs one by one into `out`, a few at a time, stopping when the batch runs out of time. */
  oneByOne(items: LookupId[], out: Resolved, fetchOne: (item: LookupId) => Promise<LookupEntry>): Promise<void>
  /** Set when the batch ran out of time: start no further vendor calls. */
  signal?: AbortSignal
}

/** A vendor's part of a lookup batch: fills `out` for every one of `items` (all of this vendor's kinds). */
export type VendorLookup = (tools: LookupTools, items: LookupId[], out: Resolved) => Promise<void>
