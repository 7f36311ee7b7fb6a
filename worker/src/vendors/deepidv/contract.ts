import { z } from 'zod'

/**
 * deepidv's part of the relay's published contract (GET /openapi.json): its bodies, and the details
 * `GET /v1/lookup` answers for its ID kind (contract/schemas.ts combines every vendor's, through the
 * registry's VENDOR_CONTRACTS).
 */

export const DeepidvSessionRecord = z
  .looseObject({ id: z.string(), status: z.string(), created_at: z.string() })
  .meta({ id: 'DeepidvSessionRecord', description: "deepidv's session record, snake_case, as deepidv sends it." })

export const DeepidvSessionListSchema = z
  .looseObject({ sessions: z.array(DeepidvSessionRecord), next_token: z.string().nullable() })
  .meta({ id: 'DeepidvSessionList' })

export const DeepidvSessionSchema = z
  .looseObject({
    session_record: DeepidvSessionRecord,
    user: z.looseObject({ id: z.string() }).optional(),
    sender_user: z.looseObject({ id: z.string() }).optional(),
  })
  .meta({
    id: 'DeepidvSession',
    description: 'The session record as the relay allows it (docs/vendors/allowlist.md): no `user`, `sender_user` or `resource_links`.',
  })

const nullableString = z.string().nullable()

/** `GET /v1/lookup`'s `details` for a deepidv session (shared/src/api/lookup.ts types it). */
const lookupDetails = [
  z.object({
    kind: z.literal('deepidv-session'),
    externalId: nullableString,
    sessionProgress: nullableString,
    sessionType: nullableString,
    workflowSteps: z.array(z.string()),
    country: nullableString,
  }),
] as const

/** What the registry's VENDOR_CONTRACTS holds for deepidv: its lookup details, and the bodies other schemas nest. */
export const deepidvContract = { lookupDetails, nested: { DeepidvSessionRecord } }
