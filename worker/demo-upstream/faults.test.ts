import { describe, expect, it } from 'vitest'
import { PROVIDERS, type ScopeStats } from './scope-state.ts'
import { addFault, body, deepidv, demo, persona, type PersonaErrorBody } from './test-support.ts'

const upstream = demo()
const stats = async (scope: string): Promise<ScopeStats> => body<ScopeStats>(await upstream.app.request(`/__demo/stats?scope=${scope}`))

/** Resolves to 'pending' if the promise hasn't settled within `ms`. */
const settledWithin = <T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> =>
  Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms))])

describe('fault injection', () => {
  it('should delay by latencyMs and then answer normally', async () => {
    const key = 'persona_demo_latency'
    await addFault(upstream, { scope: key, fault: 'latency', latencyMs: 120, times: 1 })
    const started = performance.now()
    const res = await persona(upstream, '/inquiries', { key })
    expect(res.status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(100)
  })

  it('should answer Persona 429 with the documented body and ratelimit-reset = retryAfterSeconds (default 30)', async () => {
    const key = 'persona_demo_429'
    await addFault(upstream, { scope: key, fault: '429', times: 1 })
    await addFault(upstream, { scope: key, fault: '429', retryAfterSeconds: 7, times: 1 })
    const first = await persona(upstream, '/inquiries', { key })
    expect(first.status).toBe(429)
    expect((await body<PersonaErrorBody>(first)).errors[0]?.title).toBe('Rate limit exceeded')
    expect(first.headers.get('ratelimit-reset')).toBe('30')
    expect(first.headers.get('ratelimit-remaining')).toBe('0')
    expect(first.headers.get('ratelimit-limit')).toBe('300')
    expect(first.headers.get('retry-after')).toBeNull()
    expect(first.headers.get('request-id')).toMatch(/^req_/)
    expect((await persona(upstream, '/inquiries', { key })).headers.get('ratelimit-reset')).toBe('7')
    expect((await persona(upstream, '/inquiries', { key })).status).toBe(200)
  })

  it('should answer deepidv 429 with its JSON error and retry-after', async () => {
    const key = 'deepidv_demo_429'
    await addFault(upstream, { scope: key, fault: '429', retryAfterSeconds: 3, times: 1 })
    const res = await deepidv(upstream, '/sessions', { key })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('3')
    expect(await res.json()).toEqual({ error: 'Too many requests' })
  })

  it.each([
    ['persona', '500', { errors: [{ title: 'Internal server error' }] }],
    ['persona', '503', { errors: [{ title: 'Service unavailable' }] }],
    ['persona', '401', { errors: [{ title: 'Token is invalid' }] }],
    ['deepidv', '500', { message: 'Internal server error' }],
    ['deepidv', '503', { error: 'Service unavailable' }],
    ['deepidv', '401', { error: 'Invalid API key.' }],
  ] as const)('should answer %s fault %s in the vendor’s error format', async (provider, fault, expected) => {
    const key = `${provider}_demo_${fault}`
    await addFault(upstream, { scope: key, fault, times: 1 })
    const res = provider === 'persona' ? await persona(upstream, '/events', { key }) : await deepidv(upstream, '/sessions', { key })
    expect(res.status).toBe(Number(fault))
    expect(await res.json()).toEqual(expected)
  })

  it.each(['persona', 'deepidv'] as const)('should answer %s 200 with a truncated JSON body for malformed', async (provider) => {
    const key = `${provider}_demo_malformed`
    await addFault(upstream, { scope: key, fault: 'malformed', times: 1 })
    const res = provider === 'persona' ? await persona(upstream, '/events', { key }) : await deepidv(upstream, '/sessions', { key })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const text = await res.text()
    expect(text.length).toBeGreaterThan(10)
    expect(() => JSON.parse(text)).toThrow()
  })

  it('should stream an invalid body in chunks without a length when asked, each chunk after its pause', async () => {
    const key = 'persona_demo_chunked'
    const sent = { data: [{ type: 'inquiry', id: 'inq_x', attributes: { notes: 'n'.repeat(10_000) } }], links: { prev: null, next: null } }
    await addFault(upstream, { scope: key, fault: 'invalid', body: sent, chunkBytes: 1000, chunkDelayMs: 5, times: 1 })
    const res = await persona(upstream, '/inquiries', { key })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBeNull()
    const reader = res.body!.getReader()
    const sizes: number[] = []
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) sizes.push(chunk.value.byteLength)
    const total = JSON.stringify(sent).length
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(total)
    expect(sizes.length).toBe(Math.ceil(total / 1000))
  })

  it('should hang until the client aborts, then end without a response', async () => {
    const key = 'persona_demo_hang'
    await addFault(upstream, { scope: key, fault: 'hang' })
    const controller = new AbortController()
    const pending = persona(upstream, '/inquiries', { key, signal: controller.signal })
    expect(await settledWithin(pending, 150)).toBe('pending')
    controller.abort()
    await expect(pending).rejects.toThrow()
    expect((await stats(key)).requests[0]).toMatchObject({ fault: 'hang', status: null })
  })

  it('should drop the connection (a rejected fetch in-process)', async () => {
    const key = 'deepidv_demo_drop'
    await addFault(upstream, { scope: key, fault: 'drop', times: 1 })
    await expect(deepidv(upstream, '/sessions', { key })).rejects.toThrow(/drop/)
    expect((await deepidv(upstream, '/sessions', { key })).status).toBe(200)
  })

  it('should apply a fault only `times` times, in the order added', async () => {
    const key = 'persona_demo_times'
    await addFault(upstream, { scope: key, fault: '503', times: 2 })
    await addFault(upstream, { scope: key, fault: '500', times: 1 })
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await persona(upstream, '/events', { key })).status)
    expect(statuses).toEqual([503, 503, 500, 200])
  })

  it('should limit a fault to one provider when asked', async () => {
    const key = 'shared_demo_key'
    await addFault(upstream, { scope: key, provider: 'deepidv', fault: '500' })
    expect((await persona(upstream, '/events', { key })).status).toBe(401) // not faulted: Persona rejects the key itself
    expect((await deepidv(upstream, '/sessions', { key })).status).toBe(500)
  })

  it("should limit a fault to the requests that name `contains` (one record's ID) in their path or query when asked", async () => {
    const key = 'persona_demo_one_record'
    const id = 'inq_NoSuchRecordForThisFault01'
    await addFault(upstream, { scope: key, contains: id, fault: '503' })
    expect((await persona(upstream, '/events', { key })).status).toBe(200)
    expect((await persona(upstream, `/inquiries/${id}`, { key })).status).toBe(503)
    expect((await persona(upstream, `/cases?filter%5Binquiry-id%5D=inq_Other,${id}`, { key })).status).toBe(503)
  })
})

describe('per-scope state', () => {
  it('should keep faults and stats apart for different keys', async () => {
    const a = 'persona_demo_scope_a'
    const b = 'persona_demo_scope_b'
    await addFault(upstream, { scope: a, fault: '500' })
    expect((await persona(upstream, '/events', { key: a })).status).toBe(500)
    expect((await persona(upstream, '/events', { key: b })).status).toBe(200)
    expect((await stats(a)).persona).toBe(1)
    expect((await stats(b)).persona).toBe(1)
  })

  it('should count every request that reached a vendor route, whatever its answer, with safe headers only', async () => {
    const key = 'persona_demo_counted'
    await persona(upstream, '/inquiries?page[size]=2&filter[status]=approved', {
      key,
      headers: { 'Key-Inflection': 'camel', 'Persona-Version': '2023-01-05' },
    })
    await persona(upstream, '/inquiries?page[size]=500', { key })
    await persona(upstream, '/inquiries/inq_missing', { key })
    await persona(upstream, '/inquiries', { key, method: 'POST' })
    await upstream.app.request('/persona/api/v1/events', { headers: { authorization: `Bearer ${key}`, cookie: 'a=b' } })
    const s = await stats(key)
    expect(s.persona).toBe(5)
    expect(s.deepidv).toBe(0)
    expect(s.requests.map((r) => [r.method, r.status])).toEqual([
      ['GET', 200],
      ['GET', 400],
      ['GET', 404],
      ['POST', 403],
      ['GET', 200],
    ])
    expect(s.requests[0]).toMatchObject({
      provider: 'persona',
      path: '/api/v1/inquiries',
      query: { 'page[size]': '2', 'filter[status]': 'approved' },
      headers: { 'key-inflection': 'camel', 'persona-version': '2023-01-05' },
    })
    for (const r of s.requests) {
      expect(r.headers).not.toHaveProperty('authorization')
      expect(r.headers).not.toHaveProperty('cookie')
    }
  })

  it('should count 401s under the key that was sent, and keyless requests under the empty scope', async () => {
    await deepidv(upstream, '/sessions', { key: 'wrong_key_for_stats' })
    expect((await stats('wrong_key_for_stats')).deepidv).toBe(1)
    const before = (await stats('')).persona
    await persona(upstream, '/events', { key: null })
    expect((await stats('')).persona).toBe(before + 1)
  })

  it('should clear faults with DELETE and everything with reset', async () => {
    const key = 'deepidv_demo_clear'
    await addFault(upstream, { scope: key, fault: '503' })
    expect(await body(await upstream.app.request(`/__demo/faults?scope=${key}`, { method: 'DELETE' }))).toEqual({ cleared: 1 })
    expect((await deepidv(upstream, '/sessions', { key })).status).toBe(200)
    await addFault(upstream, { scope: key, fault: '503' })
    await upstream.app.request(`/__demo/reset?scope=${key}`, { method: 'POST' })
    expect(await stats(key)).toEqual({ ...Object.fromEntries(PROVIDERS.map((p) => [p, 0])), requests: [] })
    expect((await deepidv(upstream, '/sessions', { key })).status).toBe(200)
  })

  it('should reject invalid fault specs and a missing scope as problem+json', async () => {
    for (const spec of [
      { scope: 'x', fault: 'explode' },
      { fault: '500' },
      { scope: 'x', fault: '500', times: 0 },
      { scope: 'x', fault: '500', extra: 1 },
    ]) {
      const res = await addFault(upstream, spec)
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    }
    expect((await upstream.app.request('/__demo/stats')).status).toBe(400)
  })
})
