import type { LookupTools } from '../../kit/lookup.ts'
import type { RequesterValues, VendorRequester } from '../../kit/vendor.ts'
import { applicantCall } from './ids.ts'

const textOf = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null)
const recordOf = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {}

/**
 * The applicant's own person (docs/vendors/sumsub.md §2): `email` and `phone` on it, the name and birth
 * date in `fixedInfo` (what the team set) or else `info` (what the documents said). Read for the match
 * only, then dropped: never cached, answered or logged.
 */
export const sumsubRequester: VendorRequester = {
  kinds: ['sumsub-applicant'],
  async read(t: LookupTools, item): Promise<RequesterValues> {
    const applicant = await t.get<Record<string, unknown>>(applicantCall({ id: item.id }))
    const fixed = recordOf(applicant['fixedInfo'])
    const info = recordOf(applicant['info'])
    const field = (name: string) => textOf(fixed[name]) ?? textOf(info[name])
    return {
      email: textOf(applicant['email']),
      name: { first: field('firstName'), middle: field('middleName'), last: field('lastName') },
      phone: textOf(applicant['phone']),
      birthdate: field('dob'),
    }
  },
}
