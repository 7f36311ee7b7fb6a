import { describe, expect, it } from 'vitest'
import { FIXTURE_IDS } from './seed.ts'
import { body, cursorOf, demo, persona, type ListBody, type PersonaErrorBody, type RetrieveBody } from './test-support.ts'

const upstream = demo()
const { dataset } = upstream
const iso = (ms: number): string => new Date(ms).toISOString()
const ids = (list: ListBody): string[] => list.data.map((r) => r.id)

async function list(path: string, headers: Record<string, string> = {}): Promise<ListBody> {
  const res = await persona(upstream, path, { headers })
  expect(res.status, await res.clone().text()).toBe(200)
  return body<ListBody>(res)
}

async function badRequest(path: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await persona(upstream, path, { headers })
  expect(res.status).toBe(400)
  const error = await body<PersonaErrorBody>(res)
  expect(error.errors[0]?.title).toBe('Bad Request')
  return error.errors[0]?.details ?? ''
}

describe('Persona auth and common headers', () => {
  it('should answer 401 with the documented body when the key is missing', async () => {
    const res = await persona(upstream, '/inquiries', { key: null })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ errors: [{ title: 'Must be authenticated to access this endpoint' }] })
  })

  it.each(['persona_sandbox_abc', 'sk_test_123', 'persona_demo'])('should answer 401 "Token is invalid" for key %s', async (key) => {
    const res = await persona(upstream, '/inquiries', { key })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ errors: [{ title: 'Token is invalid' }] })
  })

  it('should send request-id, rate-limit and environment headers on success and error alike', async () => {
    for (const res of [
      await persona(upstream, '/inquiries'),
      await persona(upstream, '/inquiries', { key: null }),
      await persona(upstream, '/nope'),
    ]) {
      expect(res.headers.get('request-id')).toMatch(/^req_[1-9A-HJ-NP-Za-km-z]{24}$/)
      expect(res.headers.get('ratelimit-limit')).toBe('300')
      expect(Number(res.headers.get('ratelimit-remaining'))).toBeLessThanOrEqual(300)
      expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1)
      expect(Number(res.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60)
      expect(res.headers.get('persona-environment-id')).toBe(dataset.personaEnvironmentId)
      expect(res.headers.get('persona-organization-id')).toBe(dataset.personaOrganizationId)
      expect(res.headers.get('retry-after')).toBeNull()
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    }
  })

  it('should answer 404 Record not found for unknown paths and ids', async () => {
    for (const path of [
      '/accounts',
      '/inquiries/inq_doesNotExist1234567890ab',
      '/events/evt_nope',
      '/inquiry-sessions/' + FIXTURE_IDS.inquiry,
    ]) {
      const res = await persona(upstream, path)
      expect(res.status).toBe(404)
      expect(await res.json()).toEqual({ errors: [{ title: 'Record not found' }] })
    }
  })

  it('should refuse writes with 403 for the read-only demo key', async () => {
    for (const method of ['POST', 'PATCH', 'DELETE', 'PUT']) {
      // approve is an agent action now (persona-actions.ts); expire stays a write no demo key may make.
      const res = await persona(upstream, `/inquiries/${FIXTURE_IDS.inquiry}/expire`, { method })
      expect(res.status).toBe(403)
      expect((await body<PersonaErrorBody>(res)).errors[0]?.title).toBe('Forbidden')
    }
  })
})

describe('Persona pagination', () => {
  const collections = [
    ['inquiries', dataset.inquiries],
    ['inquiry-sessions', dataset.inquirySessions],
    ['events', dataset.events],
  ] as const

  it.each(collections)('should list %s newest first, 10 by default, with relative links', async (path, all) => {
    const page = await list(`/${path}`)
    expect(ids(page)).toEqual(all.slice(0, 10).map((r) => r.id))
    expect(page.links.prev).toBeNull()
    expect(page.links.next).toBe(`/api/v1/${path}?page%5Bafter%5D=${all[9]?.id}`)
  })

  it.each(collections)('should page %s forward through 3 pages and back without duplicates or gaps', async (path, all) => {
    const size = 7
    const forward: ListBody[] = [await list(`/${path}?page[size]=${size}`)]
    for (let i = 0; i < 2; i++) {
      const after = cursorOf(forward[i]?.links.next ?? null, 'after')
      forward.push(await list(`/${path}?page[size]=${size}&page[after]=${after}`))
    }
    expect(forward.flatMap(ids)).toEqual(all.slice(0, 3 * size).map((r) => r.id))
    expect(forward[1]?.links.prev).toBe(`/api/v1/${path}?page%5Bbefore%5D=${all[size]?.id}`)

    const back2 = await list(`/${path}?page[size]=${size}&page[before]=${cursorOf(forward[2]?.links.prev ?? null, 'before')}`)
    expect(ids(back2)).toEqual(ids(forward[1] as ListBody))
    const back1 = await list(`/${path}?page[size]=${size}&page[before]=${cursorOf(back2.links.prev, 'before')}`)
    expect(ids(back1)).toEqual(ids(forward[0] as ListBody))
    expect(back1.links.prev).toBeNull()
  })

  it('should end with next = null on the last page of a filtered list', async () => {
    const wanted = dataset.inquiries.slice(100, 105).map((i) => i.id)
    const first = await list(`/inquiries?page[size]=3&filter[inquiry-id]=${wanted.join(',')}`)
    expect(ids(first)).toEqual(wanted.slice(0, 3))
    const last = await list(
      `/inquiries?page[size]=3&filter[inquiry-id]=${wanted.join(',')}&page[after]=${cursorOf(first.links.next, 'after')}`,
    )
    expect(ids(last)).toEqual(wanted.slice(3))
    expect(last.links.next).toBeNull()
    expect(last.links.prev).toBe(`/api/v1/inquiries?page%5Bbefore%5D=${wanted[3]}`)
  })

  it('should accept page sizes 1 and 100', async () => {
    expect((await list('/events?page[size]=1')).data).toHaveLength(1)
    expect((await list('/events?page[size]=100')).data).toHaveLength(100)
  })

  it.each(['0', '101', '-1', 'abc', '2.5', ''])('should reject page[size]=%s with 400', async (size) => {
    expect(await badRequest(`/inquiries?page[size]=${size}`)).toMatch(/page\[size\]/)
  })

  it('should reject an unknown cursor and after+before together', async () => {
    await badRequest('/inquiries?page[after]=inq_unknown')
    await badRequest(`/inquiries?page[after]=${dataset.inquiries[3]?.id}&page[before]=${dataset.inquiries[1]?.id}`)
  })
})

describe('Persona filters', () => {
  const inquiries = dataset.inquiries
  const expectIds = async (path: string, expected: { id: string }[]): Promise<void> => {
    expect(expected.length, 'the seed should have records for this filter').toBeGreaterThan(0)
    const page = await list(`${path}${path.includes('?') ? '&' : '?'}page[size]=100`)
    expect(ids(page)).toEqual(expected.slice(0, 100).map((r) => r.id))
  }

  it('should filter inquiries by inquiry-id (comma list)', async () => {
    const picked = [inquiries[40], inquiries[5], inquiries[1500]] as { id: string }[]
    await expectIds(
      `/inquiries?filter[inquiry-id]=${picked.map((i) => i.id).join(',')}`,
      inquiries.filter((i) => picked.includes(i)),
    )
  })

  it('should reject more than 100 inquiry ids', async () => {
    const many = inquiries
      .slice(0, 101)
      .map((i) => i.id)
      .join(',')
    expect(await badRequest(`/inquiries?filter[inquiry-id]=${many}`)).toMatch(/100/)
  })

  it('should filter inquiries by account-id, reference-id and template ids', async () => {
    const sample = inquiries.find(
      (i, n) => n > 20 && i.referenceId !== null && inquiries.filter((j) => j.accountId === i.accountId).length > 1,
    )
    if (!sample?.referenceId) throw new Error('the seed should contain returning accounts')
    await expectIds(
      `/inquiries?filter[account-id]=${sample.accountId}`,
      inquiries.filter((i) => i.accountId === sample.accountId),
    )
    await expectIds(
      `/inquiries?filter[reference-id]=${sample.referenceId}`,
      inquiries.filter((i) => i.referenceId === sample.referenceId),
    )
    const template = 'itmpl_p8ANAJy9iqadm2buF2xcVgqH'
    await expectIds(
      `/inquiries?filter[inquiry-template-id]=${template}`,
      inquiries.filter((i) => i.inquiryTemplateId === template),
    )
    const legacy = inquiries.find((i) => i.templateId !== null)?.templateId as string
    await expectIds(
      `/inquiries?filter[template-id]=${legacy}`,
      inquiries.filter((i) => i.templateId === legacy),
    )
  })

  it('should filter inquiries by status as a comma list or an array', async () => {
    const wanted = inquiries.filter((i) => i.status === 'pending' || i.status === 'needs_review')
    await expectIds('/inquiries?filter[status]=pending,needs_review', wanted)
    await expectIds('/inquiries?filter[status][]=pending&filter[status][]=needs_review', wanted)
  })

  it('should filter by note only, and reject note combined with another filter', async () => {
    await expectIds(
      '/inquiries?filter[note]=compliance',
      inquiries.filter((i) => i.note?.toLowerCase().includes('compliance')),
    )
    expect(await badRequest('/inquiries?filter[note]=vip&filter[status]=approved')).toMatch(/only filter/)
  })

  it('should filter by created-at-start/end, both inclusive', async () => {
    const newer = inquiries[30] as { createdAt: number }
    const older = inquiries[60] as { createdAt: number }
    await expectIds(
      `/inquiries?filter[created-at-start]=${iso(older.createdAt)}&filter[created-at-end]=${iso(newer.createdAt)}`,
      inquiries.slice(30, 61),
    )
    expect(await badRequest('/inquiries?filter[created-at-start]=yesterday')).toMatch(/ISO 8601/)
  })

  it('should accept filter names in any casing', async () => {
    const target = inquiries[7] as { id: string }
    await expectIds(`/inquiries?filter[inquiry_id]=${target.id}`, [target])
    await expectIds(`/inquiries?filter[inquiryId]=${target.id}`, [target])
  })

  it('should filter inquiry sessions by inquiry-id', async () => {
    const inquiry = inquiries.find((i) => i.sessionIds.length >= 3) as (typeof inquiries)[number]
    await expectIds(
      `/inquiry-sessions?filter[inquiry-id]=${inquiry.id}`,
      dataset.inquirySessions.filter((s) => s.inquiryId === inquiry.id),
    )
  })

  it('should filter events by name, object-id and id', async () => {
    await expectIds(
      '/events?filter[name]=inquiry.approved,inquiry.declined',
      dataset.events.filter((e) => e.name === 'inquiry.approved' || e.name === 'inquiry.declined'),
    )
    await expectIds(
      `/events?filter[object-id]=${FIXTURE_IDS.inquiry}`,
      dataset.events.filter((e) => e.object.id === FIXTURE_IDS.inquiry),
    )
    const some = [dataset.events[3], dataset.events[900]] as { id: string }[]
    await expectIds(`/events?filter[id]=${some.map((e) => e.id).join(',')}`, some)
  })

  it.each([
    ['/inquiries?filter[name]=x'],
    ['/inquiries?filter[foo]=bar'],
    ['/inquiry-sessions?filter[status]=active'],
    ['/events?filter[created-at-start]=2026-01-01T00:00:00Z'],
  ])('should reject an unsupported filter: %s', async (path) => {
    expect(await badRequest(path)).toMatch(/not a supported filter/)
  })

  it.each(['/inquiries', '/inquiry-sessions', '/events'])('should reject include on the %s list', async (path) => {
    expect(await badRequest(`${path}?include=sessions`)).toMatch(/include/)
  })
})

describe('Persona resource shapes', () => {
  const fixturePath = `/inquiries/${FIXTURE_IDS.inquiry}`

  it('should serve the documented example inquiry', async () => {
    const { data, included } = await body<RetrieveBody>(await persona(upstream, fixturePath))
    expect(data.attributes).toMatchObject({
      status: 'approved',
      'reference-id': 'abc-123',
      'created-at': '2023-03-29T19:06:45.000Z',
      'decisioned-at': '2023-03-29T19:09:02.000Z',
      fields: { 'name-first': { type: 'string', value: 'Jane' }, birthdate: { type: 'date', value: '1995-09-08' } },
    })
    expect(data.relationships?.sessions).toEqual({ data: [{ type: 'inquiry-session', id: FIXTURE_IDS.inquirySession }] })
    // Default version 2025-12-08: no top-level PII, expires-at present, nothing embedded unless asked.
    expect(data.attributes).not.toHaveProperty('name-first')
    expect(data.attributes).toHaveProperty('expires-at')
    expect(included).toBeUndefined()
  })

  it('should embed only the relationships named in include', async () => {
    const { included } = await body<RetrieveBody>(await persona(upstream, `${fixturePath}?include=sessions,inquiry-template,account`))
    expect(included?.map((r) => `${r.type}:${r.id}`).sort()).toEqual(
      [
        'account:act_n2uq9eKMboaCQzu9ALWYcVdN',
        'inquiry-session:' + FIXTURE_IDS.inquirySession,
        'inquiry-template:itmpl_p8ANAJy9iqadm2buF2xcVgqH',
      ].sort(),
    )
    expect(included?.find((r) => r.type === 'inquiry-template')?.attributes).toEqual({ status: 'active', name: 'Twilio Desktop' })
    expect(await badRequest(`${fixturePath}?include=nonsense`)).toMatch(/nonsense/)
  })

  it('should use the ≤ 2023-01-05 shape: top-level PII and included by default', async () => {
    const res = await persona(upstream, fixturePath, { headers: { 'Persona-Version': '2023-01-05' } })
    const { data, included } = await body<RetrieveBody>(res)
    expect(data.attributes).toMatchObject({
      'name-first': 'Jane',
      'name-last': 'Doe',
      'address-subdivision-abbr': 'CA',
      'email-address': 'jane@doe.com',
    })
    // The 2023-01-05 spec requires expires-at too (Persona's model docs call it new, docs/vendors/persona.md §12).
    expect(data.attributes).toHaveProperty('expires-at')
    expect(included?.find((r) => r.type === 'account')?.attributes).toMatchObject({ 'name-first': 'Jane', 'email-address': 'jane@doe.com' })
    const session = included?.find((r) => r.type === 'inquiry-session')
    expect(session?.id).toBe(FIXTURE_IDS.inquirySession)
    // The 2023-01-05 spec lists the network attributes and relationship too (Persona's prose calls them new, docs/vendors/persona.md §12).
    expect(session?.attributes).toHaveProperty('ip-connection-type')
    expect(session?.relationships).toHaveProperty('network')
    expect(included?.some((r) => r.type === 'verification/government-id')).toBe(true)
  })

  it.each(['2025-10-27', '2025-12-08'])('should not embed anything by default on %s', async (version) => {
    const { included } = await body<RetrieveBody>(await persona(upstream, fixturePath, { headers: { 'Persona-Version': version } }))
    expect(included).toBeUndefined()
  })

  it.each(['2026-09-29', 'latest', '2025-12-8'])('should reject Persona-Version %s', async (version) => {
    expect(await badRequest('/inquiries', { 'Persona-Version': version })).toMatch(/Persona-Version/)
  })

  it('should apply sparse fieldsets, including nested field paths', async () => {
    const page = await list(`/inquiries?page[size]=2&fields[inquiry]=status,fields.name-first`)
    for (const r of page.data) {
      expect(Object.keys(r.attributes)).toEqual(['status', 'fields'])
      expect(Object.keys(r.attributes.fields as object)).toEqual(['name-first'])
      expect(r.relationships).toBeDefined()
    }
  })

  it.each([
    ['camel', 'createdAt', 'nameFirst', 'inquiryTemplate'],
    ['snake', 'created_at', 'name_first', 'inquiry_template'],
    ['kebab', 'created-at', 'name-first', 'inquiry-template'],
  ])('should inflect keys (not values) for Key-Inflection: %s', async (style, createdAt, nameFirst, relationship) => {
    const { data, included } = await body<RetrieveBody>(
      await persona(upstream, `${fixturePath}?include=sessions,account`, { headers: { 'Key-Inflection': style } }),
    )
    expect(data.attributes).toHaveProperty(createdAt)
    expect(data.attributes.fields).toHaveProperty(nameFirst)
    expect(data.relationships).toHaveProperty(relationship)
    expect(included?.find((r) => r.type === 'inquiry-session')?.type).toBe('inquiry-session')
    // Account fields are never inflected.
    const account = included?.find((r) => r.type === 'account')
    expect(Object.keys(account?.attributes.fields as object)).toContain('email_address')
  })

  it('should default to kebab and reject an unknown Key-Inflection', async () => {
    const { data } = await list('/inquiries?page[size]=1')
    expect(data[0]?.attributes).toHaveProperty('created-at')
    expect(await badRequest('/inquiries', { 'Key-Inflection': 'pascal' })).toMatch(/Key-Inflection/)
  })

  it('should carry the object as it was when the event fired', async () => {
    const completed = await body<RetrieveBody>(await persona(upstream, `/events/${FIXTURE_IDS.completedEvent}`))
    const payload = (completed.data.attributes.payload as { data: { attributes: Record<string, unknown> } }).data
    expect(completed.data.attributes.name).toBe('inquiry.completed')
    expect(payload.attributes.status).toBe('completed')
    expect(payload.attributes['decisioned-at']).toBeNull()
    const approved = await body<RetrieveBody>(await persona(upstream, `/events/${FIXTURE_IDS.approvedEvent}`))
    expect(approved.data.attributes['created-at']).toBe('2023-03-29T19:09:02.412Z')
    expect((approved.data.attributes.payload as { data: { id: string } }).data.id).toBe(FIXTURE_IDS.inquiry)
  })

  it('should serve an inquiry session with its inquiry and device relationships', async () => {
    const { data } = await body<RetrieveBody>(await persona(upstream, `/inquiry-sessions/${FIXTURE_IDS.inquirySession}`))
    expect(data.attributes).toMatchObject({ status: 'expired', 'ip-address': '127.0.0.1', 'threat-level': 'low', 'browser-name': 'Chrome' })
    expect(data.relationships?.inquiry).toEqual({ data: { type: 'inquiry', id: FIXTURE_IDS.inquiry } })
  })
})

describe('Persona rate limit', () => {
  it('should allow 300 requests a minute per key, then answer 429 without Retry-After', async () => {
    let now = Date.parse('2026-06-01T12:00:10.000Z')
    const limited = demo({ clock: () => now })
    for (let i = 0; i < 300; i++) {
      const res = await persona(limited, '/events?page[size]=1', { key: 'persona_demo_rl' })
      expect(res.status).toBe(200)
      if (i === 0) expect(res.headers.get('ratelimit-remaining')).toBe('299')
    }
    const blocked = await persona(limited, '/events', { key: 'persona_demo_rl' })
    expect(blocked.status).toBe(429)
    expect(await blocked.json()).toEqual({
      errors: [
        {
          title: 'Rate limit exceeded',
          details:
            'You have hit your rate limit of 300 requests / min. Please reach out to support@withpersona.com if you need this changed.',
        },
      ],
    })
    expect(blocked.headers.get('ratelimit-remaining')).toBe('0')
    expect(blocked.headers.get('ratelimit-reset')).toBe('50')
    expect(blocked.headers.get('retry-after')).toBeNull()
    // Another key has its own budget; the next minute starts afresh.
    expect((await persona(limited, '/events', { key: 'persona_demo_other' })).status).toBe(200)
    now = Date.parse('2026-06-01T12:01:00.000Z')
    expect((await persona(limited, '/events', { key: 'persona_demo_rl' })).status).toBe(200)
  })

  it('should not enforce the limit when rateLimits is off', async () => {
    const unlimited = demo({ rateLimits: false, clock: () => 0 })
    for (let i = 0; i < 305; i++) await persona(unlimited, '/events?page[size]=1', { key: 'persona_demo_free' })
    const res = await persona(unlimited, '/events?page[size]=1', { key: 'persona_demo_free' })
    expect(res.status).toBe(200)
    expect(res.headers.get('ratelimit-remaining')).toBe('0')
  })
})
