import { describe, expect, it } from 'vitest'
import { failureFromResponse, parseRetryAfter, toRelayResult } from './relay-result.ts'

const NOW = Date.parse('2026-01-01T12:00:00Z')

const problem = (code: string, status: number, extra: Record<string, unknown> = {}) => ({
  type: `urn:idv-lens:problem:${code}`,
  title: code,
  status,
  detail: `detail of ${code}`,
  code,
  ...extra,
})

describe('parseRetryAfter', () => {
  it.each([
    ['42', 42],
    ['0', 0],
    ['Thu, 01 Jan 2026 12:00:30 GMT', 30],
    ['Thu, 01 Jan 2026 11:00:00 GMT', 0], // a date in the past means "now"
    ['soon', undefined],
    [null, undefined],
  ])('should read %s as %s seconds', (header, seconds) => {
    expect(parseRetryAfter(header, NOW)).toBe(seconds)
  })
})

describe('failureFromResponse', () => {
  it.each([
    ['unauthorized', 401, 'unauthorized'],
    ['bad-request', 400, 'bad-request'],
    ['not-found', 404, 'not-found'],
    ['internal', 500, 'internal'],
    ['upstream-auth', 502, 'upstream'],
    ['upstream-unavailable', 502, 'upstream'],
    ['provider-not-configured', 503, 'upstream'],
    ['upstream-timeout', 504, 'upstream'],
  ])('should map the %s problem to %s', (code, status, kind) => {
    const failure = failureFromResponse(status, problem(code, status), null, NOW)
    expect(failure.kind).toBe(kind)
    // The relay's body says it: the UI words the problem code (lib/failure-text.ts).
    expect(failure.reason).toEqual({ code: 'relay-problem' })
    expect(failure.problem?.code).toBe(code)
  })

  it('should prefer the Retry-After header over the body for rate limits', () => {
    const failure = failureFromResponse(429, problem('rate-limited', 429, { retryAfter: 9 }), '30', NOW)
    expect(failure).toMatchObject({ kind: 'rate-limited', retryAfter: 30 })
  })

  it('should fall back to the body retryAfter when the header is hidden (CORS)', () => {
    expect(failureFromResponse(429, problem('rate-limited', 429, { retryAfter: 9 }), null, NOW).retryAfter).toBe(9)
  })

  // A wrong relay URL often lands on some other server's 404 page: say "check the URL", not "not found".
  it('should call a non-problem error "unreachable"', () => {
    expect(failureFromResponse(404, '<html>', null, NOW)).toEqual({ kind: 'unreachable', reason: { code: 'not-a-relay', status: 404 } })
  })
})

describe('toRelayResult', () => {
  const response = (status: number, body: string, headers: Record<string, string> = {}) => new Response(body, { status, headers })

  it('should keep the data, the freshness and the age of a 200', async () => {
    const res = response(200, '{"data":[]}', { 'cache-status': 'idv-lens; hit; ttl=12', age: '8' })
    expect(await toRelayResult(res, NOW)).toEqual({
      ok: true,
      data: { data: [] },
      freshness: { hit: true, stale: false, staleIfError: false, ttl: 12, forwardStatus: null },
      receivedAt: NOW,
      age: 8,
    })
  })

  it('should fail a 200 whose body is not JSON', async () => {
    expect(await toRelayResult(response(200, '<html>'), NOW)).toEqual({
      ok: false,
      error: { kind: 'unreachable', reason: { code: 'not-json' } },
    })
  })
})
