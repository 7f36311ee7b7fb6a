import { describe, expect, it } from 'vitest'
import type { DeepidvSessionList } from '@idv-lens/shared/api'
import { testRelay } from '../../../test/helpers.ts'

const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'

describe('deepidv relays', () => {
  it('lists sessions newest first and pages with next_token without duplicates or gaps', async () => {
    const relay = testRelay()
    const whole = (await (await relay.get('/v1/deepidv/sessions?limit=30&by_organization=true')).json()) as DeepidvSessionList
    const seen: string[] = []
    let token: string | null = null
    for (let page = 0; page < 3; page++) {
      const res = await relay.get(
        `/v1/deepidv/sessions?limit=10&by_organization=true${token ? `&next_token=${encodeURIComponent(token)}` : ''}`,
      )
      expect(res.status).toBe(200)
      const body = (await res.json()) as DeepidvSessionList
      expect(body.sessions).toHaveLength(10)
      seen.push(...body.sessions.map((s) => s.id))
      token = body.next_token
      expect(token).toBeTruthy()
    }
    expect(seen).toEqual(whole.sessions.map((s) => s.id))
    const times = whole.sessions.map((s) => Date.parse(s.created_at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('narrows by date range and organization scope', async () => {
    const relay = testRelay()
    const mine = (await (await relay.get('/v1/deepidv/sessions?limit=100')).json()) as DeepidvSessionList
    const all = (await (await relay.get('/v1/deepidv/sessions?limit=500&by_organization=true')).json()) as DeepidvSessionList
    // Without by_organization, deepidv lists only the sessions the key's own user sent.
    const me = mine.sessions[0]!.sender_user_id
    expect(mine.sessions.every((s) => s.sender_user_id === me)).toBe(true)
    expect(all.sessions.some((s) => s.sender_user_id !== me)).toBe(true)
    const newest = all.sessions[0]!.created_at
    const since = new Date(Date.parse(newest) - 24 * 3600 * 1000).toISOString()
    const recent = (await (
      await relay.get(`/v1/deepidv/sessions?limit=500&by_organization=true&start_date=${since}`)
    ).json()) as DeepidvSessionList
    expect(recent.sessions.length).toBeGreaterThan(0)
    expect(recent.sessions.length).toBeLessThan(all.sessions.length)
    expect(recent.sessions.every((s) => s.created_at >= since)).toBe(true)
  })

  it('retrieves a session without its presigned document links', async () => {
    const relay = testRelay()
    const res = await relay.get(`/v1/deepidv/sessions/${UUID}`)
    expect(res.status).toBe(200)
    const text = await res.text()
    const body = JSON.parse(text)
    expect(body.session_record.id).toBe(UUID)
    expect(body.session_record.status).toBe('VERIFIED')
    expect(body).not.toHaveProperty('resource_links')
    expect(text).not.toMatch(/X-Amz-Signature|amazonaws/)
  })

  it('treats an uppercase UUID as the same session', async () => {
    const relay = testRelay()
    const res = await relay.get(`/v1/deepidv/sessions/${UUID.toUpperCase()}`)
    expect(res.status).toBe(200)
  })

  it('passes a deepidv 404 through, without its wording (deepidv documents no 404 message)', async () => {
    const relay = testRelay()
    const res = await relay.get('/v1/deepidv/sessions/00000000-0000-4000-8000-000000000000')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ code: 'not-found', provider: 'deepidv', detail: 'deepidv has no such record' })
  })
})
