import { describe, expect, it } from 'vitest'
import { keepAllowed, list, object, value } from '../src/vendors/allowlist-walk.ts'
import { holdsLink } from '../src/bodies/link-text.ts'
import { personaAllowed } from '../src/vendors/persona/allowlist.ts'
import { deepidvListAllowed, deepidvSessionAllowed } from '../src/vendors/deepidv/allowlist.ts'
import { MAX_BODY_DEPTH, outOfBounds } from '../src/bodies/body-bounds.ts'
import { problemOf, testRelay } from './helpers.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const FILE = 'https://files.withpersona.com/front_photo.jpg?access_token=Xq3mTz8bWc2LkP9vRn4JhD6sYf1GaE7uK5oN'

describe('the Persona allowlist', () => {
  it('drops an attribute Persona adds later, and keeps the ones it names, in all three inflections', () => {
    for (const [status, reference, later, checks] of [
      ['status', 'reference-id', 'risk-of-tomorrow', 'previous-step-name'],
      ['status', 'referenceId', 'riskOfTomorrow', 'previousStepName'],
      ['status', 'reference_id', 'risk_of_tomorrow', 'previous_step_name'],
    ] as const) {
      const body = {
        data: {
          type: 'inquiry',
          id: INQ,
          attributes: { [status]: 'failed', [reference]: 'ref-1', [later]: 'PII-LATER', [checks]: 'selfie' },
        },
      }
      expect(personaAllowed(body)).toEqual({
        data: { type: 'inquiry', id: INQ, attributes: { [status]: 'failed', [reference]: 'ref-1', [checks]: 'selfie' } },
      })
    }
  })

  it('keeps of an undocumented type only its type, ID and references', () => {
    const body = {
      data: {
        type: 'hologram/new-thing',
        id: 'hol_1',
        attributes: { status: 'PII-STATUS', 'name-first': 'PII-NAME' },
        relationships: {
          inquiry: { data: { type: 'inquiry', id: INQ }, links: { related: '/api/v1/inquiries/inq_1' } },
          // A name no documented type has, and a reference whose ID is a link: neither is kept.
          'PII-NAME jane@doe.example': { data: { type: 'inquiry', id: INQ } },
          account: { data: { type: 'account', id: ' https://files.example/x?sig=1' } },
        },
      },
    }
    expect(personaAllowed(body)).toEqual({
      data: {
        type: 'hologram/new-thing',
        id: 'hol_1',
        attributes: {},
        relationships: { inquiry: { data: { type: 'inquiry', id: INQ } }, account: { data: null } },
      },
    })
  })

  it('allowlists nested objects by key: checks without metadata, behaviours without unknown signals', () => {
    const body = {
      data: {
        type: 'verification/government-id',
        id: 'ver_1',
        attributes: {
          status: 'failed',
          checks: [
            {
              name: 'id_expired',
              status: 'failed',
              reasons: ['expired'],
              requirement: 'required',
              metadata: { 'expiration-date': 'PII-DATE' },
            },
          ],
        },
      },
      included: [{ type: 'inquiry', id: INQ, attributes: { behaviors: { 'behavior-threat-level': 'high', 'typed-name': 'PII-NAME' } } }],
    }
    expect(personaAllowed(body)).toEqual({
      data: {
        type: 'verification/government-id',
        id: 'ver_1',
        attributes: { status: 'failed', checks: [{ name: 'id_expired', status: 'failed', reasons: ['expired'], requirement: 'required' }] },
      },
      included: [{ type: 'inquiry', id: INQ, attributes: { behaviors: { 'behavior-threat-level': 'high' } } }],
    })
  })

  it('keeps a status that is a word, not one that is an object; and no signed link even where a value is allowed', () => {
    const body = {
      data: {
        type: 'inquiry',
        id: INQ,
        attributes: { status: { name: 'PII-NAME', email: 'PII-EMAIL' }, tags: ['vip', FILE, { x: 1 }], 'reference-id': FILE },
      },
    }
    expect(personaAllowed(body)).toEqual({ data: { type: 'inquiry', id: INQ, attributes: { tags: ['vip'] } } })
  })

  it('walks a body nested far deeper than any stack without recursion', () => {
    let deep: unknown = 'PII-DEEP'
    for (let i = 0; i < 200_000; i++)
      deep = { payload: { data: { type: 'event', id: `evt_${i}`, attributes: { payload: { data: deep } } } } }
    const body = {
      data: {
        type: 'event',
        id: 'evt_top',
        attributes: {
          name: 'x',
          payload: { data: { type: 'event', id: 'evt_next', attributes: { payload: (deep as { payload: unknown }).payload } } },
        },
      },
    }
    const kept = personaAllowed(body)
    expect((kept as { data: { id: string } }).data.id).toBe('evt_top')
    // A rule that nests (a list of lists) walks any depth the same way.
    let nested: unknown = 1
    for (let i = 0; i < 100_000; i++) nested = [nested]
    const rule = object({ a: list(value) })
    // A value rule keeps arrays of plain values only: the nested one comes back empty.
    expect(keepAllowed({ a: [1, nested, 'x'] }, rule)).toEqual({ a: [1, [], 'x'] })
  })

  it.each([
    [FILE, true],
    ['https://persona-uploads.s3.amazonaws.com/doc.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abcdef0123', true],
    ['https://cdn.example.com/selfie.jpg?Expires=1700000000&Signature=Zm9vYmFy&Key-Pair-Id=K2J', true],
    ['https://withpersona.com/verify?inquiry-id=inq_1', true],
    [` ${FILE}`, true],
    ['\u200b\thttps://acct.blob.core.windows.net/c/front.jpg?sv=2022-11-02&se=2030-01-01&sr=b&sp=r&sig=abc%3D', true],
    ['?sv=2022-11-02&se=2030-01-01&sig=abc', true],
    ['https://files.withpersona.com@evil.example/x', true],
    ['http://user:secret@files.example/x', true],
    ['https%3A%2F%2Ffiles.withpersona.com%2Fx', true],
    ['https%253A%252F%252Ffiles.withpersona.com', true],
    ['https&#58;&#47;&#47;files.withpersona.com', true],
    ['HTTPS:files.withpersona.com/x', true],
    ['\uff48\uff54\uff54\uff50\uff53\uff1a\uff0f\uff0ffiles.example', true],
    ['//files.withpersona.com/x', true],
    ['files.withpersona.com/x?access_token=1', true],
    ['data:image/png;base64,iVBORw0KGgo=', true],
    ['  DATA:,hello', true],
    ['not a link ?token=1', true],
    ['approved', false],
    ['abc-123', false],
    ['2023-03-29T19:06:45.000Z', false],
    ['Comcast Cable Communications', false],
    ['id_barcode_detection', false],
    ['reviewer@company.example', false],
    ['data: missing', false],
    ['100%', false],
  ])('holdsLink(%j) is %s', (text, link) => {
    expect(holdsLink(text)).toBe(link)
  })
})

describe('the deepidv allowlist', () => {
  const record = {
    id: '3f2c1a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b',
    status: 'REJECTED',
    external_id: 'cust-42',
    location: { country: 'Canada', city: 'PII-CITY' },
    created_at: '2025-01-01T00:00:00.000Z',
    workflow_steps: ['ID_VERIFICATION'],
    meta_data: { applicantSubmissionIp: 'PII-IP', applicantSubmissionDevice: 'iPhone', applicant_submission_browser: 'Safari' },
    uploads: { id_front: true, selfie_front: false },
    analysis_data: {
      id_matches_selfie: false,
      faceliveness_score: 42.5,
      compare_faces_data: { face_match_confidence: 12, face_match_result: { similarity: 12, landmarks: 'PII-FACE' } },
      id_analysis_data: { expiry_date_pass: true, id_extracted_text: 'PII-OCR', detect_face_data: [{ landmarks: 'PII-FACE' }] },
      pep_sanctions_data: { peps: [{ name: 'PII-PEP', score: 0.9 }], sanctions: null, both: null },
      custom_form_data: [{ question: 'q', answer: 'PII-ANSWER' }],
    },
    new_field: 'PII-LATER',
  }

  it('keeps the record an agent decides on and nothing of the applicant', () => {
    const kept = deepidvSessionAllowed({
      session_record: record,
      user: { id: 'u', email: 'PII-EMAIL' },
      sender_user: { id: 's', email: 'PII-SENDER' },
      resource_links: { id_front: 'PII' },
    } as never)
    expect(JSON.stringify(kept)).not.toMatch(/PII/)
    expect(kept).toEqual({
      session_record: {
        id: record.id,
        status: 'REJECTED',
        external_id: 'cust-42',
        location: { country: 'Canada' },
        created_at: record.created_at,
        workflow_steps: ['ID_VERIFICATION'],
        meta_data: { applicantSubmissionDevice: 'iPhone', applicant_submission_browser: 'Safari' },
        uploads: { id_front: true, selfie_front: false },
        analysis_data: {
          id_matches_selfie: false,
          faceliveness_score: 42.5,
          compare_faces_data: { face_match_confidence: 12 },
          id_analysis_data: { expiry_date_pass: true },
          // The hit's count is what the extension shows; who it names stays behind.
          pep_sanctions_data: { peps: [{}], sanctions: null, both: null },
        },
      },
    })
  })

  it('cleans a page of sessions the same way and always says whether there is a next page', () => {
    const kept = deepidvListAllowed({ sessions: [record] } as never)
    expect(JSON.stringify(kept)).not.toMatch(/PII/)
    expect(kept.next_token).toBeNull()
    expect(kept.sessions[0]).toMatchObject({ id: record.id, location: { country: 'Canada' } })
  })
})

describe('bounded vendor bodies', () => {
  const deepAttributes = (levels: number) =>
    `{"data":[{"type":"inquiry","id":"${INQ}","attributes":{"status":"failed","note":${'['.repeat(levels)}${']'.repeat(levels)}}}],"links":{}}`

  it('measures depth on the text, before parsing, and ignores brackets inside strings', () => {
    expect(outOfBounds(deepAttributes(3_000))).toMatch(/nested deeper than 64/)
    expect(outOfBounds(deepAttributes(MAX_BODY_DEPTH - 5))).toBeNull()
    expect(outOfBounds(`{"a":"${'['.repeat(5_000)}\\"${'{'.repeat(100)}"}`)).toBeNull()
    expect(outOfBounds('[{"a":"\\\\"}]')).toBeNull()
    expect(outOfBounds(`[${'[],'.repeat(10)}[]]`, { maxDepth: 64, maxContainers: 5, maxChars: 1_000 })).toMatch(/more than 5 objects/)
    expect(outOfBounds('x'.repeat(20), { maxDepth: 64, maxContainers: 5, maxChars: 10 })).toMatch(/longer than 10/)
  })

  it('answers a 6 KB body nested 3,000 deep with 502 upstream-invalid, keeps none of it, and recovers', async () => {
    const relay = testRelay()
    let deep: unknown = 'x'
    for (let i = 0; i < 3_000; i++) deep = [deep]
    const body = { data: [{ type: 'inquiry', id: INQ, attributes: { status: 'failed', note: deep } }], links: {} }
    await relay.fault({ provider: 'persona', fault: 'invalid', body, times: 1 })
    const res = await relay.get('/v1/persona/inquiries')
    expect(res.status).toBe(502)
    const problem = await problemOf(res)
    expect(problem.code).toBe('upstream-invalid')
    expect(problem.detail).toMatch(/nested deeper than 64/)
    // Not cached: the next call reaches the vendor again and gets the real page.
    const again = await relay.get('/v1/persona/inquiries')
    expect(again.status).toBe(200)
    expect((await relay.upstreamCalls()).persona).toBe(2)
  })

  it('answers generated vendor bodies (any depth, size and shape) with an allowed copy or a 502, never a 500 or another error', async () => {
    // A seeded generator, so a failure names a body that can be made again.
    let seed = 0x5eed
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
    const KEYS = [
      'data',
      'included',
      'type',
      'id',
      'attributes',
      'relationships',
      'links',
      'status',
      'name-first',
      'nameFirst',
      'checks',
      'payload',
      'behaviors',
      'reasons',
      'tags',
      'x',
    ]
    const TYPES = ['inquiry', 'verification/selfie', 'case', 'event', 'report/watchlist', 'selfie/center-only', 'made-up']
    // Each body gets a budget of values, so a deep one is a long spine, not a bushy tree.
    let budget = 0
    const generate = (depth: number): unknown => {
      const roll = random()
      if (depth <= 0 || roll < 0.3 || --budget < 0) return pick(['PII-VALUE', 7, true, null, FILE, '', 'inquiry'])
      if (roll < 0.55) return Array.from({ length: Math.floor(random() * 4) }, () => generate(depth - 1))
      const out: Record<string, unknown> = {}
      for (let i = Math.floor(random() * 5); i > 0; i--) out[pick(KEYS)] = generate(depth - 1)
      if (random() < 0.5) Object.assign(out, { type: pick(TYPES), id: `x_${i++}` })
      return out
    }
    let i = 0
    const relay = testRelay()
    const answered = { 200: 0, 502: 0 }
    for (let n = 0; n < 40; n++) {
      const depth = pick([2, 4, 8, 30, 70, 200])
      budget = 3_000
      // A spine `depth` levels deep (objects and arrays) with a generated value at its end.
      const spine = (end: unknown) => {
        let v = end
        for (let k = 0; k < depth; k++) v = random() < 0.5 ? [v] : { [pick(KEYS)]: v }
        return v
      }
      const resource = () => ({
        type: pick(TYPES),
        id: `inq_${n}`,
        attributes: { [pick(KEYS)]: spine(generate(depth)) },
        relationships: generate(3),
      })
      const list = n % 2 === 0
      const body =
        random() < 0.2
          ? generate(depth)
          : list
            ? { data: [resource(), resource()], links: {} }
            : { data: resource(), included: [resource()] }
      await relay.fault({ provider: 'persona', fault: 'invalid', body, times: 1 })
      const res = await relay.get(
        list
          ? `/v1/persona/inquiries?page%5Bsize%5D=${n + 1}`
          : `/v1/persona/inquiries/${INQ}?include=sessions&fields%5Binquiry%5D=status${n}`,
      )
      expect([200, 502], `body ${n}`).toContain(res.status)
      answered[res.status as 200 | 502]++
      if (res.status !== 200) {
        expect((await problemOf(res)).code).toMatch(/^upstream-(invalid|unavailable)$/)
        continue
      }
      const text = await res.text()
      expect(text).not.toMatch(/PII-VALUE|access_token/)
      // The copy holds only allowed keys: allowlisting it again changes nothing (a list's links are the relay's own).
      const kept = JSON.parse(text) as { links?: unknown }
      expect({ ...personaAllowed(kept), ...(list ? { links: kept.links } : {}) }).toEqual(kept)
    }
    // Both outcomes were exercised: bodies within bounds and bodies past them.
    expect(answered[200]).toBeGreaterThan(5)
    expect(answered[502]).toBeGreaterThan(5)
  })

  it('refuses the same on a deepidv session and on a retrieve', async () => {
    const relay = testRelay()
    let deep: unknown = 1
    for (let i = 0; i < 3_000; i++) deep = { a: deep }
    await relay.fault({
      provider: 'deepidv',
      fault: 'invalid',
      body: { session_record: { id: 'x', status: 'VERIFIED', created_at: 'now', analysis_data: deep } },
      times: 1,
    })
    const res = await relay.get('/v1/deepidv/sessions/3f2c1a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b')
    expect(res.status).toBe(502)
    expect((await problemOf(res)).code).toBe('upstream-invalid')
  })
})
