import { describe, expect, it } from 'vitest'
import { problemOf, testRelay } from './helpers.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'

describe('the relay is not an open proxy', () => {
  it.each([
    '/',
    '/v1',
    '/v1/persona',
    '/v1/persona/accounts',
    '/v1/persona/verification/government-ids/ver_uHDiwtcx3htjajvEaeMjPQcE',
    '/v1/persona/verifications/ver_uHDiwtcx3htjajvEaeMjPQcE/redact',
    '/v1/persona/reports',
    '/v1/persona/cases/search',
    '/v1/persona/cases/case_gqe7rH38FvxtzhGBQmDBsjkB/attachments',
    '/v1/persona/api-logs',
    '/v1/persona/webhooks',
    `/v1/persona/inquiries/${INQ}/print`,
    `/v1/persona/inquiries/${INQ}/generate-one-time-link`,
    '/v1/persona/inquiries/search',
    '/v1/persona/inquiries/..%2Faccounts',
    '/v1/persona/inquiries%2F..%2Faccounts',
    '/v1/persona/%2e%2e/accounts',
    '/v1/persona/inquiries/../accounts',
    '/v1/deepidv/workflows',
    '/v1/deepidv/financial',
    `/v1/deepidv/sessions/${UUID}/update-status`,
    '/v1/deepidv/screening/pep-sanctions',
    '/v1/deepidv/sessions/test_verified',
    '/api/v1/inquiries',
    '/v1/persona/https://evil.example/',
  ])('GET %s never reaches an upstream (404, or 400 for a malformed ID)', async (path) => {
    const relay = testRelay()
    const res = await relay.get(path)
    expect([400, 404]).toContain(res.status)
    await problemOf(res)
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it.each([
    ['POST', '/v1/persona/inquiries'],
    ['POST', `/v1/persona/inquiries/${INQ}/expire`],
    ['PATCH', `/v1/persona/inquiries/${INQ}`],
    ['DELETE', `/v1/persona/inquiries/${INQ}`],
    ['POST', '/v1/persona/inquiry-sessions/expire-all'],
    ['POST', '/v1/persona/inquiries/search'],
    ['PUT', '/v1/persona/events'],
    ['POST', '/v1/deepidv/sessions'],
    ['PATCH', `/v1/deepidv/sessions/${UUID}/update-status`],
    ['DELETE', `/v1/deepidv/sessions/${UUID}`],
    ['POST', '/v1/lookup?ids=' + INQ],
  ])('%s %s is refused with 405 before any upstream call', async (method, path) => {
    const relay = testRelay()
    const res = await relay.get(path, { method })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toContain('GET')
    expect((await problemOf(res)).code).toBe('method-not-allowed')
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it('answers a CORS preflight only for an allowed origin', async () => {
    const relay = testRelay()
    const preflight = (origin: string) =>
      relay.get('/v1/persona/events', {
        method: 'OPTIONS',
        auth: false,
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      })
    const allowed = await preflight('chrome-extension://testextensionid')
    expect(allowed.headers.get('access-control-allow-origin')).toBe('chrome-extension://testextensionid')
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization')
    // The vendors' own request headers (each vendor declares them) are allowed beside the relay's.
    expect(allowed.headers.get('access-control-allow-headers')).toBe(
      'Authorization,Cache-Control,Content-Type,Pragma,Key-Inflection,Persona-Version,Idempotency-Key,Priority',
    )
    const other = await preflight('https://evil.example')
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it('allows every origin ALLOWED_ORIGINS lists, each answered with its own: the Chrome Web Store and Edge Add-ons builds have IDs of their own', async () => {
    const chromeStore = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop'
    const edgeStore = 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba'
    const relay = testRelay({ ALLOWED_ORIGINS: `${chromeStore}, ${edgeStore}` })
    const preflight = (origin: string) =>
      relay.get('/v1/persona/events', { method: 'OPTIONS', auth: false, headers: { origin, 'access-control-request-method': 'GET' } })
    for (const origin of [chromeStore, edgeStore]) {
      expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBe(origin)
    }
    // Neither a third extension nor the two glued together.
    for (const origin of ['chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', `${chromeStore}, ${edgeStore}`]) {
      expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBeNull()
    }
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it('exposes Cache-Status and Retry-After to the extension on real responses', async () => {
    const relay = testRelay()
    const res = await relay.get('/v1/persona/events?page%5Bsize%5D=1', { headers: { origin: 'chrome-extension://testextensionid' } })
    expect(res.headers.get('access-control-allow-origin')).toBe('chrome-extension://testextensionid')
    expect(res.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('cache-status')
    expect(res.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('retry-after')
  })
})
