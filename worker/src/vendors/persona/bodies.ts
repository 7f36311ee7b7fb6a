import { z } from 'zod'

/**
 * Persona's 2xx envelope (JSON:API, https://docs.withpersona.com/reference): open inside (attributes
 * follow Key-Inflection and Persona-Version), strict about what the relay's code touches: ids, types,
 * attributes and the links it rewrites.
 */
const relativeOrAbsoluteUrl = z.string().refine((link) => URL.canParse(link, 'https://persona.invalid'), 'not a URL')
const link = relativeOrAbsoluteUrl.nullable().optional()

const PersonaResource = z.looseObject({
  type: z.string(),
  id: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  relationships: z.record(z.string(), z.unknown()).optional(),
})

export const bodies = {
  list: z.looseObject({
    data: z.array(PersonaResource),
    links: z.looseObject({ prev: link, next: link }).optional(),
  }),
  single: z.looseObject({ data: PersonaResource, included: z.array(PersonaResource).optional() }),
}
