/**
 * The demo upstream's Persona answers, validated against Persona's official OpenAPI documents (vendored in
 * `spec/`, Apache-2.0) for both versions the relay is used with: every list page of the whole dataset,
 * retrieves with every include, event payloads, and the documented error bodies.
 *
 * Where the spec lags what Persona does, the demo keeps the behaviour and the spec is not asked about it:
 * the spec documents no `page[...]` on GET /inquiry-sessions (only `filter[inquiry-id]`), yet the links it
 * documents for that list carry `page[after]` cursors, so the demo pages it like the other lists.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE_IDS } from './seed.ts'
import { PersonaSpec, SPEC_VERSIONS, type SpecPath } from './spec/validator.ts'
import { addFault, body, demo, persona, type ListBody, type RetrieveBody } from './test-support.ts'

const upstream = demo({ rateLimits: false })
const { dataset } = upstream

const INQUIRY_INCLUDES = 'account,documents,template,inquiry-template,inquiry-template-version,reports,transaction,reviewer,selfies,sessions,verifications'
/** Every n-th record gets retrieved (the lists already cover every record's own attributes). */
const SAMPLE_EVERY = 80
/** Validating the whole dataset takes seconds; on a busy 2-core machine, more than vitest's default 5 s. */
const WHOLE_DATASET_TIMEOUT_MS = 60_000
const sample = <T>(items: readonly T[]): T[] => items.filter((_, i) => i % SAMPLE_EVERY === 0)

describe.each(SPEC_VERSIONS)('Persona-Version %s against the official spec', { timeout: WHOLE_DATASET_TIMEOUT_MS }, (version) => {
  let spec: PersonaSpec
  beforeAll(() => {
    spec = new PersonaSpec(version)
  })

  const get = (path: string, init: { key?: string | null } = {}) => persona(upstream, path, { ...init, headers: { 'Persona-Version': version } })

  /** Fetches, checks the status and validates the body against the documented response. */
  async function conforming<T>(specPath: SpecPath, path: string, status = 200, init: { key?: string | null } = {}): Promise<T> {
    const res = await get(path, init)
    const json: unknown = await res.json()
    expect(res.status, JSON.stringify(json).slice(0, 300)).toBe(status)
    expect(spec.errors(specPath, status, json), `${path}`).toEqual([])
    return json as T
  }

  it.each([
    ['/inquiries', dataset.inquiries.length],
    ['/inquiry-sessions', dataset.inquirySessions.length],
    ['/events', dataset.events.length],
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
      const { data, included } = await conforming<RetrieveBody>('/inquiry-sessions/{inquiry-session-id}', `/inquiry-sessions/${session.id}?include=inquiry,device,network`)
      // Every relationship that has data is included (the network too, where the session has one).
      const related = Object.values(data.relationships ?? {}).flatMap(({ data: ref }) => (ref === null ? [] : [ref as { type: string; id: string }]))
      expect(included?.map((r) => `${r.type}:${r.id}`).sort()).toEqual(related.map((r) => `${r.type}:${r.id}`).sort())
      networks += included?.filter((r) => r.type === 'network').length ?? 0
    }
    expect(networks).toBeGreaterThan(0)
  })

  it('should answer include= (explicitly empty) with an empty included array', async () => {
    const { included } = await conforming<RetrieveBody>('/inquiry-sessions/{inquiry-session-id}', `/inquiry-sessions/${FIXTURE_IDS.inquirySession}?include=`)
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
    const res = await persona(upstream, `/inquiry-sessions/${FIXTURE_IDS.inquirySession}?include=inquiry`, { headers: { 'Persona-Version': version } })
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
