import { z } from 'zod'

/**
 * Stripe's part of the relay's published contract (GET /openapi.json): its bodies as the allowlist
 * leaves them (docs/vendors/allowlist.md), and the details `GET /v1/lookup` answers for its ID kinds.
 */

const lastError = z.object({ code: z.string().nullable(), reason: z.string().nullable() }).nullable()

export const StripeVerificationSessionSchema = z
  .looseObject({
    id: z.string(),
    object: z.literal('identity.verification_session'),
    created: z.number(),
    status: z.string(),
    last_error: lastError.optional(),
  })
  .meta({
    id: 'StripeVerificationSession',
    description: 'A verification session as the relay allows it: no client_secret, url, verified_outputs, provided_details or metadata.',
  })

export const StripeVerificationReportSchema = z
  .looseObject({ id: z.string(), object: z.literal('identity.verification_report'), created: z.number() })
  .meta({
    id: 'StripeVerificationReport',
    description:
      "A verification report as the relay allows it: each check's status and error, never what the document, selfie or ID number said.",
  })

export const StripeSessionListSchema = z
  .looseObject({
    object: z.literal('list'),
    url: z.string().meta({ description: "This relay's route (Stripe's `url` rewritten)." }),
    has_more: z.boolean(),
    data: z.array(StripeVerificationSessionSchema),
  })
  .meta({ id: 'StripeVerificationSessionList' })

const nullableString = z.string().nullable()

/** `GET /v1/lookup`'s `details` for Stripe's ID kinds (shared/src/api/lookup.ts types them). */
const lookupDetails = [
  z.object({
    kind: z.literal('stripe-verification-session'),
    clientReferenceId: nullableString,
    verificationType: nullableString,
    lastReportId: nullableString,
    livemode: z.boolean().nullable(),
    redactionStatus: nullableString,
    lastErrorReason: nullableString,
  }),
  z.object({
    kind: z.literal('stripe-verification-report'),
    clientReferenceId: nullableString,
    verificationType: nullableString,
    sessionId: nullableString,
    livemode: z.boolean().nullable(),
  }),
] as const

/** What the registry's VENDOR_CONTRACTS holds for Stripe. */
export const stripeContract = { lookupDetails, nested: {} }
