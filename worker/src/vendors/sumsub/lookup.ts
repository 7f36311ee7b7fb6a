import type { LookupId, LookupTools, Resolved } from '../../kit/lookup.ts'
import { readSumsubApplicant } from './read.ts'
import { summarizeSumsub } from './summary.ts'

/** Sumsub's IDs of a lookup batch: each applicant is read on its own (Sumsub lists none, §5). */
export function lookupSumsubIds(t: LookupTools, items: LookupId[], out: Resolved): Promise<void> {
  return t.oneByOne(items, out, async (item) => summarizeSumsub(await readSumsubApplicant(t, { id: item.id })))
}
