import { z } from 'zod'

/** deepidv's bodies as the relay publishes them in GET /openapi.json (contract/schemas.ts lists them). */

export const DeepidvSessionRecord = z
  .looseObject({ id: z.string(), status: z.string(), created_at: z.string() })
  .meta({ id: 'DeepidvSessionRecord', description: "deepidv's session record, snake_case, as deepidv sends it." })

export const DeepidvSessionListSchema = z
  .looseObject({ sessions: z.array(DeepidvSessionRecord), next_token: z.string().nullable() })
  .meta({ id: 'DeepidvSessionList' })

export const DeepidvSessionSchema = z
  .looseObject({ session_record: DeepidvSessionRecord, user: z.looseObject({ id: z.string() }).optional(), sender_user: z.looseObject({ id: z.string() }).optional() })
  .meta({ id: 'DeepidvSession', description: 'Without `resource_links`: presigned document URLs never leave the relay.' })
