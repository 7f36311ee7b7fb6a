import type { McpServer } from '@modelcontextprotocol/server'
import type { LookupResponse } from '@idv-lens/shared/api'
import { classifyId } from '@idv-lens/shared/ids'
import { z } from 'zod'
import type { PagedList, PagedListBody, VendorTable } from '../../vendor-shape/vendor.ts'
import { LookupResponseSchema } from '../../contract/schemas.ts'
import { asserted, unansweredLookup, toolResult } from '../tool-kit.ts'
import { refused, runTool, type ToolScope } from '../tool-run.ts'
import { convertedOnce } from '../tool-schema.ts'
import { jsonOf } from '../relay-reads.ts'

/** Every configured vendor's pageable lists, by name (each vendor declares its own: vendor-shape/vendor.ts). */
const listsOf = (vendors: VendorTable): Record<string, PagedList> =>
  Object.assign({}, ...Object.values(vendors).map((vendor) => vendor.pagedLists))

function inputFor(lists: Record<string, PagedList>) {
  const names = Object.keys(lists) as [string, ...string[]]
  const filters = Object.entries(lists)
    .map(([name, list]) => `${name}: ${list.filters.join(', ')}`)
    .join('; ')
  return convertedOnce(
    z.object({
      list: z.enum(names).describe('Which list of the relay to page.'),
      limit: z
        .number()
        .int()
        .min(1)
        .max(100)
        .default(20)
        .describe('How many records (1 to 100, default 20); a vendor that pages at its own size answers its whole page.'),
      cursor: z.string().min(1).max(2048).optional().describe('next_cursor of the previous page.'),
      filters: z
        .record(z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/), z.string().min(1).max(255))
        .optional()
        .describe(`The list route's own filters by name (${filters}).`),
      ...asserted,
    }),
  )
}

/** The lists and their input schema, made once per configuration (an isolate keeps its configuration: config/parse.ts). */
const listTool = new WeakMap<VendorTable, { lists: Record<string, PagedList>; input: ReturnType<typeof inputFor> }>()
function listToolFor(vendors: VendorTable) {
  let made = listTool.get(vendors)
  if (!made) {
    const lists = listsOf(vendors)
    listTool.set(vendors, (made = { lists, input: inputFor(lists) }))
  }
  return made
}

const output = convertedOnce(z.object({ list: z.string(), data: LookupResponseSchema.shape.data, next_cursor: z.string().nullable() }))

/** The IDs of a list page's records, in its order (the page itself is not answered: it is raw vendor data). */
const idsOf = (body: PagedListBody): string[] =>
  (body.data ?? body.sessions ?? []).flatMap((item) => (typeof item.id === 'string' && classifyId(item.id) ? [item.id] : []))

export function registerRecent(server: McpServer, scope: ToolScope): void {
  const { lists, input } = listToolFor(scope.c.get('config').vendors)
  server.registerTool(
    'recent',
    {
      title: 'Recent verifications',
      description:
        "Pages one of the relay's lists (newest first) and answers each record as its lookup summary, with next_cursor for the next page. " +
        'Read-only: it changes nothing, and returns no names, dates of birth, document numbers, files or raw vendor records.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ list, limit, cursor, filters, ...claims }) =>
      runTool(scope, 'recent', claims, async (read) => {
        const shape = lists[list]!
        const query = new URLSearchParams(shape.size ? { [shape.size]: String(limit) } : {})
        if (cursor) query.set(shape.cursor, cursor)
        for (const [key, value] of Object.entries(filters ?? {})) query.set(shape.filter(key), value)
        const page = await read(`${shape.path}?${query}`)
        if (!page.ok) return refused(page, [])
        const answer = await jsonOf<PagedListBody | { id?: unknown }[]>(page)
        const body: PagedListBody = Array.isArray(answer) ? { data: answer } : answer
        const ids = idsOf(body)
        const next_cursor = shape.next(body, page.headers)
        if (ids.length === 0) return { result: toolResult({ list, data: [], next_cursor }, 'No records.'), ids, status: 200 }
        const looked = await read(`/v1/lookup?ids=${encodeURIComponent(ids.join(','))}`)
        if (!looked.ok) return refused(looked, ids)
        const { data } = await jsonOf<LookupResponse>(looked)
        const refusal = unansweredLookup(data)
        if (refusal) return { result: refusal.result, ids, status: refusal.status, problem: { code: refusal.code } }
        const lines = data.map((entry) => `${entry.id}: ${entry.found ? JSON.stringify(entry.status) : entry.error.code}`)
        return {
          result: toolResult(
            { list, data, next_cursor },
            `${data.length} record(s)${next_cursor ? ', more with next_cursor' : ''}:\n${lines.join('\n')}`,
          ),
          ids,
          status: 200,
        }
      }),
  )
}
