import type { McpServer } from '@modelcontextprotocol/server'
import type { LookupEntry, LookupResponse } from '@idv-lens/shared/api'
import { MAX_IDS_PER_LOOKUP } from '@idv-lens/shared/ids'
import { z } from 'zod'
import { LookupResponseSchema } from '../../contract/schemas.ts'
import { ANY_ID_IN_WORDS, asserted, unansweredLookup, quoted, toolResult } from '../tool-kit.ts'
import { refused, runTool, type ToolScope } from '../tool-run.ts'
import { convertedOnce } from '../tool-schema.ts'
import { isRouteAnswer, jsonOf } from '../relay-reads.ts'

const input = convertedOnce(
  z.object({
    ids: z
      .array(z.string().min(1).max(80))
      .min(1)
      .max(MAX_IDS_PER_LOOKUP)
      .describe(`1 to ${MAX_IDS_PER_LOOKUP} verification IDs of any vendor (${ANY_ID_IN_WORDS}).`),
    ...asserted,
  }),
)
const output = convertedOnce(LookupResponseSchema, isRouteAnswer)

const line = (entry: LookupEntry): string =>
  entry.found
    ? `${entry.id}: ${quoted(entry.status)}${entry.reason ? `, failed check ${quoted(entry.reason.check)}` : ''}${entry.case ? `, case ${quoted(entry.case.status)}` : ''}`
    : `${entry.id}: ${entry.error.code}`

export function registerLookup(server: McpServer, scope: ToolScope): void {
  server.registerTool(
    'lookup',
    {
      title: 'Look up verifications',
      description:
        'Summarises each verification ID: status, the failed check and its reason codes, created and changed times, review case state; "not-found" for an unknown ID. ' +
        'Read-only: it changes nothing at the vendor, and returns no names, dates of birth, document numbers, files or raw vendor records.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ ids, ...claims }) =>
      runTool(scope, 'lookup', claims, async (read) => {
        const response = await read(`/v1/lookup?ids=${encodeURIComponent(ids.join(','))}`)
        if (!response.ok) return refused(response, [])
        const body = await jsonOf<LookupResponse>(response)
        const found = body.data.map((entry) => entry.id)
        const refusal = unansweredLookup(body.data)
        if (refusal) return { result: refusal.result, ids: found, status: refusal.status, problem: { code: refusal.code } }
        return { result: toolResult(body, body.data.map(line).join('\n')), ids: found, status: 200 }
      }),
  )
}
