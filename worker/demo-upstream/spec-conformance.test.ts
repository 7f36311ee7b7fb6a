/**
 * The demo upstream's Persona answers, validated against Persona's vendored OpenAPI documents (`spec/`,
 * Apache-2.0) for both versions the relay uses: every list page, retrieves with every include (every
 * verification type, cases, all three Key-Inflections), event payloads and the documented error bodies.
 * Where the spec lags Persona, the demo keeps the behaviour unasked: GET /inquiry-sessions documents only
 * `filter[inquiry-id]`, yet its documented links carry `page[after]` cursors, so the demo pages it.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { TYPED_VERIFICATION_PATHS } from './persona-resources.ts'
import { VERIFICATION_TYPES } from './persona-types.ts'
import { FIXTURE_IDS, STORY_IDS } from './seed.ts'
import { PersonaSpec, SPEC_VERSIONS, type SpecPath } from './spec/validator.ts'
import { addFault, body, demo, persona, type ListBody, type Resource, type RetrieveBody } from './test-support.ts'

const upstream = demo({ rateLimits: false })
const { dataset } = upstream

const INQUIRY_INCLUDES =
  'account,documents,template,inquiry-template,inquiry-template-version,reports,transaction,reviewer,selfies,sessions,verifications'
const VERIFICATION_INCLUDES =
  'inquiry,document,template,inquiry-template,inquiry-template-version,transaction,verification-template,verification-template-version,accounts'
const CASE_INCLUDES = 'accounts,case-comments,case-template,case-queue,inquiries,reports,verifications,txns'
/** `verification/selfie` → its typed path in the spec, `/verification/selfies/{verification-id}`. */
const TYPED_PATH = Object.fromEntries(Object.entries(TYPED_VERIFICATION_PATHS).map(([plural, type]) => [type, plural]))

/** `addressStreet1`, `address_street_1` → `address-street-1`. */
const toKebab = (key: string): string =>
  key
    .replace(/([a-z])([A-Z0-9])/g, '$1-$2')
    .replaceAll('_', '-')
    .toLowerCase()

/**
 * A camel or snake body with its keys turned back to kebab, to compare with the kebab body the spec
 * validates. Account `fields` keep their snake keys (never inflected); values are never touched.
 */
function backToKebab(value: unknown, inAccountFields = false): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => backToKebab(item))
  const record = value as Record<string, unknown>
  const account = record.type === 'account'
  return Object.fromEntries(
    Object.entries(record).map(([key, inner]) => {
      if (inAccountFields) return [key, inner]
      if (account && key === 'attributes') {
        const attributes = inner as Record<string, unknown>
        return [key, Object.fromEntries(Object.entries(attributes).map(([k, v]) => [toKebab(k), k === 'fields' ? v : backToKebab(v)]))]
      }
      return [toKebab(key), backToKebab(inner)]
    }),
  )
}
/** Every n-th record gets retrieved (the lists already cover every record's own attributes). */
const SAMPLE_EVERY = 80
/** Validating the whole dataset takes seconds; on a busy 2-core machine, more than vitest's default 5 s. */
const WHOLE_DATASET_TIMEOUT_MS = 60_000
const sample = <T>(items: readonly T[]): T[] => items.filter((_, i) => i % SAMPLE_EVERY === 0)

describe.each(SPEC_VERSIONS)('Persona-Version %s against the official spec', { timeout: WHOLE_DATASET_TIMEOUT_MS }, (version) => {
  let spec: PersonaSpec
  beforeAll(() => {
    spec = PersonaSpec.of(version)
  })

  const get = (path: string, init: { key?: string | null; inflection?: string } = {}) =>
    persona(upstream, path, {
      key: init.key,
      headers: { 'Persona-Version': version, ...(init.inflection ? { 'Key-Inflection': init.inflection } : {}) },
    })

  /** Fetches, checks the status and validates the body against the documented response. */
  async function conforming<T>(specPath: SpecPath, path: string, status = 200, init: { key?: string | null } = {}): Promise<T> {
    const res = await get(path, init)
    const json: unknown = await res.json()
    // The body in the message only when the status is wrong: stringifying every page costs more than its check.
    expect(res.status, res.status === status ? undefined : JSON.stringify(json).slice(0, 300)).toBe(status)
    expect(spec.errors(specPath, status, json), `${path}`).toEqual([])
    return json as T
  }

  it.each([
    ['/inquiries', dataset.inquiries.length],
    ['/inquiry-sessions', dataset.inquirySessions.length],
    ['/events', dataset.events.length],
    ['/cases', dataset.cases.length],
  ] as const)('should send every page of %s as documented', async (path, total) => {
    let next: string | null = `${path}?page%5Bsize%5D=100`
    let seen = 0
    while (next !== null) {
      const page: ListBody = await conforming<ListBody>(path, next.replace(/^\/api\/v1/, ''))
      seen += page.data.length
      next = page.links.next === null ? null : `${page.links.next}&page%5Bsize%5D=100`
    }
    expect(seen).toBe(total)
  })

  it('should send inquiries as documented with every include, the default and an empty one', async () => {
    for (const inquiry of sample(dataset.inquiries)) {
      for (const query of [`?include=${INQUIRY_INCLUDES}`, '', '?include=']) {
        await conforming('/inquiries/{inquiry-id}', `/inquiries/${inquiry.id}${query}`)
      }
    }
  })

  it('should send inquiry sessions as documented, with the inquiry, device and network included', async () => {
    let networks = 0
    for (const session of sample(dataset.inquirySessions)) {
      const { data, included } = await conforming<RetrieveBody>(
        '/inquiry-sessions/{inquiry-session-id}',
        `/inquiry-sessions/${session.id}?include=inquiry,device,network`,
      )
      // Every relationship that has data is included (the network too, where the session has one).
      const related = Object.values(data.relationships ?? {}).flatMap(({ data: ref }) =>
        ref === null ? [] : [ref as { type: string; id: string }],
      )
      expect(included?.map((r) => `${r.type}:${r.id}`).sort()).toEqual(related.map((r) => `${r.type}:${r.id}`).sort())
      networks += included?.filter((r) => r.type === 'network').length ?? 0
    }
    expect(networks).toBeGreaterThan(0)
  })

  it('should answer include= (explicitly empty) with an empty included array', async () => {
    const { included } = await conforming<RetrieveBody>(
      '/inquiry-sessions/{inquiry-session-id}',
      `/inquiry-sessions/${FIXTURE_IDS.inquirySession}?include=`,
    )
    expect(included).toEqual([])
  })

  it('should send events as documented, their payloads as documented objects', async () => {
    const payloadTypes = new Set<string>()
    for (const event of sample(dataset.events)) {
      const { data } = await conforming<RetrieveBody>('/events/{event-id}', `/events/${event.id}`)
      // The spec types the payload loosely; the object in it is the documented object as it was.
      const payload = (data.attributes.payload as { data: unknown }).data
      expect(spec.objectErrors(payload), `${event.id} payload`).toEqual([])
      payloadTypes.add((payload as { type: string }).type)
    }
    expect([...payloadTypes]).toEqual(expect.arrayContaining(['inquiry', 'inquiry-session', 'verification/government-id']))
  })

  /**
   * Validates the kebab body, then checks that the camel and snake bodies are the same body with their keys
   * inflected (so they conform too), and that their attribute names really are camel or snake.
   */
  async function conformingInEveryInflection(specPath: SpecPath, path: string): Promise<RetrieveBody> {
    const kebab = await conforming<RetrieveBody>(specPath, path)
    for (const inflection of ['camel', 'snake'] as const) {
      const res = await get(path, { inflection })
      expect(res.status).toBe(200)
      const inflected = (await res.json()) as RetrieveBody
      expect(backToKebab(inflected), `${inflection} ${path}`).toEqual(kebab)
      for (const resource of [inflected.data, ...(inflected.included ?? [])]) {
        for (const key of Object.keys(resource.attributes ?? {})) expect(key, `${inflection} ${resource.type}`).not.toContain('-')
      }
    }
    return kebab
  }

  /** A few verifications of each type the demo seeds, the story's among them. */
  const verificationSample = (): string[] => {
    const ids = VERIFICATION_TYPES.flatMap((type) => {
      const ofType = dataset.verifications.filter((v) => v.type === type)
      expect(ofType.length, type).toBeGreaterThan(0)
      return [ofType[0], ofType.find((v) => v.status === 'failed'), ofType.at(-1)].flatMap((v) => (v ? [v.id] : []))
    })
    return [...new Set([...ids, ...Object.values(STORY_IDS.failedInquiryVerifications), STORY_IDS.earlierFailedVerification])]
  }

  it('should send verifications of every type as documented, on the generic and the typed path, in every inflection, with every include', async () => {
    const included = new Set<string>()
    for (const id of verificationSample()) {
      const type = dataset.index.verifications.get(id)!.type
      for (const query of [`?include=${VERIFICATION_INCLUDES}`, '', '?include=']) {
        const { data, included: objects } = await conformingInEveryInflection(
          '/verifications/{verification-id}',
          `/verifications/${id}${query}`,
        )
        expect(data.type).toBe(type)
        for (const object of objects ?? []) included.add(object.type.split('/')[0]!)
      }
      const typed = TYPED_PATH[type]!
      const typedBody = await conformingInEveryInflection(
        `/verification/${typed}/{verification-id}`,
        `/verification/${typed}/${id}?include=${VERIFICATION_INCLUDES}`,
      )
      // The spec's typed responses have no `included` member, though they accept `include=`.
      expect(typedBody.included).toBeUndefined()
    }
    expect([...included]).toEqual(
      expect.arrayContaining([
        'document',
        'inquiry',
        'inquiry-template',
        'inquiry-template-version',
        'verification-template',
        'verification-template-version',
      ]),
    )
  })

  it('should send cases as documented, in every inflection, with every include, the default and an empty one', async () => {
    const ids = [...new Set([STORY_IDS.case, ...sample(dataset.cases).map((c) => c.id), dataset.cases.at(-1)!.id])]
    const included = new Set<string>()
    for (const id of ids) {
      for (const query of [`?include=${CASE_INCLUDES}`, '', '?include=']) {
        const { included: objects } = await conformingInEveryInflection('/cases/{case-id}', `/cases/${id}${query}`)
        for (const object of objects ?? []) included.add(object.type.split('/')[0]!)
      }
    }
    expect([...included].sort()).toEqual(expect.arrayContaining(['account', 'case-queue', 'case-template', 'inquiry', 'verification']))
  })

  it('should send filtered case lists as documented, in every inflection', async () => {
    for (const query of [
      `filter[inquiry-id]=${STORY_IDS.failedInquiry}`,
      `filter[reference-id]=${STORY_IDS.referenceId}`,
      'filter[status]=Open&page[size]=5',
    ]) {
      const kebab = await conforming<ListBody>('/cases', `/cases?${query}`)
      expect(kebab.data.length).toBeGreaterThan(0)
      for (const inflection of ['camel', 'snake'] as const) {
        const inflected = (await (await get(`/cases?${query}`, { inflection })).json()) as ListBody
        expect(backToKebab(inflected)).toEqual(kebab)
      }
    }
  })

  it('should send verification and case events as documented, their payloads as documented objects', async () => {
    const wanted = dataset.events.filter(
      (e) => e.object.type === 'case' || (e.object.type.startsWith('verification/') && e.object.type !== 'verification/government-id'),
    )
    const byType = new Map<string, string[]>()
    for (const event of wanted) byType.set(event.object.type, [...(byType.get(event.object.type) ?? []), event.id].slice(0, 3))
    expect([...byType.keys()].sort()).toEqual(['case', ...VERIFICATION_TYPES.filter((t) => t !== 'verification/government-id')].sort())
    for (const id of [...byType.values()].flat()) {
      const { data } = await conforming<RetrieveBody>('/events/{event-id}', `/events/${id}`)
      expect(spec.objectErrors((data.attributes.payload as { data: unknown }).data), id).toEqual([])
    }
  })

  it('should send the documented 404 for unknown verifications and cases, and a type served on another typed path', async () => {
    await conforming('/verifications/{verification-id}', '/verifications/ver_AAAAAAAAAAAAAAAAAAAAAAAA', 404)
    await conforming(
      '/verification/selfies/{verification-id}',
      `/verification/selfies/${STORY_IDS.failedInquiryVerifications.governmentId}`,
      404,
    )
    await conforming('/verification/aamvas/{verification-id}', `/verification/aamvas/${STORY_IDS.failedVerification}`, 404)
    await conforming('/cases/{case-id}', '/cases/case_AAAAAAAAAAAAAAAAAAAAAAAA', 404)
    await conforming('/cases', '/cases?filter[nope]=1', 400)
    await conforming('/cases/{case-id}', `/cases/${STORY_IDS.case}?include=nonsense`, 400)
  })

  it('should send the documented error bodies (400, 401, 404, 429)', async () => {
    await conforming('/inquiries', '/inquiries?page%5Bafter%5D=inq_nope', 400)
    await conforming('/inquiries/{inquiry-id}', `/inquiries/${FIXTURE_IDS.inquiry}?include=nonsense`, 400)
    await conforming('/events', '/events', 401, { key: null })
    await conforming('/inquiry-sessions', '/inquiry-sessions', 401, { key: 'not_a_demo_key' })
    await conforming('/inquiries/{inquiry-id}', '/inquiries/inq_AAAAAAAAAAAAAAAAAAAAAAAA', 404)
    await conforming('/events/{event-id}', '/events/evt_AAAAAAAAAAAAAAAAAAAAAAAA', 404)
    const key = `persona_demo_spec_${version}`
    await addFault(upstream, { scope: key, fault: '429', times: 1 })
    await conforming('/inquiries', '/inquiries', 429, { key })
  })
})

describe('the spec validator', () => {
  // A validator that accepted everything would make the suite above pass vacuously.
  it.each(SPEC_VERSIONS)('should catch the deviations the demo once had (%s)', async (version) => {
    const spec = new PersonaSpec(version)
    const res = await persona(upstream, `/inquiry-sessions/${FIXTURE_IDS.inquirySession}?include=inquiry`, {
      headers: { 'Persona-Version': version },
    })
    const good = await body<RetrieveBody>(res)
    expect(spec.errors('/inquiry-sessions/{inquiry-session-id}', 200, good)).toEqual([])

    const numericPrecision = structuredClone(good)
    numericPrecision.data.attributes['gps-precision'] = 12
    expect(spec.errors('/inquiry-sessions/{inquiry-session-id}', 200, numericPrecision).join('\n')).toMatch(/gps-precision/)

    const withoutExpiry = structuredClone(good)
    delete withoutExpiry.included?.[0]?.attributes['expires-at']
    expect(spec.errors('/inquiry-sessions/{inquiry-session-id}', 200, withoutExpiry).join('\n')).toMatch(/expires-at/)

    const document = { type: 'document/government-id', id: 'doc_x', attributes: { status: 'processed', kind: 'government_id' } }
    expect(spec.objectErrors(document).join('\n')).toMatch(/kind/)

    expect(spec.errors('/inquiries/{inquiry-id}', 404, { errors: [{ title: 'Record not found', code: 'x' }] }).join('\n')).toMatch(/code/)
  })

  it('should refuse the 2023-01-05 account attributes under 2025-12-08 only', () => {
    const account = { type: 'account', id: 'act_x', attributes: { 'name-first': 'Jane' } }
    expect(new PersonaSpec('2025-12-08').objectErrors(account).join('\n')).toMatch(/name-first/)
    expect(new PersonaSpec('2023-01-05').objectErrors(account)).toEqual([])
  })
})
