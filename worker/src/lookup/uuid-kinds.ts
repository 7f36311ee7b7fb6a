import type { LookupEntry } from '@idv-lens/shared/api'
import { UUID_KINDS, vendorOfKind, type IdKind } from '@idv-lens/shared/ids'
import type { RelayConfig } from '../config/relay-config.ts'
import { providerMisconfigured } from '../config/refusals.ts'
import type { LookupId } from '../vendor-shape/lookup-types.ts'

/*
 * A UUID has the shape of every UUID kind (shared/src/ids/patterns.ts), so a lookup asks each vendor
 * whose IDs are UUIDs and that this relay may call, within that vendor's budget, and takes the answer
 * of the one that knows it.
 */

/** The UUID kinds whose vendor has a key and a sound configuration here, in table order. */
export function askedUuidKinds(config: RelayConfig): IdKind[] {
  return UUID_KINDS.filter((kind) => {
    const vendor = vendorOfKind(kind)
    return config.upstream[vendor].apiKey !== null && config.upstream[vendor].apiKey !== '' && !providerMisconfigured(config, vendor)
  })
}

/** The items as each vendor is asked: a UUID once per asked kind when several are, else as its one asked kind. */
export function uuidCandidates(items: LookupId[], asked: IdKind[]): { plain: LookupId[]; shared: LookupId[] } {
  const isUuid = (item: LookupId) => UUID_KINDS.includes(item.kind)
  const plain = items
    .filter((item) => !isUuid(item) || asked.length < 2)
    .map((item) => (isUuid(item) && asked[0] ? { ...item, kind: asked[0] } : item))
  return { plain, shared: asked.length < 2 ? [] : items.filter(isUuid) }
}

/**
 * One UUID's entry from every asked vendor's: the first that found it; else a failure (a refusal, a
 * timeout: the ID may be that vendor's, so the answer is no `not-found` and is not kept); else the first `not-found`.
 */
export function settleUuid(entries: LookupEntry[]): LookupEntry | undefined {
  return entries.find((e) => e.found) ?? entries.find((e) => !e.found && e.error.code !== 'not-found') ?? entries[0]
}
