import { z } from 'zod'

/** An applicant as the relay reads it: its ID and, where present, a review object (docs/vendors/sumsub.md §2). */
const Applicant = z.looseObject({ id: z.string(), review: z.looseObject({ reviewStatus: z.string().optional() }).optional() })
/** `websdkLink`'s answer: `{url}` (§4). */
const Link = z.looseObject({ url: z.string() })

/** Sumsub has no list the relay reads (§5): every read is one applicant, every write a link. */
export const bodies = {
  list: z.never(),
  single: z.union([Applicant, Link]),
}
