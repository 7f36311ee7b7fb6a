import { z } from 'zod'
import type { ProviderName } from '../config.ts'

/**
 * What a vendor's 2xx body must be before anything reads, keeps or relays it: the envelope each read
 * endpoint documents (Persona: JSON:API, https://docs.withpersona.com/reference; deepidv: its session
 * objects, https://docs.deepidv.com). Open inside (attributes follow Key-Inflection and
 * Persona-Version), strict about what the relay's code touches: ids, types, attributes, the links it
 * rewrites and the fields a summary reads. Anything else is `upstream-invalid`, never a 500, never kept.
 */
const relativeOrAbsoluteUrl = z.string().refine((link) => URL.canParse(link, 'https://persona.invalid'), 'not a URL')
const link = relativeOrAbsoluteUrl.nullable().optional()

const PersonaResource = z.looseObject({
  type: z.string(),
  id: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  relationships: z.record(z.string(), z.unknown()).optional(),
})

const PersonaList = z.looseObject({
  data: z.array(PersonaResource),
  links: z.looseObject({ prev: link, next: link }).optional(),
})
const PersonaSingle = z.looseObject({ data: PersonaResource, included: z.array(PersonaResource).optional() })

const DeepidvRecord = z.looseObject({ id: z.string(), status: z.string(), created_at: z.string() })
const DeepidvList = z.looseObject({ sessions: z.array(DeepidvRecord), next_token: z.string().nullable().optional() })
const DeepidvSingle = z.looseObject({ session_record: DeepidvRecord })

const BODIES: Record<ProviderName, { list: z.ZodType; single: z.ZodType }> = {
  persona: { list: PersonaList, single: PersonaSingle },
  deepidv: { list: DeepidvList, single: DeepidvSingle },
}

export type BodyCheck = { ok: true } | { ok: false; why: 'not-json' } | { ok: false; why: 'invalid'; where: string }

/**
 * Checks one 2xx body of `path` (a list when it has no `/`: `inquiries`, `sessions`; a single object
 * otherwise). `where` names the first field that is wrong by its path in the schema, never a value.
 */
export function checkVendorBody(provider: ProviderName, path: string, text: string): BodyCheck {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, why: 'not-json' }
  }
  const parsed = BODIES[provider][path.includes('/') ? 'single' : 'list'].safeParse(json)
  if (parsed.success) return { ok: true }
  const issue = parsed.error.issues[0]
  const where = issue?.path.length
    ? issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('')
    : 'the body'
  return { ok: false, why: 'invalid', where }
}
