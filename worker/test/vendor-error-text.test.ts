import { describe, expect, it } from 'vitest'
import { problemOf, testRelay } from './helpers.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const SESSION = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
/** What a vendor's free text may carry about a person: none of it may reach an agent. */
const PERSONAL = /Jane|Doe|1990|jane@|doe\.example|\+1 555/i

describe("vendor error text: only the vendor's documented titles and messages reach an agent", () => {
  it("a Persona 404's details (a name, an email, a birthdate) are dropped, also from the 30 s copy of the 404", async () => {
    const relay = testRelay()
    const body = { errors: [{ title: 'Record not found', details: 'No inquiry for Jane Doe (jane@doe.example), born 1990-01-01' }] }
    await relay.fault({ provider: 'persona', fault: 'invalid', status: 404, body, times: 1 })
    for (let i = 0; i < 2; i++) {
      const res = await relay.get(`/v1/persona/inquiries/${INQ}`)
      expect(res.status).toBe(404)
      const text = await res.text()
      expect(text).not.toMatch(PERSONAL)
      expect(JSON.parse(text)).toMatchObject({
        code: 'not-found',
        provider: 'persona',
        detail: 'Persona has no such record: Record not found',
      })
    }
    // The second answer was the remembered 404, not another vendor call.
    expect((await relay.upstreamCalls()).persona).toBe(1)
  })

  it('a Persona title that is not one Persona documents is dropped whole', async () => {
    const relay = testRelay()
    await relay.fault({
      provider: 'persona',
      fault: 'invalid',
      status: 400,
      body: { errors: [{ title: 'Jane Doe, +1 555 0100' }] },
      times: 1,
    })
    const res = await relay.get('/v1/persona/inquiries?page%5Bsize%5D=7')
    expect(res.status).toBe(400)
    const problem = await problemOf(res)
    expect(JSON.stringify(problem)).not.toMatch(PERSONAL)
    expect(problem.detail).toBe('Persona rejected the request')
  })

  it("deepidv's free text is dropped, its documented messages kept", async () => {
    const relay = testRelay()
    await relay.fault({
      provider: 'deepidv',
      fault: 'invalid',
      status: 400,
      body: { error: 'jane@doe.example is not a valid applicant' },
      times: 1,
    })
    const free = await relay.get(`/v1/deepidv/sessions/${SESSION}`)
    expect(free.status).toBe(400)
    const problem = await problemOf(free)
    expect(JSON.stringify(problem)).not.toMatch(PERSONAL)
    expect(problem.detail).toBe('deepidv rejected the request')
    await relay.fault({ provider: 'deepidv', fault: 'invalid', status: 503, body: 'Jane Doe timed out in screening', times: 1 })
    const plain = await relay.get('/v1/deepidv/sessions?limit=3')
    expect(plain.status).toBe(502)
    expect(JSON.stringify(await problemOf(plain))).not.toMatch(PERSONAL)
    await relay.fault({ provider: 'deepidv', fault: 'invalid', status: 400, body: { error: 'Invalid Input.' }, times: 1 })
    const documented = await relay.get('/v1/deepidv/sessions?limit=4')
    expect((await problemOf(documented)).detail).toBe('deepidv rejected the request: Invalid Input.')
  })
})
