import type { McpServer } from '@modelcontextprotocol/server'
import type { LookupResponse } from '@idv-lens/shared/api'
import { chooseReplyFor, composeReply, mayRetry, REPLY_LANGS } from '@idv-lens/shared/replies'
import { z } from 'zod'
import { failureWords, messageIn } from '../why-failed/locale-words.ts'
import { teamReplyTexts } from '../why-failed/team-replies.ts'
import { ANY_ID_IN_WORDS, asserted, unansweredLookup, problemResult, quoted, toolResult } from '../tool-kit.ts'
import { refused, runTool, type ToolScope } from '../tool-run.ts'
import { convertedOnce } from '../tool-schema.ts'
import { jsonOf } from '../relay-reads.ts'

const input = convertedOnce(
  z.object({
    id: z.string().min(1).max(80).describe(`One verification ID of any vendor (${ANY_ID_IN_WORDS}).`),
    language: z.enum(REPLY_LANGS).default('en').describe('The language of the check words and the customer reply (default en).'),
    ...asserted,
  }),
)

const output = convertedOnce(
  z.object({
    id: z.string(),
    status: z.string(),
    failed_checks: z.array(z.object({ check: z.string(), reasons: z.array(z.string()), words: z.string() })),
    failed_count: z.number().int(),
    customer_may_retry: z.boolean(),
    case: z.object({ status: z.string(), resolution: z.string().nullable() }).nullable(),
    customer_reply: z.string(),
  }),
)

export function registerWhyFailed(server: McpServer, scope: ToolScope): void {
  server.registerTool(
    'why_failed',
    {
      title: 'Why a verification failed, and what to tell the customer',
      description:
        'Explains one verification: each failed check in words, whether the customer may try again, the review case state, and ' +
        'customer_reply, the text a human agent\'s "Copy reply" gives (the team\'s texts where set). The reply holds no ID, check code, case or link. ' +
        'Read-only: it changes nothing, and returns no names, dates of birth, document numbers, files or raw vendor records.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ id, language, ...claims }) =>
      runTool(scope, 'why_failed', claims, async (read) => {
        const response = await read(`/v1/lookup?ids=${encodeURIComponent(id)}`)
        if (!response.ok) return refused(response, [])
        const { data } = await jsonOf<LookupResponse>(response)
        const refusal = unansweredLookup(data)
        if (refusal) return { result: refusal.result, ids: data.map((e) => e.id), status: refusal.status, problem: { code: refusal.code } }
        const entry = data[0]!
        if (!entry.found)
          return { result: problemResult(entry.error), ids: [entry.id], status: entry.error.status, problem: { code: entry.error.code } }
        const message = messageIn(language)
        const choice = chooseReplyFor(entry)
        const team = teamReplyTexts(scope.c.env?.REPLY_TEXTS)?.[language]
        const failed = entry.reason ? (entry.reason.failed.length ? entry.reason.failed : [entry.reason]) : []
        const structured = {
          id: entry.id,
          status: entry.status,
          failed_checks: failed.map((f) => ({ check: f.check, reasons: [...f.reasons], words: failureWords(f, message) })),
          failed_count: choice.failed,
          customer_may_retry: mayRetry(choice),
          case: entry.case ? { status: entry.case.status, resolution: entry.case.resolution } : null,
          customer_reply: composeReply(choice, { message, team }),
        }
        const checks = structured.failed_checks.map((f) => `- ${quoted(f.words)}`).join('\n')
        const summary =
          `${entry.id}: ${quoted(entry.status)}; ${structured.failed_count} failed check(s)${checks ? `:\n${checks}` : '.'}\n` +
          `The customer ${structured.customer_may_retry ? 'may' : 'should not'} try again. Reply to the customer:\n${structured.customer_reply}`
        const result = toolResult(structured, summary)
        // The reply is the relay's (or the team's) own text, never vendor data: it is not cut.
        result.structuredContent = { ...(result.structuredContent as Record<string, unknown>), customer_reply: structured.customer_reply }
        return { result, ids: [entry.id], status: 200 }
      }),
  )
}
