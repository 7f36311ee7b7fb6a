import type { ActionKind, ActionName } from '@idv-lens/shared/api'
import type { z } from 'zod'

/**
 * One agent action as its vendor declares it; its routes (the vendor's folder) call it with
 * callAction, whose guards read this. `requesterMatch`: 'configured' follows
 * LINK_REQUIRES_REQUESTER_MATCH. `perDay`: at most this many per record in any 24 h (null: no bound).
 * `idempotent`: it takes the agent's Idempotency-Key (scoped to agent and record), and a retry with it
 * is counted once. 'vendor': the key is forwarded and the vendor replays its answer; 'relay': the vendor
 * takes none, so the gate remembers a 2xx for 24 h and answers a retry 409 `already-made`, without a call.
 */
export type VendorAction = {
  key: ActionName
  /** Its routes under `/v1/<vendor>`, as Hono writes them. */
  routes: readonly string[]
  requesterMatch: boolean | 'configured'
  perDay: number | null
  idempotent: false | 'vendor' | 'relay'
  /** The words of its guards' refusals (a requester not confirmed, the day's bound reached). */
  refusals?: { notConfirmed: string; bound: (retryAfterSeconds: number) => string }
  /** Its MCP tools (listed only where ACTIONS, the actor role and MCP_ACTIONS all agree: mcp/tools/actions.ts). */
  tools?: readonly ActionTool[]
}

/** A tool's arguments as its input schema parsed them. */
export type ToolArgs = Record<string, unknown>

/**
 * One MCP tool of an action: its name, words and honest hints, the arguments it takes (the record's
 * ID first), and how it maps them onto one of the action's `/v1/<vendor>` routes and that route's
 * answer onto its result. The route runs with its own guards; the tool adds none and skips none.
 */
export type ActionTool = {
  name: string
  /** The write its route is, as the usage counts it (the route's last segment). */
  kind: ActionKind
  title: string
  /** What it does, and what it will not do. */
  description: string
  input: z.ZodRawShape
  output: z.ZodObject
  hints: { destructive: boolean; idempotent: boolean }
  /** The route's path under `/v1/<vendor>`, its JSON body, and the record acted on (for the audit; null: not an ID of its kind). */
  request(args: ToolArgs): { path: string; body: unknown; record: string | null }
  /** The result from the route's 200 answer (its allowlist already applied, `args` the tool's), and a short text. */
  result(answer: unknown, args: ToolArgs): { structured: Record<string, unknown>; text: string }
  /** Result members that are never cut (a link must arrive whole); every other string is capped. */
  whole?: readonly string[]
}
