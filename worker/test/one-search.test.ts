/**
 * One search for a customer (issues 58, 75): the demo story's reference ID, asked once, answers the
 * customer's records at Persona, deepidv, Stripe and Onfido, newest first, each with its status and reason.
 */
import { describe, expect, it } from 'vitest'
import { VENDOR_NAMES, type HistoryResponse } from '@idv-lens/shared/api'
import { STORY_IDS } from '../demo-upstream/app.ts'
import { problemOf, testRelay } from './helpers.ts'

const search = (reference: string) => `/v1/history?reference-id=${encodeURIComponent(reference)}`

describe('one search for every vendor', () => {
  it("answers the story customer's records from four vendors, newest first, with one line per vendor", async () => {
    const relay = testRelay()
    const res = await relay.get(search(STORY_IDS.referenceId))
    expect(res.status).toBe(200)
    const body = (await res.json()) as HistoryResponse
    expect(new Set(body.data.map((a) => a.provider))).toEqual(new Set(VENDOR_NAMES))
    expect(body.vendors.map((v) => [v.provider, v.outcome, v.found > 0, v.complete])).toEqual(
      VENDOR_NAMES.map((provider) => [provider, 'searched', true, true]),
    )
    expect(body.data.find((a) => a.provider === 'onfido' && a.status === 'declined')).toMatchObject({
      reason: { reasons: ['document_image_quality'] },
    })
    const times = body.data.map((a) => Date.parse(a.createdAt ?? ''))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    for (const attempt of body.data) expect(attempt.status).toBeTruthy()
    expect(body.data.find((a) => a.provider === 'stripe')).toMatchObject({
      status: 'requires_input',
      reason: { reasons: ['selfie_face_mismatch'] },
    })
    expect(body.data.find((a) => a.provider === 'deepidv')).toMatchObject({ reason: { check: 'id_matches_selfie' } })
    const calls = await relay.upstreamCalls()
    // The list by reference, once per vendor; Persona's reasons and cases are read after its list.
    const lists = calls.requests.filter((r) => ['/api/v1/inquiries', '/v1/sessions', '/v1/identity/verification_sessions'].includes(r.path))
    expect(lists.map((r) => r.path).sort()).toEqual(['/api/v1/inquiries', '/v1/identity/verification_sessions', '/v1/sessions'])
    expect(calls.deepidv).toBe(1)
    expect(calls.stripe).toBe(1)
    const persona = calls.persona
    // Measured: Persona's list, its sessions, then each inquiry's record and case (the reason's words).
    const inquiries = body.data.filter((a) => a.provider === 'persona').length
    expect(persona).toBe(2 + 2 * inquiries)
    // Asked again, the answer is the cached one: no vendor is called.
    const again = await relay.get(search(STORY_IDS.referenceId))
    expect(again.headers.get('cache-status')).toMatch(/^idv-lens; hit/)
    expect((await relay.upstreamCalls()).total).toBe(calls.total)
  })

  it('refuses bad input with 400 and calls no vendor', async () => {
    const relay = testRelay()
    for (const bad of ['', 'x'.repeat(256), 'tab\there']) {
      const res = await relay.get(search(bad))
      expect(res.status).toBe(400)
      expect((await problemOf(res)).code).toBe('bad-request')
    }
    expect((await relay.upstreamCalls()).total).toBe(0)
  })
})
