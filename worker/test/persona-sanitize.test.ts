import { describe, expect, it } from 'vitest'
import { isSignedLink, withoutPersonalFiles } from '../src/vendors/persona/sanitize.ts'
import { testRelay } from './helpers.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const FILE = 'https://files.withpersona.com/front_photo.jpg?access_token=Xq3mTz8bWc2LkP9vRn4JhD6sYf1GaE7uK5oN'
const S3 = 'https://persona-uploads.s3.amazonaws.com/doc.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abcdef0123'
const CDN = 'https://cdn.example.com/selfie.jpg?Expires=1700000000&Signature=Zm9vYmFy&Key-Pair-Id=K2J'
const TOKEN = 'https://files.example.com/v.mp4?token=abc123'

// Persona-shaped fixtures: an inquiry with every kind of object that can carry a person's files.
const inquiryWithIncluded = () => ({
  data: {
    type: 'inquiry',
    id: INQ,
    attributes: {
      status: 'approved',
      'reference-id': 'ref-1',
      // An attribute the media rule does not cover, holding a signed link anyway.
      'custom-attachment': S3,
      'redirect-url': 'https://example.com/done',
    },
    relationships: { documents: { data: [{ type: 'document/government-id', id: 'doc_1' }] } },
  },
  included: [
    {
      type: 'document/government-id',
      id: 'doc_1',
      attributes: {
        status: 'processed',
        'id-class': 'dl',
        'front-photo-url': FILE,
        'front-photo': { filename: 'front_photo.jpg', url: FILE, 'byte-size': 180000 },
        files: [{ filename: 'back.jpg', url: CDN, 'byte-size': 1 }],
      },
      relationships: { inquiry: { data: { type: 'inquiry', id: INQ } } },
    },
    {
      type: 'selfie/profile-and-center',
      id: 'self_1',
      attributes: { status: 'processed', 'center-photo-url': FILE, 'photo-urls': [FILE, FILE], 'created-at': '2025-01-01T00:00:00Z' },
    },
    {
      type: 'verification/government-id',
      id: 'ver_1',
      attributes: {
        status: 'passed',
        checks: [{ name: 'id_barcode_detection', status: 'passed', reasons: [], requirement: 'required', metadata: {} }],
        'front-photo-url': FILE,
        'back-photo-url': null,
        'selfie-photo-url': FILE,
        'video-url': TOKEN,
        'photo-urls': [{ page: 'front_photo', filename: 'f.jpg', url: FILE, 'normalized-url': FILE, 'original-urls': [FILE] }],
      },
    },
    {
      type: 'verification/selfie',
      id: 'ver_2',
      // Key-Inflection camel and snake rename the attributes; the rule follows them.
      attributes: { status: 'passed', centerPhotoUrl: FILE, left_photo_url: FILE, photoUrls: [{ url: FILE }], 'capture-method': 'video' },
    },
    { type: 'inquiry-session', id: 'iqse_1', attributes: { status: 'active', 'ip-address': '10.0.0.1', 'threat-level': 'low' } },
  ],
})

describe('Persona bodies lose every link to a person\'s files', () => {
  it('drops -url/-urls attributes of documents, selfies and verifications and keeps their types, statuses and checks', () => {
    const body = inquiryWithIncluded()
    const clean = withoutPersonalFiles(body)
    const text = JSON.stringify(clean)
    for (const link of [FILE, S3, CDN, TOKEN]) expect(text).not.toContain(link)
    expect(text).not.toMatch(/access_token|X-Amz-Signature|Signature=|token=/)
    const [doc, selfie, gov, selfieVer, session] = clean.included
    expect(doc).toMatchObject({ type: 'document/government-id', id: 'doc_1', attributes: { status: 'processed', 'id-class': 'dl' } })
    expect(doc!.attributes).not.toHaveProperty('front-photo-url')
    // A file object stays as a fact (name, size) without its link.
    expect(doc!.attributes).toMatchObject({ 'front-photo': { filename: 'front_photo.jpg', 'byte-size': 180000 }, files: [{ filename: 'back.jpg' }] })
    expect(selfie!.attributes).toEqual({ status: 'processed', 'created-at': '2025-01-01T00:00:00Z' })
    expect(gov!.attributes).toEqual({ status: 'passed', checks: body.included[2]!.attributes.checks })
    expect(selfieVer!.attributes).toEqual({ status: 'passed', 'capture-method': 'video' })
    expect(session).toEqual(body.included[4])
    // Only media objects lose -url attributes by name; a plain link elsewhere is not a person's file.
    expect(clean.data.attributes).toEqual({ status: 'approved', 'reference-id': 'ref-1', 'redirect-url': 'https://example.com/done' })
    expect(clean.data.relationships).toEqual(body.data.relationships)
  })

  it('also cleans objects nested in an event payload and list items', () => {
    const event = {
      data: [
        {
          type: 'event',
          id: 'evt_1',
          attributes: { name: 'verification.passed', payload: { data: { type: 'verification/selfie', id: 'ver_2', attributes: { status: 'passed', 'center-photo-url': FILE } } } },
        },
      ],
      links: { prev: null, next: '/api/v1/events?page%5Bafter%5D=evt_1' },
    }
    const clean = withoutPersonalFiles(event)
    expect(clean.data[0]!.attributes.payload.data.attributes).toEqual({ status: 'passed' })
    expect(clean.links).toEqual(event.links)
  })

  it.each([
    [FILE, true],
    [S3, true],
    [CDN, true],
    [TOKEN, true],
    ['https://withpersona.com/verify?inquiry-id=inq_1', false],
    ['https://example.com/path/token=abc', false],
    ['not a link ?token=1', false],
  ])('isSignedLink(%s) is %s', (value, signed) => {
    expect(isSignedLink(value)).toBe(signed)
  })
})

describe('through the relay', () => {
  it('serves an inquiry with its documents, selfies and verifications without a single signed link', async () => {
    const relay = testRelay()
    // The demo upstream signs its file links as Persona does; prove they are there before the relay.
    const upstream = await fetch(`${relay.env.PERSONA_API_BASE}/inquiries/${INQ}?include=documents,selfies,verifications`, {
      headers: { authorization: `Bearer ${relay.personaKey}` },
    })
    const raw = await upstream.text()
    expect(raw).toMatch(/access_token=/)
    expect(raw).toMatch(/"selfie\/profile-and-center"/)

    for (const inflection of ['kebab', 'camel', 'snake']) {
      const res = await relay.get(`/v1/persona/inquiries/${INQ}?include=documents,selfies,verifications`, { headers: { 'key-inflection': inflection } })
      expect(res.status).toBe(200)
      const text = await res.text()
      expect(text).not.toMatch(/access_token|files\.withpersona\.com/)
      const body = JSON.parse(text) as { included: { type: string; attributes: Record<string, unknown> }[] }
      const types = body.included.map((i) => i.type)
      expect(types).toEqual(expect.arrayContaining(['document/government-id', 'selfie/profile-and-center', 'verification/government-id', 'verification/selfie']))
      for (const item of body.included) {
        expect(Object.keys(item.attributes).filter((k) => /url/i.test(k))).toEqual([])
        expect(item.attributes.status).toEqual(expect.any(String))
      }
      const gov = body.included.find((i) => i.type === 'verification/government-id')
      expect(gov?.attributes.checks).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'passed' })]))
    }
    // A cached copy is the cleaned one.
    const again = await relay.get(`/v1/persona/inquiries/${INQ}?include=documents,selfies,verifications`, { headers: { 'key-inflection': 'snake' } })
    expect(again.headers.get('cache-status')).toMatch(/hit/)
    expect(await again.text()).not.toMatch(/access_token/)
  })

  it('cleans verification payloads in event lists', async () => {
    const relay = testRelay()
    const res = await relay.get(`/v1/persona/events?filter%5Bname%5D=verification.passed&page%5Bsize%5D=50`)
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(JSON.parse(text).data.length).toBeGreaterThan(0)
    expect(text).not.toMatch(/access_token|photo-url/)
  })
})
