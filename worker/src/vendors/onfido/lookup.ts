import type { LookupId, LookupTools, Resolved } from '../../kit/lookup.ts'
import { relayedRunCall } from './relayed.ts'
import { summarizeOnfidoRun } from './summary.ts'
import type { OnfidoWorkflowRun } from './types.ts'

/** Onfido's IDs of a lookup batch: a run is retrieved on its own (its list filters by applicant, not by ID). */
export function lookupOnfidoIds(t: LookupTools, items: LookupId[], out: Resolved): Promise<void> {
  return t.oneByOne(items, out, async (item) => summarizeOnfidoRun(await t.get<OnfidoWorkflowRun>(relayedRunCall(item.id))))
}
