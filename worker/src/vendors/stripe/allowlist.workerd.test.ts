import { describe, expect, it } from 'vitest'
import { FULL_REPORT, FULL_SESSION, leafPaths } from '../../../demo-upstream/stripe-full-samples.ts'
import { testRelay } from '../../../test/helpers.ts'

/**
 * Stripe's allowlist against every field the `stripe` package's types declare (FULL_SESSION and
 * FULL_REPORT have them all: the type check says so). Each leaf gets a sentinel of its own; what is
 * kept must come back unchanged at its place, and nothing else may come back anywhere.
 */

const CHECKS = ['document', 'selfie', 'id_number', 'email', 'phone']
const KEPT_SESSION = [
  'id',
  'object',
  'type',
  'status',
  'created',
  'livemode',
  'client_reference_id',
  'last_error.code',
  'last_error.reason',
  'last_verification_report',
  'redaction.status',
]
const KEPT_REPORT = [
  'id',
  'object',
  'type',
  'created',
  'livemode',
  'client_reference_id',
  'verification_session',
  ...CHECKS.flatMap((c) => [`${c}.status`, `${c}.error.code`, `${c}.error.reason`]),
]

type Json = Record<string, unknown>

/** A copy with every string leaf `SENTINEL<n>x` and every number 7000000 + n; `object` stays (the relay checks it). */
function withSentinels(body: Json): { body: Json; leaves: Map<string, unknown> } {
  let n = 0
  const leaves = new Map<string, unknown>()
  const walk = (v: unknown, at: string): unknown => {
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${at}[${i}]`))
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner, at ? `${at}.${k}` : k)]))
    const sentinel = at === 'object' ? v : typeof v === 'string' ? `SENTINEL${++n}x` : typeof v === 'number' ? 7_000_000 + ++n : v
    leaves.set(at, sentinel)
    return sentinel
  }
  return { body: walk(body, '') as Json, leaves }
}

const at = (body: unknown, path: string): unknown =>
  path.split(/\.|(?=\[)/).reduce<unknown>((v, key) => {
    if (v === null || typeof v !== 'object') return undefined
    const index = /^\[(\d+)\]$/.exec(key)
    return index ? (v as unknown[])[Number(index[1])] : (v as Json)[key]
  }, body)

/** What breaks the allowlist: a kept leaf changed or missing, or any other leaf's value or place in the answer. */
function violations(answer: unknown, leaves: Map<string, unknown>, kept: string[]): string[] {
  const text = JSON.stringify(answer)
  const out: string[] = []
  for (const [path, sentinel] of leaves) {
    if (kept.includes(path)) {
      if (at(answer, path) !== sentinel) out.push(`${path}: kept value missing or changed`)
    } else if (
      at(answer, path) !== undefined ||
      (typeof sentinel === 'string' && sentinel.startsWith('SENTINEL') && text.includes(sentinel))
    ) {
      out.push(`${path}: left the relay`)
    }
  }
  return out
}

const session = withSentinels(FULL_SESSION as unknown as Json)
const report = withSentinels(FULL_REPORT as unknown as Json)

describe("Stripe's allowlist, against every field of the stripe types", () => {
  it('has a sentinel for every leaf the types declare, and names only declared fields as kept', () => {
    // Empty objects (`options.id_number: {}`) hold no value to leak.
    expect(session.leaves.size).toBe(leafPaths(FULL_SESSION).filter((p) => !p.endsWith('{}')).length)
    expect(report.leaves.size).toBe(leafPaths(FULL_REPORT).filter((p) => !p.endsWith('{}')).length)
    for (const path of KEPT_SESSION) expect(session.leaves.has(path), path).toBe(true)
    for (const path of KEPT_REPORT) expect(report.leaves.has(path), path).toBe(true)
  })

  it('catches a bypass: the body as Stripe sent it breaks the check at every field that must not leave', () => {
    const leaked = violations(session.body, session.leaves, KEPT_SESSION).map((v) => v.split(':')[0])
    expect(leaked).toEqual([...session.leaves.keys()].filter((p) => !KEPT_SESSION.includes(p)))
    expect(leaked).toEqual(
      expect.arrayContaining([
        'client_secret',
        'url',
        'metadata.key',
        'provided_details.email',
        'verified_outputs.first_name',
        'verified_outputs.dob.year',
      ]),
    )
    const reportLeaks = violations(report.body, report.leaves, KEPT_REPORT).map((v) => v.split(':')[0])
    expect(reportLeaks).toEqual(
      expect.arrayContaining([
        'document.files[0]',
        'document.number',
        'selfie.selfie',
        'id_number.id_number',
        'email.email',
        'phone.phone',
      ]),
    )
    // And an answer with nothing in it misses every kept field.
    expect(violations({}, session.leaves, KEPT_SESSION)).toHaveLength(KEPT_SESSION.length)
  })

  it('GET /v1/stripe/identity/verification_sessions/{id} keeps exactly the allowed fields', async () => {
    const relay = testRelay()
    await relay.fault({ provider: 'stripe', fault: 'invalid', body: session.body, times: 1 })
    const res = await relay.get(`/v1/stripe/identity/verification_sessions/${FULL_SESSION.id}`)
    expect(res.status).toBe(200)
    expect(violations(await res.json(), session.leaves, KEPT_SESSION)).toEqual([])
  })

  it('GET /v1/stripe/identity/verification_sessions keeps exactly the allowed fields of every item, its url the relay', async () => {
    const relay = testRelay()
    const list = { object: 'list', url: '/v1/identity/verification_sessions', has_more: false, data: [session.body] }
    await relay.fault({ provider: 'stripe', fault: 'invalid', body: list, times: 1 })
    const res = await relay.get('/v1/stripe/identity/verification_sessions')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { url: string; data: unknown[] }
    expect(body.url).toBe('/v1/stripe/identity/verification_sessions')
    expect(violations(body.data[0], session.leaves, KEPT_SESSION)).toEqual([])
  })

  it('GET /v1/stripe/identity/verification_reports/{id} keeps exactly each check’s status and error', async () => {
    const relay = testRelay()
    await relay.fault({ provider: 'stripe', fault: 'invalid', body: report.body, times: 1 })
    const res = await relay.get(`/v1/stripe/identity/verification_reports/${FULL_REPORT.id}`)
    expect(res.status).toBe(200)
    expect(violations(await res.json(), report.leaves, KEPT_REPORT)).toEqual([])
  })

  it('GET /v1/lookup says nothing of what the allowlist drops', async () => {
    const relay = testRelay()
    await relay.fault({ provider: 'stripe', fault: 'invalid', body: session.body, times: 1 })
    const res = await relay.get(`/v1/lookup?ids=${FULL_SESSION.id}`)
    expect(res.status).toBe(200)
    const text = await res.text()
    const kept = new Set(KEPT_SESSION.map((p) => session.leaves.get(p)))
    const dropped = [...session.leaves.values()].filter((v) => typeof v === 'string' && v.startsWith('SENTINEL') && !kept.has(v))
    for (const sentinel of dropped) expect(text).not.toContain(sentinel)
    expect(text).toContain(String(session.leaves.get('client_reference_id')))
  })
})
