import type { McpServer } from '@modelcontextprotocol/server'
import type { HistoryResponse } from '@idv-lens/shared/api'
import { z } from 'zod'
import { HistoryResponseSchema } from '../../contract/schemas.ts'
import { asserted, quoted, toolResult } from '../tool-kit.ts'
import { refused, runTool, type ToolScope } from '../tool-run.ts'
import { convertedOnce } from '../tool-schema.ts'

const input = convertedOnce(z.object({
  reference_id: z.string().min(1).max(255).describe("The customer's reference ID (the helpdesk's or the product's own ID for the customer)."),
  ...asserted,
}))
const output = convertedOnce(HistoryResponseSchema)

export function registerHistory(server: McpServer, scope: ToolScope): void {
  server.registerTool(
    'history',
    {
      title: "A customer's attempts",
      description:
        "Lists one customer's verification attempts across vendors, newest first, each as the lookup summary. " +
        'Read-only: it changes nothing, and returns no names, dates of birth, document numbers, files or raw vendor records.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ reference_id, ...claims }) =>
      runTool(scope, 'history', claims, async (read) => {
        const response = await read(`/v1/history?reference-id=${encodeURIComponent(reference_id)}`)
        if (!response.ok) return refused(response, [])
        const body = (await response.json()) as HistoryResponse
        const lines = body.data.map((entry) => `${entry.id} (${entry.provider}): ${quoted(entry.status)}, created ${entry.createdAt ?? 'unknown'}`)
        const summary = `${body.data.length} attempt(s)${body.complete ? '' : ' (not complete)'}${lines.length ? `:\n${lines.join('\n')}` : '.'}`
        return { result: toolResult(body, summary), ids: body.data.map((entry) => entry.id), status: 200 }
      }),
  )
}
