/**
 * The relay's published contract, `GET /openapi.json` (OpenAPI 3.1). Paths, methods and parameters
 * come from the Hono app itself through hono-openapi: the same zod schemas the routes validate with
 * (validation/query.ts). Response bodies come from contract/schemas.ts, by route. Nothing in it is
 * configuration or secret: it is the same for every deployment.
 */
import type { Hono } from 'hono'
import { generateSpecs } from 'hono-openapi'
import { z, type ZodType } from 'zod'
import {
  DeepidvSessionListSchema,
  DeepidvSessionSchema,
  HealthSchema,
  LookupResponseSchema,
  PersonaListSchema,
  PersonaSingleSchema,
  ProblemSchema,
  NESTED,
} from './schemas.ts'

export const OPENAPI_PATH = '/openapi.json'

/** The 200 body of every route, by OpenAPI path. A route missing here fails the contract test. */
const OK_BODIES: Record<string, ZodType> = {
  '/healthz': HealthSchema,
  '/v1/persona/inquiries': PersonaListSchema,
  '/v1/persona/inquiries/{id}': PersonaSingleSchema,
  '/v1/persona/inquiry-sessions': PersonaListSchema,
  '/v1/persona/inquiry-sessions/{id}': PersonaSingleSchema,
  '/v1/persona/events': PersonaListSchema,
  '/v1/persona/events/{id}': PersonaSingleSchema,
  '/v1/deepidv/sessions': DeepidvSessionListSchema,
  '/v1/deepidv/sessions/{id}': DeepidvSessionSchema,
  '/v1/lookup': LookupResponseSchema,
}

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
  const { schemas: out } = z.toJSONSchema(registry, { target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, JsonSchema> }
  const components: Record<string, JsonSchema> = {}
  for (const [id, schema] of Object.entries(out)) {
    const { $schema: _dialect, $id: _id, ...rest } = schema
    components[id] = rest
  }
  const refs = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, { $ref: `#/components/schemas/${(z.globalRegistry.get(schema)?.id as string | undefined) ?? name}` }]),
  )
  return { refs, components }
}

export async function buildOpenApi(app: Hono<any, any, any>): Promise<Document> {
  const document = await generateSpecs(app, {
    documentation: {
      openapi: '3.1.0',
      info: {
        title: 'IDV Lens relay',
        version: '1',
        description:
          'Read-only relay in front of Persona and deepidv: a fixed set of list and retrieve calls, cached, with RFC 9457 problem details for every failure. Everything under /v1/ needs an agent token.',
      },
      components: { securitySchemes: { agentToken: { type: 'http', scheme: 'bearer', description: 'An agent token from AGENT_TOKENS.' } } },
    },
    // Validation failures are our own problem documents, added below with every other failure.
    defaultValidationErrorResponse: false,
    // Routes without a validator (/healthz) are routes too.
    includeEmptyPaths: true,
    exclude: [OPENAPI_PATH, /\*/],
    excludeMethods: ['OPTIONS', 'HEAD'],
  })
  const { refs, components } = toComponents({ ...OK_BODIES, Problem: ProblemSchema, ...NESTED })
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...components } }
  const problem = { description: 'A problem: bad input (400), no or a wrong token (401), no such route or record (404), a method other than GET (405), a vendor limit (429), a vendor failure (502, 504), a vendor not configured (503).', content: { 'application/problem+json': { schema: refs.Problem } } }
  for (const [path, item] of Object.entries(document.paths)) {
    const operation = (item as Record<string, Operation>).get
    if (!operation) continue
    const ok = refs[path]
    operation.responses = {
      ...(ok ? { '200': { description: 'The body as described; relayed vendor bodies as the vendor sent them.', content: { 'application/json': { schema: ok } } } } : {}),
      default: problem,
    }
    if (path.startsWith('/v1/')) operation.security = [{ agentToken: [] }]
  }
  return document
}

// The document depends on code only, so one per isolate.
let cached: Promise<Document> | undefined
export function openApiDocument(app: Hono<any, any, any>): Promise<Document> {
  cached ??= buildOpenApi(app)
  return cached
}
