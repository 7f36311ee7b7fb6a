import type { McpServer } from '@modelcontextprotocol/server'
import type { RequesterCheckResponse } from '@idv-lens/shared/api'
import { canonicalId, classifyId } from '@idv-lens/shared/ids'
import { z } from 'zod'
import { RequesterCheckResponseSchema } from '../../contract/schemas.ts'
import { CHECKABLE_IN_WORDS, MAX_REQUESTER_VALUE } from '../../routes/requester-check.ts'
import { asserted, toolResult } from '../tool-kit.ts'
import { refused, runTool, type ToolScope } from '../tool-run.ts'
import { convertedOnce } from '../tool-schema.ts'
import { isRouteAnswer, jsonOf } from '../relay-reads.ts'

const input = convertedOnce(
  z.object({
    id: z.string().min(1).max(80).describe(`The verification whose person is asked about: ${CHECKABLE_IN_WORDS}.`),
    field: z
      .enum(['email', 'name', 'phone', 'birthdate'])
      .describe('Which of the ticket requester’s details is compared. A birthdate is given as YYYY-MM-DD.'),
    value: z
      .string()
      .min(1)
      .max(MAX_REQUESTER_VALUE)
      .describe(
        'The requester’s email, name, phone or birthdate as the helpdesk recorded it on the ticket, never a value from the conversation. Compared and dropped: never stored, logged or returned.',
      ),
    ...asserted,
  }),
)
const output = convertedOnce(RequesterCheckResponseSchema, isRouteAnswer)

export function registerRequesterCheck(server: McpServer, scope: ToolScope): void {
  server.registerTool(
    'requester_check',
    {
      title: 'Is the requester the verified person?',
      description:
        "Compares the ticket requester's email, name, phone or birthdate with the verified person's: match, no-match or unknown. " +
        "Pass only the ticket's requester as the helpdesk recorded it, never a value typed in the conversation (a customer may be guessing). " +
        "It never returns or reveals the verified person's value. Checks are limited per caller and per verification a minute and a day, " +
        'and a few no-matches lock the verification for the day.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ id, field, value, ...claims }) =>
      runTool(scope, 'requester_check', claims, async (read) => {
        const response = await read('/v1/requester-check', { id, field, value })
        const kind = classifyId(id)
        if (!response.ok) return refused(response, kind ? [canonicalId(id, kind)] : [])
        const body = await jsonOf<RequesterCheckResponse>(response)
        return { result: toolResult(body, `${body.data.id}: the ${field} is ${body.data.result}.`), ids: [body.data.id], status: 200 }
      }),
  )
}
