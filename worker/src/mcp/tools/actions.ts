import type { CallToolResult, McpServer } from '@modelcontextprotocol/server'
import { actionRole, type ActionName } from '@idv-lens/shared/api'
import { z } from 'zod'
import { outcomeOf } from '../../audit/entry.ts'
import type { RelayConfig } from '../../config/relay-config.ts'
import type { Vendor } from '../../vendor-shape/vendor.ts'
import type { ActionTool, ToolArgs, VendorAction } from '../../vendor-shape/vendor-action.ts'
import type { McpPrincipal } from '../principal.ts'
import { asserted, capStrings } from '../tool-kit.ts'
import { refused, runTool, type ToolOutcome, type ToolRead, type ToolScope } from '../tool-run.ts'
import { convertedOnce } from '../tool-schema.ts'
import { jsonOf } from '../relay-reads.ts'

const idempotencyKey = {
  idempotency_key: z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/)
    .optional()
    .describe('Your key for this one action (1 to 255 visible ASCII characters): a retry with the same key is done and counted once.'),
}

/**
 * Whether `/mcp` lists an action's tools to this principal: three switches agree. The relay offers the
 * action (ACTIONS), the principal holds its role, and MCP_ACTIONS names it. The route checks the first two again.
 */
const mcpMayCall = (config: RelayConfig, principal: McpPrincipal, action: ActionName): boolean =>
  config.actions.offered.includes(action) && config.actions.mcp.includes(action) && principal.roles.includes(actionRole(action))

/** The action tools this principal is offered, by name (what `initialize`'s instructions name). */
export function actionToolsFor(config: RelayConfig, principal: McpPrincipal): string[] {
  return Object.values(config.vendors).flatMap((vendor) =>
    vendor.actions.flatMap((action) => (mcpMayCall(config, principal, action.key) ? (action.tools ?? []).map((tool) => tool.name) : [])),
  )
}

/**
 * The vendors' declared actions as tools (vendor-shape/vendor-action.ts), those `wanted` by the request.
 * A tool whose switches do not all agree is never registered: not listed, and a call finds no such tool.
 */
export function registerActions(server: McpServer, scope: ToolScope, wanted: (tool: string) => boolean): void {
  const config = scope.c.get('config')
  for (const vendor of Object.values(config.vendors)) {
    for (const action of vendor.actions) {
      if (!mcpMayCall(config, scope.principal, action.key)) continue
      for (const tool of action.tools ?? []) if (wanted(tool.name)) registerActionTool(server, scope, { vendor, action, tool })
    }
  }
}

type Declared = { vendor: Vendor; action: VendorAction; tool: ActionTool }

/** An action tool's schemas, made once per isolate (the declarations are the vendors' module constants). */
const schemasOf = new WeakMap<ActionTool, ReturnType<typeof schemasFor>>()
const schemasFor = ({ action, tool }: Declared) => ({
  input: convertedOnce(z.object({ ...tool.input, ...(action.idempotent ? idempotencyKey : {}), ...asserted })),
  output: convertedOnce(tool.output),
})

function registerActionTool(server: McpServer, scope: ToolScope, declared: Declared) {
  const { tool } = declared
  let schemas = schemasOf.get(tool)
  if (!schemas) schemasOf.set(tool, (schemas = schemasFor(declared)))
  return server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: `${tool.description} Turned on by the relay's admin (ACTIONS and MCP_ACTIONS) for callers with the role ${actionRole(declared.action.key)}.`,
      inputSchema: schemas.input,
      outputSchema: schemas.output,
      annotations: {
        readOnlyHint: false,
        destructiveHint: tool.hints.destructive,
        idempotentHint: tool.hints.idempotent,
        openWorldHint: true,
      },
    },
    (args: ToolArgs) => {
      const { on_behalf_of, ticket } = args as { on_behalf_of?: string; ticket?: string }
      return runTool(scope, tool.name, { on_behalf_of, ticket }, (read) => act(read, declared, args))
    },
  )
}

/** The action's own /v1 route, with the caller's Idempotency-Key; its answer mapped onto the tool's result. */
async function act(read: ToolRead, { vendor, tool }: Declared, args: ToolArgs): Promise<ToolOutcome> {
  const { path, body, record } = tool.request(args)
  const ids = record ? [record] : []
  const key = args['idempotency_key']
  const response = await read(`/v1/${vendor.name}/${path}`, body, typeof key === 'string' ? { 'idempotency-key': key } : {})
  if (!response.ok) {
    const outcome = await refused(response, ids)
    // A vendor's own refusal (409, 422) spent a call; the relay's guards and the gate's bounds did not.
    return {
      ...outcome,
      vendor: vendor.name,
      vendorCalls: outcomeOf(outcome.status, undefined, outcome.problem) === 'vendor-error' ? 1 : 0,
    }
  }
  const { structured, text } = tool.result(await jsonOf(response), args)
  return { result: actionResult(structured, text, tool.whole ?? []), ids, status: 200, vendorCalls: 1, vendor: vendor.name }
}

/** Every vendor string capped, but the members the tool keeps whole (a link); the text is the tool's own. */
function actionResult(structured: Record<string, unknown>, text: string, whole: readonly string[]): CallToolResult {
  const capped = Object.fromEntries(Object.entries(structured).map(([k, v]) => [k, whole.includes(k) ? v : capStrings(v)]))
  return { structuredContent: capped, content: [{ type: 'text', text }] }
}
