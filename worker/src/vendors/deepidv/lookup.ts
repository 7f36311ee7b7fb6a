import type { DeepidvSession } from '@idv-lens/shared/api'
import { canonicalId } from '@idv-lens/shared/ids'
import type { LookupId, LookupTools, Resolved } from '../../kit/lookup.ts'
import { summarizeDeepidv } from './summary.ts'

/** deepidv's IDs of a lookup batch: sessions have no batch endpoint, so each is retrieved on its own. */
export function lookupDeepidvIds(t: LookupTools, items: LookupId[], out: Resolved): Promise<void> {
  return t.oneByOne(items, out, async (item) =>
    summarizeDeepidv(await t.get<DeepidvSession>({ provider: 'deepidv', path: `sessions/${canonicalId(item.id, item.kind)}`, query: '' })),
  )
}
