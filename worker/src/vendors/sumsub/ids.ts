/** Sumsub's applicant IDs: 24 hexadecimal characters (docs/vendors/sumsub.md §2), sent lower-cased. */
export const isSumsubApplicantId = (v: string): boolean => /^[0-9a-fA-F]{24}$/.test(v)

/** An external user ID is the team's own: printable, no path or matrix-parameter separators, bounded. */
export const isSumsubExternalUserId = (v: string): boolean => /^[A-Za-z0-9._@:+-]{1,128}$/.test(v)

/** The applicant's path by Sumsub ID or by the team's user ID (docs/vendors/sumsub.md §2); null for bad input (no call). */
export function sumsubApplicantPath(by: { id: string } | { externalUserId: string }): string | null {
  if ('id' in by) return isSumsubApplicantId(by.id) ? `/resources/applicants/${by.id.toLowerCase()}/one` : null
  return isSumsubExternalUserId(by.externalUserId)
    ? `/resources/applicants/-;externalUserId=${encodeURIComponent(by.externalUserId)}/one`
    : null
}
