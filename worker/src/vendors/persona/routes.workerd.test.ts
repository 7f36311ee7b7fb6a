import { describe, expect, it } from 'vitest'
import type { PersonaList, PersonaSingle } from '@idv-lens/shared/api'
import { testRelay } from '../../../test/helpers.ts'

type Item = { id: string; type: string; attributes: Record<string, unknown>; relationships?: Record<string, { data: unknown }> }
const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const IQSE = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'
const EVT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'

const createdAt = (item: Item) => Date.parse(String(item.attributes['created-at'] ?? item.attributes['createdAt']))

describe('Persona relays', () => {
  it.each(['inquiries', 'inquiry-sessions', 'events'])('lists %s newest first, as Persona returns them', async (resource) => {
    const relay = testRelay()
    const res = await relay.get(`/v1/persona/${resource}?page%5Bsize%5D=25`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    const body = (await res.json()) as PersonaList<Item>
    expect(body.data).toHaveLength(25)
    const times = body.data.map(createdAt)
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(body.links.prev).toBeNull()
    expect(body.links.next).toMatch(new RegExp(`^/v1/persona/${resource}\\?`))
  })

  it.each(['inquiries', 'inquiry-sessions', 'events'])(
    'follows links.next through three pages of %s with no duplicates and no gaps',
    async (resource) => {
      const relay = testRelay()
      const whole = (await (await relay.get(`/v1/persona/${resource}?page%5Bsize%5D=21`)).json()) as PersonaList<Item>
      const seen: string[] = []
      let path: string | null = `/v1/persona/${resource}?page%5Bsize%5D=7`
      for (let page = 0; page < 3; page++) {
        const body = (await (await relay.get(path as string)).json()) as PersonaList<Item>
        expect(body.data).toHaveLength(7)
        seen.push(...body.data.map((i) => i.id))
        path = body.links.next
        // The relay keeps the caller's page size in the link it rewrote.
        expect(path).toContain('page%5Bsize%5D=7')
      }
      expect(new Set(seen).size).toBe(21)
      expect(seen).toEqual(whole.data.map((i) => i.id))
      // And back: page[before] of the second page's first item gives the first page.
      const third = (await (await relay.get(path as string)).json()) as PersonaList<Item>
      expect(third.links.prev).toMatch(/page%5Bbefore%5D=/)
    },
  )

  it('keeps filters in the rewritten links and narrows the list', async () => {
    const relay = testRelay()
    const body = (await (await relay.get('/v1/persona/inquiries?filter%5Bstatus%5D=approved&page%5Bsize%5D=5')).json()) as PersonaList<Item>
    expect(body.data.length).toBeGreaterThan(0)
    expect(body.data.every((i) => i.attributes.status === 'approved')).toBe(true)
    expect(body.links.next).toContain('filter%5Bstatus%5D=approved')
    const next = (await (await relay.get(body.links.next as string)).json()) as PersonaList<Item>
    expect(next.data.every((i) => i.attributes.status === 'approved')).toBe(true)
  })

  it('lists the sessions of one inquiry and the events of one object', async () => {
    const relay = testRelay()
    const sessions = (await (await relay.get(`/v1/persona/inquiry-sessions?filter%5Binquiry-id%5D=${INQ}`)).json()) as PersonaList<Item>
    expect(sessions.data.map((s) => s.id)).toContain(IQSE)
    for (const s of sessions.data) expect(s.relationships?.inquiry?.data).toMatchObject({ id: INQ })
    const events = (await (
      await relay.get(`/v1/persona/events?filter%5Bobject-id%5D=${INQ}&page%5Bsize%5D=50`)
    ).json()) as PersonaList<Item>
    expect(events.data.map((e) => e.id)).toContain(EVT)
  })

  it.each([
    ['inquiries', INQ],
    ['inquiry-sessions', IQSE],
    ['events', EVT],
  ])('retrieves one of %s', async (resource, id) => {
    const relay = testRelay()
    const res = await relay.get(`/v1/persona/${resource}/${id}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as PersonaSingle<Item>
    expect(body.data.id).toBe(id)
  })

  it('forwards Key-Inflection and Persona-Version, and only those, with its own key', async () => {
    const relay = testRelay()
    const res = await relay.get(`/v1/persona/inquiries/${INQ}?include=sessions`, {
      headers: { 'key-inflection': 'camel', 'persona-version': '2023-01-05', 'x-forwarded-for': '1.2.3.4', cookie: 'a=b' },
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { data: Item; included?: Item[] }
    expect(body.data.attributes).toHaveProperty('createdAt')
    // 2023-01-05 still has top-level names: the allowlist keeps them in the relay, in any inflection.
    expect(body.data.attributes).not.toHaveProperty('nameFirst')
    expect(body.included?.some((i) => i.id === IQSE)).toBe(true)
    const [call] = (await relay.upstreamCalls()).requests
    expect(call?.headers).toMatchObject({ 'key-inflection': 'camel', 'persona-version': '2023-01-05' })
    expect(JSON.stringify(call?.headers)).not.toMatch(/1\.2\.3\.4|a=b/)
  })

  it.each([
    ['inquiries', INQ],
    ['inquiry-sessions', IQSE],
    ['events', EVT],
  ])('relays include= (explicitly empty, as Persona documents) on %s: included is []', async (resource, id) => {
    const relay = testRelay()
    const res = await relay.get(`/v1/persona/${resource}/${id}?include=`, { headers: { 'persona-version': '2023-01-05' } })
    expect(res.status).toBe(200)
    // 2023-01-05 embeds related objects by default: the empty include is what leaves them out.
    expect(((await res.json()) as { included?: Item[] }).included).toEqual([])
    const [call] = (await relay.upstreamCalls()).requests
    expect(call?.query).toEqual({ include: '' })
  })

  it('passes a Persona 404 through with the vendor message', async () => {
    const relay = testRelay()
    const res = await relay.get('/v1/persona/inquiries/inq_AAAAAAAAAAAAAAAAAAAAAAAA')
    expect(res.status).toBe(404)
    const problem = (await res.json()) as { code: string; detail: string; provider: string }
    expect(problem).toMatchObject({ code: 'not-found', provider: 'persona' })
    expect(problem.detail).toContain('Record not found')
  })
})
