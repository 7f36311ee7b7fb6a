import { z } from 'zod'

/*
 * Persona's part of the relay's published contract (GET /openapi.json): its bodies, and the details
 * `GET /v1/lookup` answers for its ID kinds (contract/schemas.ts combines every vendor's, through
 * the registry's VENDOR_CONTRACTS).
 */

/** A JSON:API resource as Persona sends it; attribute keys follow Key-Inflection and Persona-Version. */
export const PersonaResource = z
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

/** `POST /v1/persona/inquiries/{id}/generate-one-time-link`: the inquiry, and the link in `meta` (this answer only). */
export const OneTimeLinkSchema = z
  .looseObject({
    data: PersonaResource,
    included: z.array(PersonaResource).optional(),
    meta: z.object({
      'one-time-link': z
        .string()
        .meta({ description: "The customer's link into a new session: shown to the agent once, kept nowhere by the relay." }),
      'one-time-link-short': z.string().optional(),
    }),
  })
  .meta({ id: 'OneTimeLink' })

const nullableString = z.string().nullable()

/** `GET /v1/lookup`'s `details`, one schema per Persona ID kind (shared/src/api/lookup.ts types them). */
const lookupDetails = [
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
] as const

/** What the registry's VENDOR_CONTRACTS holds for Persona: its lookup details, and the bodies other schemas nest. */
export const personaContract = { lookupDetails, nested: { PersonaResource } }
