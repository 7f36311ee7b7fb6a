/**
 * GET /v1/persona/my-cases (issue 75 item 6): the open Persona cases assigned to the caller only, by the
 * caller's own email, due soonest first, then newest; no parameter names another agent.
 */
import { describe, expect, it } from 'vitest'
import type { PersonaCase, PersonaList } from '@idv-lens/shared/api'
import { assignedTo } from '../src/vendors/persona/my-cases.ts'
import { AGENT_TOKEN, problemOf, testRelay } from './helpers.ts'
import { upstream } from './action-helpers.ts'

const KIM_TOKEN = 'kim-token-0123456789abcdefghijklmnopqrstu'
const TOKENS = `tester:${AGENT_TOKEN},Kim.Reviewer@acme.example:${KIM_TOKEN}:reviewer`

async function seededCases(): Promise<PersonaCase[]> {
  const res = await fetch(`${upstream}/persona/api/v1/cases?page%5Bsize%5D=100`, {
    headers: { authorization: 'Bearer persona_demo_actions_oracle' },
  })
  return ((await res.json()) as PersonaList<PersonaCase>).data
}

describe('GET /v1/persona/my-cases', () => {
  it("answers the caller's open cases only, due soonest first, through one cached list read", async () => {
    const relay = testRelay({ AGENT_TOKENS: TOKENS })
    const res = await relay.get('/v1/persona/my-cases', { headers: { authorization: `Bearer ${KIM_TOKEN}` } })
    expect(res.status).toBe(200)
    const { data } = (await res.json()) as PersonaList<PersonaCase>
    const expected = (await seededCases()).filter(
      (k) => k.attributes?.['assignee-id'] === 'kim.reviewer@acme.example' && !k.attributes?.['resolved-at'],
    )
    expect(expected.length).toBeGreaterThan(0)
    expect(data.map((k) => k.id).sort()).toEqual(expected.map((k) => k.id).sort())
    const dues = data.map((k) => k.attributes?.['sla-expires-at']).filter((d): d is string => !!d)
    expect(dues).toEqual([...dues].sort())
    // A second ask is the cached copy: still one vendor call.
    await relay.get('/v1/persona/my-cases', { headers: { authorization: `Bearer ${KIM_TOKEN}` } })
    expect((await relay.upstreamCalls()).persona).toBe(1)
  })

  it('refuses an agent whose name is no email, with no vendor call, and takes no other assignee', async () => {
    const relay = testRelay({ AGENT_TOKENS: TOKENS })
    const res = await relay.get('/v1/persona/my-cases')
    expect(res.status).toBe(400)
    expect((await problemOf(res)).code).toBe('bad-request')
    const other = await relay.get('/v1/persona/my-cases?assignee=reviewer%40acme.example', {
      headers: { authorization: `Bearer ${KIM_TOKEN}` },
    })
    expect(other.status).toBe(400)
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it('sorts due soonest first, cases without a due time after, then newest', () => {
    const k = (id: string, due: string | null, created: string, extra = {}) =>
      ({
        type: 'case',
        id,
        attributes: { 'assignee-id': 'me@x.example', 'sla-expires-at': due, 'created-at': created, 'resolved-at': null, ...extra },
      }) as unknown as PersonaCase
    const cases = [
      k('case_a', null, '2026-01-03T00:00:00Z'),
      k('case_b', '2026-02-02T00:00:00Z', '2026-01-01T00:00:00Z'),
      k('case_c', null, '2026-01-05T00:00:00Z'),
      k('case_d', '2026-02-01T00:00:00Z', '2026-01-02T00:00:00Z'),
      k('case_e', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', { 'resolved-at': '2026-01-02T00:00:00Z' }),
      k('case_f', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', { 'assignee-id': 'other@x.example' }),
    ]
    expect(assignedTo(cases, 'me@x.example').map((c) => c.id)).toEqual(['case_d', 'case_b', 'case_c', 'case_a'])
  })
})
