import { isIdOfKind } from '@idv-lens/shared/ids'
import type { LookupCall } from '../../kit/lookup.ts'

/** Sumsub's applicant IDs: 24 hexadecimal characters (docs/vendors/sumsub.md §2), sent lower-cased. */
export const isSumsubApplicantId = (v: string): boolean => isIdOfKind(v, 'sumsub-applicant')

/** An external user ID is the team's own: printable, no path or matrix-parameter separators, bounded. */
export const isSumsubExternalUserId = (v: string): boolean => /^[A-Za-z0-9._@:+-]{1,128}$/.test(v)

/** The applicant's path by Sumsub ID or by the team's user ID (docs/vendors/sumsub.md §2); null for bad input (no call). */
export function sumsubApplicantPath(by: { id: string } | { externalUserId: string }): string | null {
  if ('id' in by) return isSumsubApplicantId(by.id) ? `/resources/applicants/${by.id.toLowerCase()}/one` : null
  return isSumsubExternalUserId(by.externalUserId)
    ? `/resources/applicants/-;externalUserId=${encodeURIComponent(by.externalUserId)}/one`
    : null
}

/** The gate's call for an applicant whose path is good (the base holds no path: Sumsub signs from its root). */
export function applicantCall(by: { id: string } | { externalUserId: string }): LookupCall {
  const path = sumsubApplicantPath(by)
  if (path === null) throw new TypeError('not a Sumsub applicant ID or external user ID')
  return { provider: 'sumsub', path: path.slice(1), query: '' }
}
