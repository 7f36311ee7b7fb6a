import { z } from 'zod'

/** deepidv's 2xx session objects (https://docs.deepidv.com): strict about the fields a summary reads. */
const DeepidvRecord = z.looseObject({ id: z.string(), status: z.string(), created_at: z.string() })

export const bodies = {
  list: z.looseObject({ sessions: z.array(DeepidvRecord), next_token: z.string().nullable().optional() }),
  single: z.looseObject({ session_record: DeepidvRecord }),
}
