import { describe, expect, it } from 'vitest'
import { persona } from '../src/vendors/persona/vendor.ts'
import { deepidv } from '../src/vendors/deepidv/vendor.ts'
import { readCapped } from '../src/bodies/read-capped.ts'
import { problemOf, testRelay } from './helpers.ts'

type Health = {
  status: string
  providers: Record<'persona' | 'deepidv', { configured: boolean }>
  problems: { variable: string; message: string }[]
}

// Each unsafe base: the value (which may hold credentials) must never appear in /healthz or a problem.
const UNSAFE_BASES: [string, string, RegExp][] = [
  ['plain http to a public host', 'http://api.withpersona.com/api/v1', /https/],
  ['ftp', 'ftp://files.example.com/api', /https/],
  ['file', 'file:///etc/passwd', /https/],
  ['credentials', 'https://admin:hunter2secret@api.withpersona.com/api/v1', /credentials/],
  ['a query', 'https://api.withpersona.com/api/v1?key=leaky', /query/],
  ['not a URL', 'api.withpersona.com', /not a URL/],
]

describe('vendor bases are checked when the configuration is read', () => {
  it.each(UNSAFE_BASES)(
    '%s: /healthz lists it, Persona routes answer 503 without calling, deepidv keeps working',
    async (_name, base, why) => {
      const relay = testRelay({ PERSONA_API_BASE: base })
      const healthRes = await relay.get('/healthz', { auth: false })
      expect(healthRes.status).toBe(200)
      const healthText = await healthRes.text()
      const health = JSON.parse(healthText) as Health
      expect(health.status).toBe('misconfigured')
      expect(health.providers.persona.configured).toBe(false)
      expect(health.providers.deepidv.configured).toBe(true)
      expect(health.problems).toEqual([{ variable: 'PERSONA_API_BASE', message: expect.stringMatching(why) }])
      expect(healthText).not.toContain(base)
      expect(healthText).not.toMatch(/hunter2|leaky|passwd/)

      for (const path of ['/v1/persona/inquiries', `/v1/lookup?ids=inq_zEx4jL84ShbUyuwX6AzPSqt6`]) {
        const res = await relay.get(path)
        const text = await res.clone().text()
        expect(text).not.toMatch(/hunter2|leaky|passwd/)
        if (path.startsWith('/v1/lookup')) {
          expect(JSON.parse(text).data[0]).toMatchObject({ found: false, error: { code: 'misconfigured', status: 503 } })
        } else {
          expect(res.status).toBe(503)
          expect(await problemOf(res)).toMatchObject({
            code: 'misconfigured',
            provider: 'persona',
            detail: expect.stringContaining('PERSONA_API_BASE'),
          })
        }
      }
      expect((await relay.get('/v1/deepidv/sessions?limit=1')).status).toBe(200)
      expect((await relay.upstreamCalls()).persona).toBe(0)
    },
  )

  it.each(['http://127.0.0.1:9/x', 'http://localhost:9/x', 'https://api.withpersona.com/api/v1', 'https://api.withpersona.com/api/v1/'])(
    'accepts %s',
    async (base) => {
      const health = (await (await testRelay({ PERSONA_API_BASE: base }).get('/healthz', { auth: false })).json()) as Health
      expect(health).toMatchObject({ status: 'ok', problems: [] })
    },
  )

  it('a bad number is reported and answers 503 on /v1 routes, never a 500', async () => {
    const relay = testRelay({ UPSTREAM_TIMEOUT_MS: 'soon', LIST_TTL_SECONDS: '99999', AUDIT_BATCH_MS: '-5' })
    const health = (await (await relay.get('/healthz', { auth: false })).json()) as Health
    expect(health.problems.map((p) => p.variable)).toEqual(['UPSTREAM_TIMEOUT_MS', 'LIST_TTL_SECONDS', 'AUDIT_BATCH_MS'])
    const res = await relay.get('/v1/persona/events')
    expect(res.status).toBe(503)
    expect(await problemOf(res)).toMatchObject({ code: 'misconfigured', detail: expect.stringContaining('UPSTREAM_TIMEOUT_MS') })
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it("each vendor's own variables are checked with their rules, in the registry's order, and named in /healthz", async () => {
    const relay = testRelay({
      DEEPIDV_BUDGET_PER_DAY: '0',
      PERSONA_BUDGET_PER_MINUTE: '100001',
      DEEPIDV_BUDGET_PER_SECOND: 'many',
      DEEPIDV_ENVIRONMENT: 'x'.repeat(201),
      PERSONA_ENVIRONMENT: 'y'.repeat(201),
    })
    const health = (await (await relay.get('/healthz', { auth: false })).json()) as Health
    expect(health.problems).toEqual([
      { variable: 'PERSONA_ENVIRONMENT', message: 'must be a name of at most 200 characters' },
      { variable: 'DEEPIDV_ENVIRONMENT', message: 'must be a name of at most 200 characters' },
      { variable: 'PERSONA_BUDGET_PER_MINUTE', message: 'must be a whole number from 1 to 100000' },
      { variable: 'DEEPIDV_BUDGET_PER_SECOND', message: 'must be a whole number from 1 to 10000' },
      { variable: 'DEEPIDV_BUDGET_PER_DAY', message: 'must be a whole number from 1 to 100000000' },
    ])
    expect(JSON.stringify(health)).not.toContain('x'.repeat(201))
  })
})

describe('Request-Id', () => {
  it.each([
    ['a plain id', 'ticket-4711.retry_2', true],
    ['64 characters', 'a'.repeat(64), true],
    ['65 characters', 'a'.repeat(65), false],
    ['an equals sign', 'abc=def', false],
    ['a space', 'abc def', false],
    ['markup', '<script>', false],
    ['non-ASCII', 'idé', false],
  ])('%s: the relay answers its own id, and keeps the client one (in the audit) only if acceptable (%s)', async (_name, given, kept) => {
    const relay = testRelay()
    const res = await relay.get('/v1/persona/events?page%5Bsize%5D=0', { headers: { 'request-id': given } })
    const echoed = res.headers.get('request-id')
    const problem = await problemOf(res)
    expect(problem.requestId).toBe(echoed)
    expect(echoed).toMatch(/^[0-9a-f-]{36}$/)
    const db = (relay.env as { AUDIT_DB: D1Database }).AUDIT_DB
    const row = await db
      .prepare('SELECT client_request_id FROM audit WHERE request_id = ?')
      .bind(echoed)
      .first<{ client_request_id: string | null }>()
    expect(row?.client_request_id).toBe(kept ? given : null)
  })
})

describe('echoed text is capped', () => {
  it("a vendor's words are only its documented titles and messages, never its free text", () => {
    const long = 'x'.repeat(5000)
    expect(persona.errorMessage(JSON.stringify({ errors: [{ title: 'Bad Request', details: long }] }))).toBe('Bad Request')
    expect(persona.errorMessage(JSON.stringify({ errors: [{ title: long }] }))).toBeNull()
    expect(deepidv.errorMessage(JSON.stringify({ error: long }))).toBeNull()
    expect(deepidv.errorMessage(JSON.stringify({ message: 'Invalid API key.' }))).toBe('Invalid API key.')
    expect(deepidv.errorMessage('Insufficient funds or subscription.')).toBe('Insufficient funds or subscription.')
  })

  it('an unknown parameter name is echoed with at most 64 characters', async () => {
    const relay = testRelay()
    const name = 'p'.repeat(3000)
    const res = await relay.get(`/v1/persona/events?${name}=1`)
    expect(res.status).toBe(400)
    const problem = await problemOf(res)
    expect(problem.parameter!.length).toBe(64)
    expect(problem.detail.length).toBeLessThan(200)
  })
})

describe('upstream bodies over 5 MB', () => {
  it('are refused with a 502 and not cached', async () => {
    const relay = testRelay()
    await relay.fault({ fault: 'oversize', times: 1 })
    const res = await relay.get('/v1/persona/inquiries?page%5Bsize%5D=5')
    expect(res.status).toBe(502)
    expect(await problemOf(res)).toMatchObject({
      code: 'upstream-unavailable',
      provider: 'persona',
      detail: expect.stringContaining('5 MB'),
    })
    expect((await relay.get('/v1/persona/inquiries?page%5Bsize%5D=5')).status).toBe(200)
  })

  it('readCapped refuses a declared length over the cap before reading, and a stream once it passes it', async () => {
    let pulled = 0
    const stream = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled++
          controller.enqueue(new Uint8Array(1000).fill(32))
        },
      })
    await expect(readCapped(new Response(stream()), { maxBytes: 10_000, label: 'Persona', provider: 'persona' })).rejects.toMatchObject({
      code: 'upstream-unavailable',
    })
    // It stopped reading an endless stream just past the cap.
    expect(pulled).toBeLessThan(20)
    const declared = new Response('{}', { headers: { 'content-length': '20000' } })
    await expect(readCapped(declared, { maxBytes: 10_000, label: 'Persona', provider: 'persona' })).rejects.toMatchObject({ status: 502 })
    expect(await readCapped(new Response('{"ok":true}'), { maxBytes: 10_000, label: 'Persona', provider: 'persona' })).toBe('{"ok":true}')
  })
})
