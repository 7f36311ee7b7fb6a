import { describe, expect, it } from 'vitest'
import { testRelay } from './helpers.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const SESSION = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
/** Every link below names this host or carries this secret; neither may come back in any reading. */
const CANARY = /canary|s3cr3t/i

/** The body as an agent's tool might read it: every percent-encoding undone. */
function decoded(text: string): string {
  let out = text
  for (let i = 0; i < 4; i++) {
    try {
      out = decodeURIComponent(out)
    } catch {
      break
    }
  }
  return out
}

describe('links and data: URIs in allowed strings never leave the relay', () => {
  it('a retrieve: leading spaces, Azure SAS, userinfo, encodings, data: URIs; and its links.next', async () => {
    const relay = testRelay()
    const inquiry = {
      type: 'inquiry',
      id: INQ,
      attributes: {
        status: 'approved',
        'reference-id': ' https://files.canary.example/front.jpg?access_token=s3cr3t',
        'previous-step-name': 'https://acct.blob.core.windows.net/c/front.jpg?sv=2022-11-02&se=2030-01-01&sr=b&sp=r&sig=s3cr3t',
        'next-step-name': 'https%3A%2F%2Ffiles.canary.example%2Ffront.jpg',
        tags: [
          'vip',
          'http://user:s3cr3t@canary.example/x',
          'data:image/png;base64,czNjcjN0',
          '?sv=2022&se=2030&sig=s3cr3t',
          '\u200bhttps://canary.example',
        ],
      },
    }
    await relay.fault({
      provider: 'persona',
      fault: 'invalid',
      body: { data: inquiry, links: { next: 'https://canary.example/next?sig=s3cr3t' } },
      times: 1,
    })
    const res = await relay.get(`/v1/persona/inquiries/${INQ}`)
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(decoded(text)).not.toMatch(CANARY)
    expect(text).not.toMatch(/data:/i)
    const body = JSON.parse(text) as { data: { attributes: Record<string, unknown> }; links?: unknown }
    expect(body.links).toBeUndefined()
    expect(body.data.attributes).toEqual({ status: 'approved', tags: ['vip'] })
  })

  it("a list's links.next is rebuilt from an object ID, or dropped when it carries none", async () => {
    const relay = testRelay()
    const page = (next: string) => ({ data: [], links: { prev: null, next } })
    await relay.fault({
      provider: 'persona',
      fault: 'invalid',
      body: page('/api/v1/inquiries?page%5Bafter%5D=https%3A%2F%2Fcanary.example%2Fx%3Fsig%3Ds3cr3t'),
      times: 1,
    })
    const hostile = await relay.get('/v1/persona/inquiries?page%5Bsize%5D=2')
    expect(((await hostile.json()) as { links: unknown }).links).toEqual({ prev: null, next: null })
    await relay.fault({
      provider: 'persona',
      fault: 'invalid',
      body: page(`https://canary.example/api/v1/inquiries?page%5Bafter%5D=${INQ}`),
      times: 1,
    })
    const good = await relay.get('/v1/persona/inquiries?page%5Bsize%5D=3')
    expect(((await good.json()) as { links: unknown }).links).toEqual({
      prev: null,
      next: `/v1/persona/inquiries?page%5Bafter%5D=${INQ}&page%5Bsize%5D=3`,
    })
  })

  it('an undocumented type keeps only documented relationship names; references that are links are none', async () => {
    const relay = testRelay()
    const thing = {
      type: 'hologram/new-thing',
      id: 'hol_AAAAAAAAAAAAAAAAAAAAAAAA',
      attributes: {},
      relationships: {
        'https://canary.example/x?sig=s3cr3t': { data: { type: 'inquiry', id: INQ } },
        inquiry: { data: { type: 'inquiry', id: ' https://canary.example/x' } },
        verifications: {
          data: [
            { type: 'verification/selfie', id: 'data:,s3cr3t' },
            { type: 'verification/selfie', id: 'ver_ww2rkwtA6c2FQMMw1PyPKgnZ' },
          ],
        },
      },
    }
    await relay.fault({ provider: 'persona', fault: 'invalid', body: { data: [thing], links: { prev: null, next: null } }, times: 1 })
    const res = await relay.get('/v1/persona/inquiries?page%5Bsize%5D=4')
    const text = await res.text()
    expect(decoded(text)).not.toMatch(CANARY)
    expect((JSON.parse(text) as { data: { relationships: unknown }[] }).data[0]!.relationships).toEqual({
      inquiry: { data: null },
      verifications: { data: [{ type: 'verification/selfie', id: 'ver_ww2rkwtA6c2FQMMw1PyPKgnZ' }] },
    })
  })

  it("deepidv's uploads are flags: a link where a flag belongs is dropped", async () => {
    const relay = testRelay()
    const record = {
      id: SESSION,
      status: 'VERIFIED',
      created_at: '2025-01-01T00:00:00.000Z',
      external_id: '  https://canary.example/x',
      uploads: { id_front: true, id_back: 'https://canary-uploads.s3.amazonaws.com/back.jpg?X-Amz-Signature=s3cr3t', selfie_front: false },
    }
    await relay.fault({ provider: 'deepidv', fault: 'invalid', body: { session_record: record }, times: 1 })
    const res = await relay.get(`/v1/deepidv/sessions/${SESSION}`)
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(decoded(text)).not.toMatch(CANARY)
    expect((JSON.parse(text) as { session_record: { uploads: unknown } }).session_record.uploads).toEqual({
      id_front: true,
      selfie_front: false,
    })
  })

  it('a lookup summary holds no link either', async () => {
    const relay = testRelay()
    const inquiry = {
      type: 'inquiry',
      id: INQ,
      attributes: { status: 'approved', 'reference-id': 'https%3A%2F%2Fcanary.example', 'created-at': '2025-01-01T00:00:00.000Z' },
    }
    await relay.fault({ provider: 'persona', fault: 'invalid', body: { data: [inquiry], links: { prev: null, next: null } }, times: 2 })
    const res = await relay.get(`/v1/lookup?ids=${INQ}`)
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(decoded(text)).not.toMatch(CANARY)
    expect((JSON.parse(text) as { data: { found: boolean; details?: { referenceId?: unknown } }[] }).data[0]).toMatchObject({
      found: true,
      details: { referenceId: null },
    })
  })
})
