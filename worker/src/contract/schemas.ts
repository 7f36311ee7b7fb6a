/**
 * The relay's response bodies as zod schemas, for the published contract (GET /openapi.json). Vendor
 * bodies pass through as the vendor sends them (keys inflected as asked, attributes as the vendor's
 * version has them), so they are described by their envelope and left open inside; the relay's own
 * bodies (problems, lookups, health) are described in full. They mirror the types in shared/src/api.
 */
import { PROBLEM_STATUS, type ProblemCode } from '@idv-lens/shared/api'
import { z } from 'zod'

const PROBLEM_CODES = Object.keys(PROBLEM_STATUS) as [ProblemCode, ...ProblemCode[]]
const provider = z.enum(['persona', 'deepidv'])
const idKind = z.enum(['persona-inquiry', 'persona-inquiry-session', 'persona-event', 'deepidv-session'])

/** RFC 9457 problem details, as every failure is answered (`application/problem+json`). */
export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: '`urn:idv-lens:problem:<code>`' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(PROBLEM_CODES),
    requestId: z.string().optional(),
    parameter: z.string().optional().meta({ description: 'The query parameter, header or path parameter that was rejected.' }),
    provider: provider.optional(),
    retryAfter: z.number().int().optional().meta({ description: 'Seconds to wait; mirrors the Retry-After header.' }),
  })
  .meta({ id: 'Problem' })

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    providers: z.record(
      provider,
      z.object({
        configured: z.boolean(),
        upstreamAuth: z
          .object({ seenWithin5Minutes: z.boolean(), lastSeenAt: z.string().nullable() })
          .meta({ description: "Whether the vendor refused the relay's key (upstream-auth) lately, as far as this data center knows." }),
      }),
    ),
  })
  .meta({ id: 'Health' })

/** A JSON:API resource as Persona sends it; attribute keys follow Key-Inflection and Persona-Version. */
const PersonaResource = z
  .looseObject({
    type: z.string(),
    id: z.string(),
    attributes: z.record(z.string(), z.unknown()),
    relationships: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'PersonaResource' })

export const PersonaListSchema = z
  .looseObject({
    data: z.array(PersonaResource),
    links: z.object({
      prev: z.string().nullable().meta({ description: "The previous page, as a path of this relay (Persona's link rewritten)." }),
      next: z.string().nullable().meta({ description: 'The next page, as a path of this relay.' }),
    }),
  })
  .meta({ id: 'PersonaList' })

export const PersonaSingleSchema = z
  .looseObject({ data: PersonaResource, included: z.array(PersonaResource).optional() })
  .meta({ id: 'PersonaSingle' })

const DeepidvSessionRecord = z
  .looseObject({ id: z.string(), status: z.string(), created_at: z.string() })
  .meta({ id: 'DeepidvSessionRecord', description: "deepidv's session record, snake_case, as deepidv sends it." })

export const DeepidvSessionListSchema = z
  .looseObject({ sessions: z.array(DeepidvSessionRecord), next_token: z.string().nullable() })
  .meta({ id: 'DeepidvSessionList' })

export const DeepidvSessionSchema = z
  .looseObject({ session_record: DeepidvSessionRecord, user: z.looseObject({ id: z.string() }).optional(), sender_user: z.looseObject({ id: z.string() }).optional() })
  .meta({ id: 'DeepidvSession', description: 'Without `resource_links`: presigned document URLs never leave the relay.' })

const nullableString = z.string().nullable()
const LookupDetails = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('persona-inquiry'),
    referenceId: nullableString,
    completedAt: nullableString,
    latestSessionId: nullableString,
    threatLevel: nullableString,
    countryCode: nullableString,
    countryName: nullableString,
  }),
  z.object({
    kind: z.literal('persona-inquiry-session'),
    inquiryId: nullableString,
    threatLevel: nullableString,
    countryCode: nullableString,
    countryName: nullableString,
    deviceType: nullableString,
    browserName: nullableString,
    osName: nullableString,
    networkFlags: z.array(z.string()),
  }),
  z.object({ kind: z.literal('persona-event'), name: z.string(), objectType: nullableString, objectId: nullableString }),
  z.object({
    kind: z.literal('deepidv-session'),
    externalId: nullableString,
    sessionProgress: nullableString,
    sessionType: nullableString,
    workflowSteps: z.array(z.string()),
    country: nullableString,
  }),
])

const LookupEntry = z.discriminatedUnion('found', [
  z.object({
    found: z.literal(true),
    id: z.string(),
    kind: idKind,
    provider,
    type: z.string(),
    status: z.string(),
    createdAt: nullableString,
    updatedAt: nullableString,
    dashboardUrl: z.string(),
    details: LookupDetails,
  }),
  z.object({
    found: z.literal(false),
    id: z.string(),
    kind: idKind,
    provider,
    error: z.object({ code: z.enum(PROBLEM_CODES), status: z.number().int(), detail: z.string() }),
  }),
])

export const LookupResponseSchema = z.object({ data: z.array(LookupEntry) }).meta({ id: 'LookupResponse' })

/** Schemas named inside the ones above: published as components of their own. */
export const NESTED = { PersonaResource, DeepidvSessionRecord }
