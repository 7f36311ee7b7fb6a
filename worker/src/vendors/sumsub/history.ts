import { ApiError } from '../../kit/errors.ts'
import type { VendorHistory } from '../../kit/vendor.ts'
import { isSumsubApplicantId, isSumsubExternalUserId } from './ids.ts'
import { readSumsubApplicant } from './read.ts'
import { summarizeSumsub } from './summary.ts'

/**
 * A reference's applicant: Sumsub keeps one applicant per external user ID (docs/vendors/sumsub.md §2),
 * read by `-;externalUserId=`, or by its own ID when the reference is one. None: an empty, complete part.
 */
export const sumsubHistory: VendorHistory = async (t, referenceId, max) => {
  const by = isSumsubApplicantId(referenceId)
    ? { id: referenceId }
    : isSumsubExternalUserId(referenceId)
      ? { externalUserId: referenceId }
      : null
  if (by === null || max < 1) return { found: [], complete: by === null }
  try {
    return { found: [summarizeSumsub(await readSumsubApplicant(t, by))], complete: true }
  } catch (err) {
    if (err instanceof ApiError && err.code === 'not-found') return { found: [], complete: true }
    throw err
  }
}
