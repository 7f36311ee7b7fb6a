import type { SumsubApplicant } from '@idv-lens/shared/api'
import type { LookupTools } from '../../kit/lookup.ts'
import { sumsubApplicantAllowed } from './allowlist.ts'
import { applicantCall } from './ids.ts'
import type { SumsubApplicant as RawApplicant } from './types.ts'

/** One applicant by ID or external user ID, as its allowlist lets it out: the only read the lookup and history make. */
export async function readSumsubApplicant(t: LookupTools, by: { id: string } | { externalUserId: string }): Promise<SumsubApplicant> {
  return sumsubApplicantAllowed(await t.get<RawApplicant>(applicantCall(by))) as SumsubApplicant
}
