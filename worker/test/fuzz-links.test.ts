import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { specSamples } from './persona-spec-samples.ts'
import { testRelay } from './helpers.ts'

// Links in every allowed string field: every string of every object type Persona's spec defines (and
// of a deepidv session) replaced by one generated link (a signed file link, Azure SAS, userinfo, a
// bare credential, `//host`, `https:host`, a data: URI …, behind leading spaces, invisibles,
// percent-encoding once or twice, HTML references, full-width letters, backslashes), served through
// the relay's routes. For each: 0 links out (no reading of the answer holds the link's host, its
// secret or a data: URI) and no answer >= 500. Deterministic: a fixed seed and number of runs.

const SEED = 48_2026
const RUNS = 40
const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const SESSION = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'

const HOSTS = ['files.canary.example', 'canary.blob.core.windows.net', 'canary-uploads.s3.amazonaws.com']
const host = fc.constantFrom(...HOSTS)
const link = fc.oneof(
  host.map((h) => `https://${h}/front.jpg?access_token=s3cr3t`),
  host.map((h) => `https://${h}/c/front.jpg?sv=2022-11-02&se=2030-01-01&sr=b&sp=r&sig=s3cr3t`),
  host.map((h) => `http://user:s3cr3t@${h}/x`),
  host.map((h) => `https://files.withpersona.com@${h}/x`),
  host.map((h) => `//${h}/x`),
  host.map((h) => `https:${h}/x`),
  host.map((h) => `www.${h}/x`),
  host.map((h) => `${h}/x?X-Amz-Signature=s3cr3t`),
  host.map((h) => `javascript:fetch('//${h}')`),
  fc.constantFrom(
    '?sv=2022-11-02&se=2030-01-01&sig=s3cr3t',
    'data:text/html;base64,czNjcjN0',
    'data:,s3cr3t',
    'data:image/svg+xml;utf8,<svg>s3cr3t</svg>',
  ),
)
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
const ENCODINGS: ((s: string) => string)[] = [
  (s) => s,
  encodeURIComponent,
  (s) => encodeURIComponent(encodeURIComponent(s)),
  (s) => s.replace(/:/g, '&#58;').replace(/\//g, '&#x2F;'),
  (s) => s.replace(/:/g, '&colon;'),
  fullWidth,
  (s) => s.toUpperCase(),
  (s) => s.replace(/\//g, '\\'),
  (s) => s.replace(':', '%3A'),
]
const pad = fc.constantFrom('', ' ', '   ', '\t', '\n', '\u00a0', '\u200b', '\ufeff', '\u2028', ' \u200b\t')
const generated = fc
  .tuple(pad, fc.constantFrom('', 'see ', 'note: '), link, fc.integer({ min: 0, max: ENCODINGS.length - 1 }), pad)
  .map(([before, prefix, text, encoding, after]) => `${before}${prefix}${ENCODINGS[encoding]!(text)}${after}`)

/** Every reading of `text` a reader might make: invisibles out, folded, entity- and percent-decoded. */
function readings(text: string): string[] {
  const out: string[] = []
  let t = text
  for (let i = 0; i < 6; i++) {
    out.push(
      t
        .normalize('NFKC')
        .replace(/[\s\p{Cc}\p{Cf}]+/gu, '')
        .toLowerCase(),
    )
    let next = t
      .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
      .replace(/&colon;?/gi, ':')
    try {
      next = decodeURIComponent(next)
    } catch {}
    if (next === t) break
    t = next
  }
  return out
}

/** The strings of an answer that still hold the link: its host, its secret or a data: URI, in any reading. */
function linksOut(body: unknown): string[] {
  const found: string[] = []
  const stack: unknown[] = [body]
  while (stack.length) {
    const v = stack.pop()
    if (typeof v === 'string') {
      if (readings(v).some((r) => /canary|s3cr3t|data:/.test(r))) found.push(v)
    } else if (Array.isArray(v)) stack.push(...v)
    else if (v && typeof v === 'object') for (const [key, inner] of Object.entries(v)) stack.push(key, inner)
  }
  return found
}

/** `object` with every string replaced by `text`, but a resource's own type and ID (so it is not dropped whole). */
function planted(object: unknown, text: string, top = true): unknown {
  if (typeof object === 'string') return text
  if (Array.isArray(object)) return object.map((item) => planted(item, text, false))
  if (!object || typeof object !== 'object') return object
  return Object.fromEntries(
    Object.entries(object).map(([key, v]) => [
      key,
      top && (key === 'type' || key === 'id') ? v : planted(v, text, key === 'data' || key === 'included'),
    ]),
  )
}

const persona = specSamples('2025-12-08').samples.map((s) => s.object)
const deepidvRecord = {
  id: SESSION,
  organization_id: 'org',
  user_id: 'user',
  sender_user_id: 'sender',
  external_id: 'cust-42',
  status: 'VERIFIED',
  type: 'session',
  session_progress: 'COMPLETED',
  workflow_id: 'wf',
  workflow_steps: ['ID_VERIFICATION', 'FACE_LIVENESS'],
  bank_statement_request_id: 'bank',
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
  submitted_at: '2025-01-01T00:00:00.000Z',
  location: { country: 'Canada' },
  meta_data: { 'applicant-submission-device': 'iPhone', 'applicant-submission-browser': 'Safari', 'applicant-view-time': 'now' },
  uploads: { id_front: 'x', id_back: 'x', selfie_front: 'x', pdf_summary: 'x' },
  analysis_data: {
    id_matches_selfie: 'x',
    created_at: 'x',
    id_analysis_data: { expiry_date_pass: 'x' },
    adverse_media_data: { total_hits: 'x', timestamp: 'x' },
    document_risk_data: { overall_risk_score: 'x' },
  },
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('generated links in every allowed string field', () => {
  it(`${RUNS} generated links in every string of every object type: 0 links out, no answer >= 500`, { timeout: 600_000 }, async () => {
    const print = console.log.bind(console)
    vi.spyOn(console, 'log').mockImplementation(() => {})
    const relay = testRelay({
      UPSTREAM_TIMEOUT_MS: '30000',
      LIST_TTL_SECONDS: '0',
      OBJECT_TTL_SECONDS: '0',
      PERSONA_BUDGET_PER_MINUTE: '10000',
      DEEPIDV_BUDGET_PER_SECOND: '1000',
      AGENT_SHARE: '1',
    })
    let answers = 0
    let strings = 0
    await fc.assert(
      fc.asyncProperty(generated, async (text) => {
        const objects = persona.map((o) => planted(o, text, true) as Record<string, unknown>)
        const inquiry = objects.find((o) => o.type === 'inquiry')!
        const events = objects.map((o, i) => ({
          type: 'event',
          id: `evt_${String(i).padStart(24, '0')}`,
          attributes: { name: text, 'created-at': text, payload: { data: o, included: objects.slice(i + 1, i + 3) } },
        }))
        const record = planted(deepidvRecord, text, false) as Record<string, unknown>
        const served: [provider: 'persona' | 'deepidv', path: string, body: unknown, times: number][] = [
          ['persona', '/v1/persona/inquiries?page%5Bsize%5D=100', { data: objects, links: { prev: text, next: text } }, 1],
          ['persona', `/v1/persona/inquiries/${INQ}?include=sessions`, { data: inquiry, included: objects, links: { next: text } }, 1],
          [
            'persona',
            '/v1/persona/events?page%5Bsize%5D=100',
            { data: events, links: { prev: null, next: `/api/v1/events?page%5Bafter%5D=${encodeURIComponent(text)}` } },
            1,
          ],
          ['persona', `/v1/lookup?ids=${INQ}`, { data: [{ ...inquiry, id: INQ }], links: { prev: null, next: null } }, 2],
          [
            'deepidv',
            `/v1/deepidv/sessions/${SESSION}`,
            { session_record: { ...record, id: SESSION, status: 'VERIFIED', created_at: '2025-01-01T00:00:00.000Z' } },
            1,
          ],
          [
            'deepidv',
            '/v1/deepidv/sessions?limit=5',
            { sessions: [{ ...record, id: SESSION, status: 'VERIFIED', created_at: '2025-01-01T00:00:00.000Z' }], next_token: text },
            1,
          ],
        ]
        for (const [provider, path, body, times] of served) {
          await relay.clearFaults()
          await relay.fault({ provider, fault: 'invalid', body, times })
          const res = await relay.get(path, { headers: { 'cache-control': 'no-cache' } })
          expect(res.status, `${path} with ${JSON.stringify(text)}`).toBeLessThan(500)
          const answer = (await res.json()) as unknown
          expect(linksOut(answer), `${path} with ${JSON.stringify(text)}`).toEqual([])
          answers++
          strings += JSON.stringify(body).split(JSON.stringify(text).slice(1, -1)).length - 1
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    )
    print(JSON.stringify({ generatedLinks: RUNS, answers, planted: strings, linksOut: 0, over499: 0 }))
    expect(answers).toBe(RUNS * 6)
  })
})
