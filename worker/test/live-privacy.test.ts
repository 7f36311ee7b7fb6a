import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { liveRelay } from './live-helpers.ts'

const upstreamUrl = (env as unknown as { TEST_UPSTREAM_URL: string }).TEST_UPSTREAM_URL
type Json = Record<string, unknown>
const SENSITIVE_KEY =
  /^(fields|reference-id|ip-address|creator|external_id|meta_data|id_extracted_text|user|sender_user|email|first_name|last_name|phone)$/

/** Every string (or `{ value }` string) directly under a key matching `key`, anywhere in `value`. */
function valuesUnder(value: unknown, key: RegExp, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) valuesUnder(v, key, into)
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const text =
        typeof v === 'string'
          ? v
          : v && typeof v === 'object' && typeof (v as Json).value === 'string'
            ? ((v as Json).value as string)
            : null
      if (key.test(k) && text) into.push(text)
      else valuesUnder(v, key, into)
    }
  }
  return into
}

/** Every string under the keys that hold personal data in the demo's records. */
function personalData(value: unknown, into: Set<string>, sensitive = false): Set<string> {
  if (typeof value === 'string') {
    if (sensitive && value.length >= 3) into.add(value)
  } else if (Array.isArray(value)) {
    for (const v of value) personalData(v, into, sensitive)
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const hit = SENSITIVE_KEY.test(key)
      personalData(v, into, sensitive || hit)
    }
  }
  return into
}

describe('what live events keep and push', () => {
  it("should hold none of the demo data's names, emails, addresses, birthdates, IPs or reference IDs", async () => {
    const relay = liveRelay()
    const socket = await relay.connect()
    const get = async (path: string, headers: Record<string, string>) => {
      const res = await fetch(`${upstreamUrl}${path}`, { headers })
      expect(res.status).toBe(200)
      return (await res.json()) as Json
    }
    const persona = { authorization: `Bearer ${relay.keys.persona}` }
    const events = (
      await get(
        '/persona/api/v1/events?page%5Bsize%5D=100&filter%5Bname%5D=inquiry.approved,inquiry.completed,inquiry.created,inquiry-session.started,inquiry.marked-for-review',
        persona,
      )
    ).data as Json[]
    const deepidv = { 'x-api-key': relay.keys.deepidv }
    const sessionIds = ((await get('/deepidv/v1/sessions?limit=25', deepidv)).sessions as Json[]).map((s) => s.id as string)
    const sessions = await Promise.all(sessionIds.map((id) => get(`/deepidv/v1/sessions/${id}`, deepidv)))

    const pii = new Set<string>()
    for (const event of events) personalData(event, pii)
    for (const session of sessions) personalData(session, pii)
    // The scan must have something to find: the demo's people are in these payloads.
    const kinds = [...pii]
    expect(kinds.filter((s) => /@/.test(s)).length).toBeGreaterThan(20)
    expect(kinds.filter((s) => /^\d{4}-\d{2}-\d{2}$/.test(s)).length).toBeGreaterThan(5)
    expect(kinds.filter((s) => /^\d{1,3}(\.\d{1,3}){3}/.test(s)).length).toBeGreaterThan(5)
    expect(kinds.some((s) => /^\d+ \w+ (St|Ave|Rd|Blvd|Ln|Dr|Way)/.test(s))).toBe(true)
    // People's names (Persona's fields, deepidv's user) and reference IDs are among what is scanned for.
    const names = valuesUnder([events, sessions], /^(name-first|name-last|first_name|last_name)$/)
    const referenceIds = valuesUnder([events, sessions], /^(reference-id|external_id)$/)
    expect(names.length).toBeGreaterThan(20)
    expect(referenceIds.length).toBeGreaterThan(5)
    expect([...names, ...referenceIds].filter((v) => v.length >= 3 && !pii.has(v))).toEqual([])

    const now = Date.now()
    for (const [i, event] of events.entries()) {
      // Re-dated into the window; the body is signed as sent.
      const attributes = { ...(event.attributes as Json), 'created-at': new Date(now - i * 1000).toISOString() }
      expect((await relay.persona(JSON.stringify({ data: { ...event, attributes } }))).status).toBe(204)
    }
    for (const session of sessions) {
      const record = { ...(session.session_record as Json), updated_at: new Date(now).toISOString() }
      const body = JSON.stringify({ type: 'session.status.verified', data: { ...session, session_record: record } })
      expect((await relay.deepidv(body)).status).toBe(204)
    }

    const total = events.length + sessions.length
    expect(total).toBeGreaterThan(100)
    const frames = await socket.frameCount(total)
    const rows = await relay.rows()
    expect(rows.length).toBe(total)
    expect(Object.keys(rows[0]!).sort()).toEqual([
      'created_at',
      'created_ms',
      'dedupe_key',
      'id',
      'name',
      'object_id',
      'object_type',
      'seq',
      'status',
      'vendor',
    ])
    const values = [...rows.flatMap((r) => Object.values(r)), ...frames.flatMap((f) => Object.values(f))].map(String)
    const rawText = [...socket.raw, JSON.stringify(rows)].join('\n')
    const hits = [...pii].filter((p) => values.includes(p) || (p.length >= 6 && rawText.includes(p)))
    expect(hits).toEqual([])
    // What is kept is enough to open the record through the normal routes.
    expect(frames.filter((f) => f.vendor === 'persona').every((f) => /^(inq|iqse)_/.test(f.objectId))).toBe(true)
    expect(
      frames
        .filter((f) => f.vendor === 'deepidv')
        .map((f) => f.objectId)
        .sort(),
    ).toEqual([...sessionIds].sort())
  })
})
