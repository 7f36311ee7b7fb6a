import { z } from 'zod'

/** Persona's bodies as the relay publishes them in GET /openapi.json (contract/schemas.ts lists them). */

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
