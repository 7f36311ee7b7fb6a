import { z } from 'zod'

/** Sumsub's part of the relay's published contract (GET /openapi.json): its applicant as the allowlist leaves it, its new link, its lookup details. */
export const SumsubApplicantSchema = z
  .looseObject({
    id: z.string(),
    createdAt: z.string().optional(),
    externalUserId: z.string().optional(),
    levelName: z.string().optional(),
    review: z
      .object({
        reviewStatus: z.string().optional(),
        reviewResult: z
          .object({
            reviewAnswer: z.string().optional(),
            reviewRejectType: z.string().optional(),
            rejectLabels: z.array(z.string()).optional(),
            moderationComment: z.string().optional(),
          })
          .optional(),
      })
      .optional(),
  })
  .meta({
    id: 'SumsubApplicant',
    description: "An applicant as the relay allows it: IDs, level and the review; never the person's data or clientComment.",
  })

export const SumsubNewLinkSchema = z
  .object({
    applicant: SumsubApplicantSchema,
    link: z.object({
      url: z.string().meta({ description: "The customer's WebSDK link: shown to the agent once, kept nowhere by the relay." }),
      ttlInSecs: z.number().int(),
    }),
  })
  .meta({ id: 'SumsubNewLink', description: 'The applicant (allowed) and its new link, in this answer only.' })

const nullableString = z.string().nullable()

/** `GET /v1/lookup`'s `details` for a Sumsub applicant (shared/src/vendors/sumsub/api.ts types it). */
const lookupDetails = [
  z.object({
    kind: z.literal('sumsub-applicant'),
    referenceId: nullableString,
    levelName: nullableString,
    reviewStatus: nullableString,
    rejectType: nullableString,
    moderationComment: nullableString,
  }),
] as const

/** What the registry's VENDOR_CONTRACTS holds for Sumsub. */
export const sumsubContract = { lookupDetails, nested: {} }
