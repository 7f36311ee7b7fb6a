import type { McpServer } from '@modelcontextprotocol/server'
import type { LookupResponse } from '@idv-lens/shared/api'
import { classifyId } from '@idv-lens/shared/ids'
import { z } from 'zod'
import { LookupResponseSchema } from '../../contract/schemas.ts'
import { asserted, budgetRefusalOf, toolResult } from '../tool-kit.ts'
import { refused, runTool, type ToolScope } from '../tool-run.ts'

type ListBody = { data?: { id?: unknown }[]; sessions?: { id?: unknown }[]; links?: { next?: string | null }; next_token?: string | null; has_more?: boolean }

/** Each list the tool pages: its /v1 route, how that route names page size, cursor and filters, and where the next page starts. */
const LISTS = {
  'persona-inquiries': { path: '/v1/persona/inquiries', size: 'page[size]', cursor: 'page[after]', filter: (k: string) => `filter[${k}]`, next: personaNext },
  'persona-events': { path: '/v1/persona/events', size: 'page[size]', cursor: 'page[after]', filter: (k: string) => `filter[${k}]`, next: personaNext },
  'deepidv-sessions': { path: '/v1/deepidv/sessions', size: 'limit', cursor: 'next_token', filter: (k: string) => k, next: (b: ListBody) => b.next_token ?? null },
  'stripe-sessions': { path: '/v1/stripe/identity/verification_sessions', size: 'limit', cursor: 'starting_after', filter: (k: string) => k, next: stripeNext },
} as const
type ListName = keyof typeof LISTS

function personaNext(body: ListBody): string | null {
  const next = body.links?.next
  return next ? new URL(next, 'https://persona.invalid').searchParams.get('page[after]') : null
}

function stripeNext(body: ListBody): string | null {
  const last = body.data?.at(-1)?.id
  return body.has_more && typeof last === 'string' ? last : null
}

const input = z.object({
  list: z.enum(Object.keys(LISTS) as [ListName, ...ListName[]]).describe('Which list of the relay to page.'),
  limit: z.number().int().min(1).max(100).default(20).describe('How many records (1 to 100, default 20).'),
  cursor: z.string().min(1).max(2048).optional().describe('next_cursor of the previous page.'),
  filters: z.record(z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/), z.string().min(1).max(255)).optional()
    .describe('The list route\'s own filters by name (Persona: status, reference-id, created-at-start…; Stripe: status; deepidv: status).'),
  ...asserted,
})

const output = z.object({ list: z.string(), data: LookupResponseSchema.shape.data, next_cursor: z.string().nullable() })

/** The IDs of a list page's records, in its order (the page itself is not answered: it is raw vendor data). */
const idsOf = (body: ListBody): string[] =>
  (body.data ?? body.sessions ?? []).flatMap((item) => (typeof item.id === 'string' && classifyId(item.id) ? [item.id] : []))

export function registerRecent(server: McpServer, scope: ToolScope): void {
  server.registerTool(
    'recent',
    {
      title: 'Recent verifications',
      description:
        'Pages one of the relay\'s lists (newest first) and answers each record as its lookup summary, with next_cursor for the next page. ' +
        'Read-only: it changes nothing, and returns no names, dates of birth, document numbers, files or raw vendor records.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ list, limit, cursor, filters, ...claims }) =>
      runTool(scope, 'recent', claims, async (read) => {
        const shape = LISTS[list]
        const query = new URLSearchParams({ [shape.size]: String(limit) })
        if (cursor) query.set(shape.cursor, cursor)
        for (const [key, value] of Object.entries(filters ?? {})) query.set(shape.filter(key), value)
        const page = await read(`${shape.path}?${query}`)
        if (!page.ok) return refused(page, [])
        const body = (await page.json()) as ListBody
        const ids = idsOf(body)
        const next_cursor = shape.next(body)
        if (ids.length === 0) return { result: toolResult({ list, data: [], next_cursor }, 'No records.'), ids, status: 200 }
        const looked = await read(`/v1/lookup?ids=${encodeURIComponent(ids.join(','))}`)
        if (!looked.ok) return refused(looked, ids)
        const { data } = (await looked.json()) as LookupResponse
        const refusal = budgetRefusalOf(data)
        if (refusal) return { result: refusal, ids, status: 429, problem: { code: 'budget-exhausted' } }
        const lines = data.map((entry) => `${entry.id}: ${entry.found ? JSON.stringify(entry.status) : entry.error.code}`)
        return { result: toolResult({ list, data, next_cursor }, `${data.length} record(s)${next_cursor ? ', more with next_cursor' : ''}:\n${lines.join('\n')}`), ids, status: 200 }
      }),
  )
}
