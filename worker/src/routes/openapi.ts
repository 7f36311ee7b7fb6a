/**
 * The relay's published contract, `GET /openapi.json` (OpenAPI 3.1). Paths, methods and parameters
 * come from the Hono app itself through hono-openapi: the same zod schemas the routes validate with
 * (validation/query.ts). Response bodies are the schemas (contract/schemas.ts) each route declares
 * with `okBody` beside its validators; a route without one fails the contract test. Nothing in it is
 * configuration or secret: it is the same for every deployment.
 */
import type { Hono } from 'hono'
import { generateSpecs } from 'hono-openapi'
import { z, type ZodType } from 'zod'
import { okBodies, okFiles, type OkFile } from '../middleware/ok-body.ts'
import { ProblemSchema, NESTED } from '../contract/schemas.ts'
import { VENDORS } from '../vendors/index.ts'
import { issueLiveTicket, liveUpgrade } from './live.ts'

export const OPENAPI_PATH = '/openapi.json'

type JsonSchema = Record<string, unknown>
type Operation = { responses?: Record<string, unknown>; security?: unknown[]; parameters?: unknown[]; [key: string]: unknown }
type Document = Awaited<ReturnType<typeof generateSpecs>>

/** Named schemas (`.meta({ id })`) go to components and are referenced, as zod's registry output does. */
function toComponents(schemas: Record<string, ZodType>): { refs: Record<string, JsonSchema>; components: Record<string, JsonSchema> } {
  const registry = z.registry<{ id: string }>()
  for (const [name, schema] of Object.entries(schemas)) {
    const id = (z.globalRegistry.get(schema)?.id as string | undefined) ?? name
    if (!registry.has(schema)) registry.add(schema, { id })
  }
  const { schemas: out } = z.toJSONSchema(registry, { target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, JsonSchema>
  }
  const components: Record<string, JsonSchema> = {}
  for (const [id, schema] of Object.entries(out)) {
    const { $schema: _dialect, $id: _id, ...rest } = schema
    components[id] = rest
  }
  const refs = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [
      name,
      { $ref: `#/components/schemas/${(z.globalRegistry.get(schema)?.id as string | undefined) ?? name}` },
    ]),
  )
  return { refs, components }
}

const LiveTicketSchema = z
  .object({
    ticket: z.string(),
    expiresIn: z.number().int().meta({
      description:
        'Seconds the ticket stays valid to open a socket; it opens one at a time, valid while that socket is open and 60 s after (a reconnect reuses it).',
    }),
    epoch: z
      .string()
      .meta({ description: "The hub's epoch: pass it with `since`; a new one means the event numbering started over (reload)." }),
  })
  .meta({ id: 'LiveTicket' })

/** Where the routers mounted the live socket and its ticket: the paths are the routers', not written here again. */
type LivePaths = { socket: string | undefined; ticket: string | undefined }
function livePathsOf(app: Hono<any, any, any>): LivePaths {
  const pathOf = (handler: unknown) => app.routes.find((route) => route.handler === handler)?.path
  return { socket: pathOf(liveUpgrade), ticket: pathOf(issueLiveTicket) }
}

/** The success answers of one operation: a 200 body for reads, and what the few writes answer. */
type Declared = { refs: Record<string, JsonSchema>; live: LivePaths; files: Record<string, OkFile> }

function okResponses(method: string, path: string, { refs, live, files }: Declared): Record<string, unknown> {
  const file = files[path]
  if (file)
    return {
      '200': {
        description: file.description,
        content: Object.fromEntries(file.mediaTypes.map((type) => [type, { schema: { type: 'string' } }])),
      },
    }
  const json = (description: string, schema: unknown) => ({ '200': { description, content: { 'application/json': { schema } } } })
  if (method === 'post' && path === live.ticket)
    return json(`A ticket for GET ${live.socket}: one socket at a time, reused by that panel's reconnects.`, refs.LiveTicket)
  const ok = refs[path]
  // A POST that answers (the requester check) declares its body as reads do; a webhook answers nothing.
  if (method === 'post' && ok) return json('The answer as described.', ok)
  if (method === 'post') return { '204': { description: 'The delivery was verified and stored (or had been already).' } }
  if (path === live.socket)
    return { '101': { description: 'A WebSocket: every event summary after `since`, then each new one, one JSON summary per text frame.' } }
  return ok ? json('The body as described; relayed vendor bodies as the vendor sent them.', ok) : {}
}

/** "Persona and deepidv": the vendors' labels, in the registry's order. */
const VENDOR_LABELS = new Intl.ListFormat('en', { type: 'conjunction' }).format(Object.values(VENDORS).map((vendor) => vendor.label))

export async function buildOpenApi(app: Hono<any, any, any>): Promise<Document> {
  const document = await generateSpecs(app, {
    documentation: {
      openapi: '3.1.0',
      info: {
        title: 'IDV Lens relay',
        version: '1',
        description: `Read-only relay in front of ${VENDOR_LABELS}: a fixed set of list and retrieve calls (and the few agent actions an admin turns on, for actors only), cached, with RFC 9457 problem details for every failure. Everything under /v1/ needs an agent token.`,
      },
      components: { securitySchemes: { agentToken: { type: 'http', scheme: 'bearer', description: 'An agent token from AGENT_TOKENS.' } } },
    },
    // Validation failures are our own problem documents, added below with every other failure.
    defaultValidationErrorResponse: false,
    // Routes without a validator (/healthz) are routes too.
    includeEmptyPaths: true,
    // MCP has its own contract (tools/list) and its RFC 9728 metadata; OAuth its RFC 8414 metadata,
    // and its clients' admin route is the admin command's (docs/mcp.md).
    exclude: [OPENAPI_PATH, /\*/, /^\/mcp$/, /^\/\.well-known\//, /^\/oauth\//, /^\/v1\/admin\/oauth-clients/],
    excludeMethods: ['OPTIONS', 'HEAD', 'PUT', 'PATCH', 'DELETE'],
  })
  const { refs, components } = toComponents({ ...okBodies(app), Problem: ProblemSchema, LiveTicket: LiveTicketSchema, ...NESTED })
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...components } }
  const problem = {
    description:
      'A problem: bad input (400), no or a wrong token (401), no such route or record (404), a method other than GET (405), a vendor limit (429), a vendor failure (502, 504), a vendor not configured (503).',
    content: { 'application/problem+json': { schema: refs.Problem } },
  }
  const live = livePathsOf(app)
  const files = okFiles(app)
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      operation.responses = { ...okResponses(method, path, { refs, live, files }), default: problem }
      // The live socket takes a ticket in its query instead (a WebSocket cannot send headers).
      if (path.startsWith('/v1/') && path !== live.socket) operation.security = [{ agentToken: [] }]
    }
  }
  return document
}

// The document depends on code only, so one per isolate.
let cached: Promise<Document> | undefined
export function openApiDocument(app: Hono<any, any, any>): Promise<Document> {
  cached ??= buildOpenApi(app)
  return cached
}
