/**
 * The relay's Persona bodies keep every key Persona's own schemas require (the vendored OpenAPI
 * documents in worker/demo-upstream/spec, Apache-2.0, see its NOTICE.md), so any Persona client still
 * reads them: every object type of the spec, served whole through the relay's routes, checked
 * against the `required` lists of its schema at every level. Values the allowlist withholds may be
 * null or a placeholder; the keys must be there.
 */
import { describe, expect, it } from 'vitest'
import { SPEC_VERSIONS, specSamples, type SpecVersion } from '../../../test/persona-spec-samples.ts'
import { testRelay, type TestRelay } from '../../../test/helpers.ts'

type Schema = Record<string, unknown>
type Doc = {
  paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema: Schema }> }> } }>
  components: { schemas: Record<string, Schema> }
}

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const VERSIONS = Object.keys(SPEC_VERSIONS) as SpecVersion[]

/** Each relay route and the spec operation whose 200 it relays. */
const ROUTES = [
  { relay: `/v1/persona/inquiries/${INQ}`, spec: '/inquiries/{inquiry-id}', type: 'inquiry' },
  {
    relay: '/v1/persona/inquiry-sessions/iqse_T8PrqpoEhwhUV1wHReuU9ofs',
    spec: '/inquiry-sessions/{inquiry-session-id}',
    type: 'inquiry-session',
  },
  {
    relay: '/v1/persona/verifications/ver_ww2rkwtA6c2FQMMw1PyPKgnZ',
    spec: '/verifications/{verification-id}',
    type: 'verification/government-id',
  },
  { relay: '/v1/persona/cases/case_gqe7rH38FvxtzhGBQmDBsjkB', spec: '/cases/{case-id}', type: 'case' },
  { relay: '/v1/persona/events/evt_o9byQRbjygu76Jbtea9wuJ1boP7a', spec: '/events/{event-id}', type: 'event' },
  { relay: '/v1/persona/inquiries?page%5Bsize%5D=100', spec: '/inquiries', type: 'inquiry' },
  { relay: '/v1/persona/inquiry-sessions?page%5Bsize%5D=100', spec: '/inquiry-sessions', type: 'inquiry-session' },
  { relay: `/v1/persona/cases?filter%5Binquiry-id%5D=${INQ}`, spec: '/cases', type: 'case' },
  { relay: '/v1/persona/events?page%5Bsize%5D=100', spec: '/events', type: 'event' },
]

/** The missing required keys of `value` under `schema`, as JSON pointers (`/data/attributes/note`). */
function missingRequired(doc: Doc, schema: unknown, value: unknown, at: string, typeSchemas: Map<string, Schema>): string[] {
  const resolve = (s: unknown): Schema => {
    let out = s as Schema
    for (let hops = 0; typeof out?.$ref === 'string' && hops < 20; hops++)
      out = doc.components.schemas[(out.$ref as string).split('/').pop() as string] as Schema
    return out ?? {}
  }
  const s = resolve(schema)
  const out: string[] = []
  for (const sub of (s.allOf as unknown[] | undefined) ?? []) out.push(...missingRequired(doc, sub, value, at, typeSchemas))
  const branches = [...((s.oneOf as unknown[] | undefined) ?? []), ...((s.anyOf as unknown[] | undefined) ?? [])]
  if (branches.length) {
    const mapping = (s.discriminator as { mapping?: Record<string, string> } | undefined)?.mapping
    const type = (value as { type?: unknown } | null)?.type
    if (mapping && typeof type === 'string') {
      if (mapping[type]) out.push(...missingRequired(doc, { $ref: mapping[type] }, value, at, typeSchemas))
    } else {
      // Some branch must hold: the one with the fewest keys missing.
      const each = branches.map((b) => missingRequired(doc, b, value, at, typeSchemas))
      out.push(...each.reduce((a, b) => (b.length < a.length ? b : a)))
    }
  }
  if (Array.isArray(value)) {
    if (s.items) value.forEach((item, i) => out.push(...missingRequired(doc, s.items, item, `${at}/${i}`, typeSchemas)))
    return out
  }
  if (!value || typeof value !== 'object') return out
  const record = value as Record<string, unknown>
  for (const key of (s.required as string[] | undefined) ?? []) if (!(key in record)) out.push(`${at}/${key}`)
  const properties = (s.properties as Record<string, Schema> | undefined) ?? {}
  for (const [key, sub] of Object.entries(properties))
    if (key in record) out.push(...missingRequired(doc, sub, record[key], `${at}/${key}`, typeSchemas))
  // An event's payload holds whole objects the spec leaves open there: each is checked by its own type.
  if (at.endsWith('/payload')) {
    for (const key of ['data', 'included']) {
      const inner = record[key]
      for (const [i, item] of (Array.isArray(inner) ? inner : inner ? [inner] : []).entries()) {
        const typeSchema = typeSchemas.get(String((item as { type?: unknown }).type))
        const where = Array.isArray(inner) ? `${at}/${key}/${i}` : `${at}/${key}`
        if (typeSchema) out.push(...missingRequired(doc, typeSchema, item, where, typeSchemas))
      }
    }
  }
  return out
}

function responseSchema(doc: Doc, path: string): Schema {
  const schema = doc.paths[path]?.get?.responses['200']?.content?.['application/json']?.schema
  if (!schema) throw new Error(`the spec documents no 200 for GET ${path}`)
  return schema
}

async function relayed(relay: TestRelay, path: string, version: SpecVersion, body: unknown): Promise<unknown> {
  await relay.fault({ provider: 'persona', fault: 'invalid', body, times: 1 })
  const res = await relay.get(path, { headers: { 'persona-version': version, 'key-inflection': 'kebab' } })
  expect(res.status, path).toBe(200)
  return res.json()
}

describe("the relay's Persona bodies keep every key Persona's schema requires", () => {
  it.each(VERSIONS)('%s: every list and retrieve route, every object type in data, included and event payloads', async (version) => {
    const doc = JSON.parse(SPEC_VERSIONS[version]) as Doc
    const { samples } = specSamples(version)
    const typeSchemas = new Map<string, Schema>()
    for (const schema of Object.values(doc.components.schemas)) {
      const mapping = ((schema.items as Schema | undefined)?.discriminator as { mapping?: Record<string, string> } | undefined)?.mapping
      for (const [type, ref] of Object.entries(mapping ?? {})) typeSchemas.set(type, { $ref: ref })
    }
    for (const type of ['inquiry', 'inquiry-session', 'event', 'case']) typeSchemas.set(type, { $ref: `#/components/schemas/${type}` })
    const objects = samples.map((s) => s.object)
    const sample = (type: string) => samples.find((s) => s.type === type)!.object
    // Each object as an event's subject, so every type is checked inside payloads too.
    const events = samples.map((s, i) => ({
      type: 'event',
      id: `evt_${String(i).padStart(24, '0')}`,
      attributes: { name: `${s.type}.updated`, 'created-at': '2025-01-01T00:00:00.000Z', payload: { data: s.object, included: [] } },
    }))
    const relay = testRelay()
    const missing: string[] = []
    let checked = 0
    for (const route of ROUTES) {
      const list = !route.spec.includes('{')
      const data =
        route.type === 'event' ? (list ? events : events[0]) : list ? objects.filter((o) => o.type === route.type) : sample(route.type)
      const body = list ? { data, links: { prev: null, next: null } } : { data, included: route.type === 'event' ? [] : objects }
      const answer = (await relayed(relay, route.relay, version, body)) as { data: unknown; included?: unknown[] }
      missing.push(...missingRequired(doc, responseSchema(doc, route.spec), { ...answer, included: [] }, route.relay, typeSchemas))
      for (const [i, item] of (answer.included ?? []).entries()) {
        const schema = typeSchemas.get(String((item as { type?: unknown }).type))
        if (schema) missing.push(...missingRequired(doc, schema, item, `${route.relay}/included/${i}`, typeSchemas))
      }
      checked += 1 + (answer.included?.length ?? 0) + (list ? (answer.data as unknown[]).length : 0)
    }
    expect(checked).toBeGreaterThan(200)
    expect(missing).toEqual([])
  })

  it.each(VERSIONS)('%s: an inquiry keeps note, creator, reviewer-comment and fields, their values withheld', async (version) => {
    const relay = testRelay()
    const inquiry = {
      type: 'inquiry',
      id: INQ,
      attributes: {
        status: 'approved',
        note: 'Called Jane Doe, born 1990-01-01',
        creator: 'jane@doe.example',
        'reviewer-comment': 'Matches her passport',
        fields: { 'name-first': { type: 'string', value: 'Jane' } },
      },
      relationships: {},
    }
    const answer = (await relayed(relay, `/v1/persona/inquiries/${INQ}`, version, { data: inquiry })) as {
      data: { attributes: Record<string, unknown> }
    }
    expect(answer.data.attributes).toEqual({ status: 'approved', note: null, creator: '[withheld]', 'reviewer-comment': null, fields: {} })
  })
})
