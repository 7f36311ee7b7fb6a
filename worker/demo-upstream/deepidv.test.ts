import { describe, expect, it } from 'vitest'
import type { ListSessionsBody, RetrieveSessionBody } from './deepidv-resources.ts'
import { FIXTURE_IDS } from './seed.ts'
import { body, deepidv, demo } from './test-support.ts'

const upstream = demo()
const { dataset } = upstream
const all = dataset.deepidvSessions.map((s) => s.record)
const mine = all.filter((r) => r.sender_user_id === dataset.deepidvDemoUserId)

async function list(query: string, key?: string): Promise<ListSessionsBody> {
  const res = await deepidv(upstream, `/sessions${query}`, { key })
  expect(res.status, await res.clone().text()).toBe(200)
  return body<ListSessionsBody>(res)
}

async function badRequest(path: string): Promise<string> {
  const res = await deepidv(upstream, path)
  expect(res.status).toBe(400)
  return (await body<{ error: string }>(res)).error
}

describe('deepidv auth', () => {
  it.each([null, 'sk_test_123', 'deepidv_live_x'])('should answer 401 for key %s', async (key) => {
    const res = await deepidv(upstream, '/sessions', { key })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: 'Invalid API key.' })
  })

  it('should refuse writes like a sandbox key does', async () => {
    for (const [method, path] of [
      ['POST', '/sessions'],
      ['PATCH', `/sessions/${FIXTURE_IDS.deepidvSession}/update-status`],
      ['DELETE', '/sessions'],
    ]) {
      const res = await deepidv(upstream, path as string, { method })
      expect(res.status).toBe(403)
      expect(await res.json()).toEqual({ error: 'This is a sandbox API key. Use a live API key to create or modify resources.' })
    }
  })
})

describe('deepidv GET /v1/sessions', () => {
  it("should list the key user's sessions newest first, 50 by default, without retrieve-only members", async () => {
    const page = await list('')
    expect(page.sessions.map((s) => s.id)).toEqual(mine.slice(0, 50).map((s) => s.id))
    expect(page.next_token).toBe(btoa(JSON.stringify({ id: mine[49]?.id })))
    for (const key of ['user', 'sender_user', 'resource_links']) expect(page.sessions[0]).not.toHaveProperty(key)
  })

  it('should page with next_token through 3 pages without duplicates or gaps', async () => {
    const pages: ListSessionsBody[] = [await list('?limit=40')]
    for (let i = 0; i < 2; i++) pages.push(await list(`?limit=40&next_token=${encodeURIComponent(pages[i]?.next_token ?? '')}`))
    expect(pages.flatMap((p) => p.sessions.map((s) => s.id))).toEqual(mine.slice(0, 120).map((s) => s.id))
  })

  it('should return next_token null on the last page', async () => {
    const page = await list(`?limit=500&by_organization=true&start_date=${all[30]?.created_at}`)
    expect(page.sessions).toHaveLength(31)
    expect(page.next_token).toBeNull()
  })

  it('should accept limits 1 and 500 and reject anything else', async () => {
    expect((await list('?limit=1')).sessions).toHaveLength(1)
    expect((await list('?limit=500&by_organization=true')).sessions).toHaveLength(500)
    for (const limit of ['0', '501', 'ten', '-5', '1.5']) expect(await badRequest(`/sessions?limit=${limit}`)).toMatch(/limit/)
  })

  it.each(['garbage!', btoa('not json'), btoa(JSON.stringify({ id: '00000000-0000-4000-8000-000000000000' })), btoa('{"key":"x"}')])(
    'should reject next_token %s',
    async (token) => {
      expect(await badRequest(`/sessions?next_token=${encodeURIComponent(token)}`)).toBe('Invalid next_token')
    },
  )

  it('should filter by start_date and end_date inclusively, and reject bad dates', async () => {
    const newer = all[10]
    const older = all[40]
    const page = await list(`?by_organization=true&limit=500&start_date=${older?.created_at}&end_date=${newer?.created_at}`)
    expect(page.sessions.map((s) => s.id)).toEqual(all.slice(10, 41).map((s) => s.id))
    expect(await badRequest('/sessions?start_date=last-week')).toMatch(/start_date/)
    expect(await badRequest('/sessions?end_date=2025-13-45T00:00:00Z')).toMatch(/end_date/)
  })

  it('should treat a date-only end_date as the whole day', async () => {
    const day = all[100]?.created_at.slice(0, 10) as string
    const page = await list(`?by_organization=true&limit=500&start_date=${day}&end_date=${day}`)
    expect(page.sessions.map((s) => s.id)).toEqual(all.filter((s) => s.created_at.startsWith(day)).map((s) => s.id))
  })

  it('should include colleagues’ sessions only with by_organization=true', async () => {
    const org = await list('?by_organization=true&limit=100')
    expect(org.sessions.map((s) => s.id)).toEqual(all.slice(0, 100).map((s) => s.id))
    expect(org.sessions.some((s) => s.sender_user_id !== dataset.deepidvDemoUserId)).toBe(true)
    expect(await badRequest('/sessions?by_organization=yes')).toMatch(/by_organization/)
  })

  it('should apply the documented priority: external_id > workflow_id > by_organization > sender', async () => {
    const shared = all.find((r, _, list) => r.external_id !== undefined && list.filter((o) => o.external_id === r.external_id).length > 1)
    const externalId = shared?.external_id as string
    const byExternal = all.filter((r) => r.external_id === externalId)
    // external_id wins over a workflow_id that matches none of them and over by_organization=false.
    const res = await list(`?external_id=${externalId}&workflow_id=00000000-0000-4000-8000-000000000000&by_organization=false&limit=500`)
    expect(res.sessions.map((s) => s.id)).toEqual(byExternal.map((s) => s.id))
    const workflow = '7b3e9f24-5c1a-4d8b-9e6f-2a0c4d7b1e58'
    const byWorkflow = await list(`?workflow_id=${workflow}&by_organization=false&limit=500`)
    expect(byWorkflow.sessions.map((s) => s.id)).toEqual(
      all
        .filter((r) => r.workflow_id === workflow)
        .slice(0, 500)
        .map((s) => s.id),
    )
  })
})

describe('deepidv GET /v1/sessions/:id', () => {
  it('should return the fixture with user, sender_user and presigned resource links', async () => {
    const res = await deepidv(upstream, `/sessions/${FIXTURE_IDS.deepidvSession}`)
    expect(res.status).toBe(200)
    const session = await body<RetrieveSessionBody>(res)
    expect(session.session_record).toMatchObject({
      id: FIXTURE_IDS.deepidvSession,
      status: 'VERIFIED',
      session_progress: 'COMPLETED',
      location: { country: 'Canada' },
      analysis_data: { faceliveness_score: 99.49 },
    })
    expect(session.user).toMatchObject({ first_name: 'John', last_name: 'Doe', email: 'john.doe@example.com' })
    expect(session.sender_user).toMatchObject({ id: dataset.deepidvDemoUserId, first_name: 'Ava' })
    expect(Object.keys(session.resource_links).sort()).toEqual([
      'id_back',
      'id_front',
      'pdf_summary',
      'selfie_front',
      'selfie_left',
      'selfie_right',
    ])
    expect(session.resource_links.id_front).toMatch(
      /^https:\/\/deepidv-uploads\.s3\.amazonaws\.com\/.+\?X-Amz-Algorithm=AWS4-HMAC-SHA256&.*X-Amz-Signature=[0-9a-f]{64}$/,
    )
  })

  it('should answer 400 for a malformed id and 404 for an unknown one', async () => {
    expect(await badRequest('/sessions/test_verified')).toBe('Invalid session id')
    const res = await deepidv(upstream, '/sessions/00000000-0000-4000-8000-000000000000')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: 'Session not found' })
  })
})

describe('deepidv rate limit', () => {
  it('should allow a burst of 35, then 429, refilling at 25 per second', async () => {
    let now = 1_000_000
    const limited = demo({ clock: () => now })
    const statuses: number[] = []
    for (let i = 0; i < 36; i++) statuses.push((await deepidv(limited, '/sessions?limit=1', { key: 'deepidv_demo_rl' })).status)
    expect(statuses.slice(0, 35).every((s) => s === 200)).toBe(true)
    const blocked = await deepidv(limited, '/sessions?limit=1', { key: 'deepidv_demo_rl' })
    expect(blocked.status).toBe(429)
    expect(await blocked.json()).toEqual({ error: 'Too many requests' })
    expect((await deepidv(limited, '/sessions?limit=1', { key: 'deepidv_demo_other' })).status).toBe(200)
    now += 200 // 5 tokens
    for (let i = 0; i < 5; i++) expect((await deepidv(limited, '/sessions?limit=1', { key: 'deepidv_demo_rl' })).status).toBe(200)
    expect((await deepidv(limited, '/sessions?limit=1', { key: 'deepidv_demo_rl' })).status).toBe(429)
  })

  it('should not enforce the limit when rateLimits is off', async () => {
    const unlimited = demo({ rateLimits: false, clock: () => 0 })
    for (let i = 0; i < 40; i++) expect((await deepidv(unlimited, '/sessions?limit=1')).status).toBe(200)
  })
})
