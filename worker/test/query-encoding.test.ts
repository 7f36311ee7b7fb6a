import { describe, expect, it } from 'vitest'
import { problemOf, testRelay } from './helpers.ts'

// A malformed percent-encoding in any query value (or name) is a 400 naming the parameter, at no
// upstream cost, as it is in a path: a free-text filter with `%zz` must not send U+FFFD upstream.

describe('malformed percent-encodings in a query', () => {
  it.each([
    ['a Persona free-text filter', '/v1/persona/inquiries?filter%5Breference-id%5D=abc%zz', 'filter[reference-id]'],
    ['a stray % at the end', '/v1/persona/inquiries?filter%5Breference-id%5D=abc%', 'filter[reference-id]'],
    ['bytes that are not UTF-8', '/v1/persona/events?filter%5Bname%5D=%C3%28', 'filter[name]'],
    ['a lookup', '/v1/lookup?ids=inq_zEx4jL84ShbUyuwX6AzPSqt6%E2%82', 'ids'],
    ['a deepidv list', '/v1/deepidv/sessions?limit=1%', 'limit'],
    ['a malformed name', '/v1/persona/inquiries?filter%5Bref%ZZ=1', 'filter%5Bref%ZZ'],
  ])('%s → 400 naming it, no upstream call', async (_what, path, parameter) => {
    const relay = testRelay()
    const res = await relay.get(path)
    expect(res.status).toBe(400)
    expect(await problemOf(res)).toMatchObject({ code: 'bad-request', parameter })
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it('well-formed encodings still pass (a + is a space, %25 a percent sign)', async () => {
    const relay = testRelay()
    expect((await relay.get('/v1/persona/inquiries?filter%5Breference-id%5D=a+b%25c')).status).toBe(200)
  })
})
