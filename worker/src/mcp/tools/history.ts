import type { McpServer } from '@modelcontextprotocol/server'
import type { HistoryResponse, HistoryVendor } from '@idv-lens/shared/api'
import { z } from 'zod'
import { HistoryResponseSchema } from '../../contract/schemas.ts'
import { asserted, quoted, toolResult } from '../tool-kit.ts'
import { refused, runTool, type ToolScope } from '../tool-run.ts'
import { convertedOnce } from '../tool-schema.ts'
import { isRouteAnswer, jsonOf } from '../relay-reads.ts'

const input = convertedOnce(
  z.object({
    reference_id: z
      .string()
      .min(1)
      .max(255)
      .optional()
      .describe("The customer's reference ID (the helpdesk's or the product's own ID for the customer). Give this or email."),
    email: z
      .string()
      .min(3)
      .max(254)
      .optional()
      .describe(
        "The customer's email address. Give this or reference_id; vendors whose API cannot list by email are named as not searched.",
      ),
    ...asserted,
  }),
)
const output = convertedOnce(HistoryResponseSchema, isRouteAnswer)

/** Why a vendor was not searched, in words the model reads (routes/history.ts names the codes). */
const NOT_SEARCHED: Record<string, string> = { 'no-email-filter': "its API cannot list records by the person's email" }

/** One line per vendor: what it answered, or why it has nothing in the answer. */
function vendorLine(line: HistoryVendor): string {
  if (line.outcome === 'not-searched') return `${line.provider}: not searched: ${NOT_SEARCHED[line.why ?? ''] ?? line.why}`
  if (line.outcome === 'failed') return `${line.provider}: failed (${line.why})`
  return `${line.provider}: ${line.found} attempt(s)${line.complete ? '' : ', more may exist'}`
}

function summaryOf(body: HistoryResponse): string {
  const lines = body.data.map(
    (entry) => `${entry.id} (${entry.provider}): ${quoted(entry.status)}, created ${entry.createdAt ?? 'unknown'}`,
  )
  const head = `${body.data.length} attempt(s)${body.complete ? '' : ' (not complete)'}${lines.length ? `:\n${lines.join('\n')}` : '.'}`
  return `${head}\nBy vendor:\n${body.vendors.map(vendorLine).join('\n')}`
}

export function registerHistory(server: McpServer, scope: ToolScope): void {
  server.registerTool(
    'history',
    {
      title: "A customer's attempts",
      description:
        "Lists one customer's verification attempts across vendors, newest first, each as the lookup summary, with one status line per vendor. " +
        'Read-only: it changes nothing, and returns no names, dates of birth, document numbers, files or raw vendor records.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ reference_id, email, ...claims }) =>
      runTool(scope, 'history', claims, async (read) => {
        // Both or neither: the route refuses it (400), and the model reads why.
        const query = [
          reference_id !== undefined ? `reference-id=${encodeURIComponent(reference_id)}` : '',
          email !== undefined ? `email=${encodeURIComponent(email)}` : '',
        ]
        const response = await read(`/v1/history?${query.filter(Boolean).join('&')}`)
        if (!response.ok) return refused(response, [])
        const body = await jsonOf<HistoryResponse>(response)
        return { result: toolResult(body, summaryOf(body)), ids: body.data.map((entry) => entry.id), status: 200 }
      }),
  )
}
