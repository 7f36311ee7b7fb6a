import type { Context } from 'hono'
import type { CallToolResult } from '@modelcontextprotocol/server'
import { classifyId, vendorOfKind } from '@idv-lens/shared/ids'
import { assertedText, outcomeOf } from '../audit/entry.ts'
import { auditWriterFor } from '../audit/store.ts'
import { formatCacheStatus, tally, type CacheOutcome } from '../cache-status.ts'
import type { AppEnv } from '../env.ts'
import { auditWriterOptions } from '../middleware/audit-log.ts'
import { waitUntilOf } from '../wait-until.ts'
import type { McpPrincipal } from './principal.ts'
import { relayRead } from './relay-reads.ts'
import { problemOf, problemResult, type Asserted } from './tool-kit.ts'

/** What a tool's body gets: one /v1 request, answered as the route answers it. */
export type ToolRead = (path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>

/**
 * What a tool's body returns: its result, the verification IDs it concerned, the route's status;
 * `vendorCalls`: writes that reached the vendor (reads are counted from the cache's outcomes);
 * `vendor`: the vendor acted on, where the IDs do not say (a case ID).
 */
export type ToolOutcome = {
  result: CallToolResult
  ids: string[]
  status: number
  problem?: { code: string; provider?: string }
  vendorCalls?: number
  vendor?: string
}

export type ToolScope = { c: Context<AppEnv>; principal: McpPrincipal }

/**
 * Runs one tools/call: the body's /v1 reads, then exactly one audit row (route `mcp/<tool>`, the
 * principal, the IDs, the status, the vendor calls spent, and what the client asserted). A /v1
 * refusal becomes an `isError` result the model reads.
 */
export async function runTool(
  scope: ToolScope,
  tool: string,
  asserted: Asserted,
  body: (read: ToolRead) => Promise<ToolOutcome>,
): Promise<CallToolResult> {
  const startedAt = Date.now()
  const outcomes: CacheOutcome[] = []
  const read: ToolRead = (path, json, headers) =>
    relayRead({ from: scope.c, principal: scope.principal, onCache: (o) => outcomes.push(o) }, path, json, headers)
  let done: ToolOutcome = {
    result: problemResult({ code: 'internal', status: 500, detail: 'Unexpected error in the relay' }),
    ids: [],
    status: 500,
    problem: { code: 'internal' },
  }
  try {
    done = await body(read)
    return done.result
  } finally {
    recordCall(scope, { tool, asserted, startedAt, outcomes, done })
  }
}

/** A /v1 answer that is not 200, as the tool's outcome. */
export async function refused(response: Response, ids: string[]): Promise<ToolOutcome> {
  const problem = await problemOf(response)
  return {
    result: problemResult(problem),
    ids,
    status: response.status,
    problem: { code: problem.code, ...(problem.provider ? { provider: problem.provider } : {}) },
  }
}

type Call = { tool: string; asserted: Asserted; startedAt: number; outcomes: CacheOutcome[]; done: ToolOutcome }

/** The vendors of the IDs, as the audit's vendor column holds several (`a,b`). */
function vendorsOf(ids: string[]): string | null {
  const vendors = new Set(
    ids.flatMap((id) => {
      const kind = classifyId(id)
      return kind ? [vendorOfKind(kind)] : []
    }),
  )
  return vendors.size ? [...vendors].sort().join(',') : null
}

function recordCall({ c, principal }: ToolScope, call: Call): void {
  const db = c.env?.AUDIT_DB
  const config = c.get('config')
  if (!db || !config.audit.enabled) return
  const { done, outcomes } = call
  const cache = outcomes.at(-1)
  const vendorCalls = outcomes.reduce((sum, o) => sum + tally(o).misses, done.vendorCalls ?? 0)
  try {
    auditWriterFor(db, auditWriterOptions(c.env)).record(
      {
        at: call.startedAt,
        // Its own id: a 2025 client may batch several calls in one POST, and each row needs a key of its own.
        requestId: crypto.randomUUID(),
        clientRequestId: c.get('clientRequestId') ?? null,
        agent: principal.name,
        route: `mcp/${call.tool}`,
        vendor: done.vendor ?? vendorsOf(done.ids),
        ids: done.ids.slice(0, 100),
        outcome: outcomeOf(done.status, cache, done.problem),
        status: done.status,
        cacheStatus: cache ? formatCacheStatus(cache) : null,
        durationMs: Date.now() - call.startedAt,
        mcp: { onBehalfOf: assertedText(call.asserted.on_behalf_of), ticket: assertedText(call.asserted.ticket), vendorCalls },
        ai: principal.ai,
        problem: done.status >= 400 ? (done.problem?.code ?? null) : null,
      },
      waitUntilOf(c),
      config.audit.batchMs,
    )
  } catch (err) {
    console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), msg: 'audit row not queued', error: String(err) }))
  }
}
