/**
 * The demo's agent actions, against Persona's vendored spec (spec/): each request body the relay sends
 * is one the spec's `requestBody` accepts, each answer the documented 200 (the inquiry or case, and for a
 * one-time link the `meta` with both links), and the change shows in every later read. Also: a retried
 * Idempotency-Key gets the same session, the sessions cap, writes a read-only key may not make, the
 * `case.*` webhooks, and the control route that finishes a link.
 */
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createDemoUpstream, type DemoUpstream } from './app.ts'
import { MAX_SESSIONS_PER_INQUIRY } from './persona-actions.ts'
import { PersonaSpec, type ActionPath } from './spec/validator.ts'
import { NOW, body, persona, type RetrieveBody } from './test-support.ts'

const spec = PersonaSpec.of('2025-12-08')
const closers: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

function fresh(options: Parameters<typeof createDemoUpstream>[0] = {}): DemoUpstream {
  return createDemoUpstream({ now: NOW, rateLimits: false, ...options })
}

async function post(
  upstream: DemoUpstream,
  path: string,
  payload: unknown,
  headers: Record<string, string> = {},
  key = 'persona_demo_actions',
) {
  return upstream.app.request(`/persona/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  })
}

/** Sends `payload` after checking it against the spec's request body, and checks the answer against the documented 200. */
async function act(upstream: DemoUpstream, specPath: ActionPath, path: string, payload: unknown, headers: Record<string, string> = {}) {
  expect(spec.requestErrors(specPath, payload ?? {})).toEqual([])
  const res = await post(upstream, path, payload, headers)
  const json: unknown = await res.json()
  expect(res.status, JSON.stringify(json).slice(0, 300)).toBe(200)
  expect(spec.actionErrors(specPath, json)).toEqual([])
  return json as RetrieveBody & { meta?: Record<string, string> }
}

const someInquiry = (upstream: DemoUpstream) => upstream.dataset.inquiries.find((i) => i.tags.length === 0)!
const someCase = (upstream: DemoUpstream) => upstream.dataset.cases.find((c) => c.resolvedAt === null)!

describe('demo agent actions against Persona 2025-12-08', () => {
  it('should add and remove a tag as the spec describes, and show it on the next retrieve', async () => {
    const upstream = fresh()
    const { id } = someInquiry(upstream)
    const added = await act(upstream, '/inquiries/{inquiry-id}/add-tag', `/inquiries/${id}/add-tag`, { meta: { 'tag-name': 'vip' } })
    expect(added.data.attributes.tags).toEqual(['vip'])
    const read = await body<RetrieveBody>(await persona(upstream, `/inquiries/${id}`))
    expect(read.data.attributes.tags).toEqual(['vip'])
    const removed = await act(upstream, '/inquiries/{inquiry-id}/remove-tag', `/inquiries/${id}/remove-tag`, {
      meta: { 'tag-name': 'vip' },
    })
    expect(removed.data.attributes.tags).toEqual([])
    expect((await post(upstream, `/inquiries/${id}/add-tag`, { meta: {} })).status).toBe(400)
  })

  it('should assign a case and set its status as the spec describes', async () => {
    const upstream = fresh()
    const { id } = someCase(upstream)
    const assigned = await act(upstream, '/cases/{case-id}/assign', `/cases/${id}/assign`, {
      meta: { 'user-email-address': 'kim.reviewer@acme.example' },
    })
    expect(assigned.data.attributes['assignee-id']).toBe('kim.reviewer@acme.example')
    const set = await act(upstream, '/cases/{case-id}/set-status', `/cases/${id}/set-status`, { meta: { status: 'Approved' } })
    expect(set.data.attributes).toMatchObject({ status: 'Approved', resolution: 'Approved' })
    expect((await body<RetrieveBody>(await persona(upstream, `/cases/${id}`))).data.attributes.status).toBe('Approved')
    expect((await post(upstream, `/cases/${id}/assign`, {})).status).toBe(400)
  })

  it('should make a new session per one-time link, the same one for a retried Idempotency-Key, up to the cap', async () => {
    const upstream = fresh()
    const inquiry = upstream.dataset.inquiries.find(
      (i) => upstream.dataset.inquirySessions.filter((s) => s.inquiryId === i.id).length === 0,
    )!
    const path = `/inquiries/${inquiry.id}/generate-one-time-link`
    const first = await act(
      upstream,
      '/inquiries/{inquiry-id}/generate-one-time-link',
      path,
      { meta: { 'expires-in-seconds': 3600 } },
      { 'idempotency-key': 'k1' },
    )
    expect(first.meta?.['one-time-link']).toMatch(/^http:\/\/localhost\/persona\/verify\?code=\w+$/)
    const retried = await act(upstream, '/inquiries/{inquiry-id}/generate-one-time-link', path, undefined, { 'idempotency-key': 'k1' })
    expect(retried.meta).toEqual(first.meta)
    const other = await act(upstream, '/inquiries/{inquiry-id}/generate-one-time-link', path, undefined, { 'idempotency-key': 'k2' })
    expect(other.meta?.['one-time-link']).not.toBe(first.meta?.['one-time-link'])
    // The retrieve never carries a link.
    expect(JSON.stringify(await body(await persona(upstream, `/inquiries/${inquiry.id}`)))).not.toContain('code=')
    for (let i = 2; i < MAX_SESSIONS_PER_INQUIRY; i++) expect((await post(upstream, path, undefined)).status).toBe(200)
    expect((await post(upstream, path, undefined)).status).toBe(422)
    expect((await post(upstream, path, { meta: { 'expires-in-seconds': 0 } })).status).toBe(400)
  })

  it('should approve, decline and mark for review as the spec describes, and refuse to mark a decided inquiry', async () => {
    const upstream = fresh()
    const [a, b] = upstream.dataset.inquiries.filter((i) => i.status === 'completed')
    const approve = '/inquiries/{inquiry-id}/approve'
    const approved = await act(upstream, approve, `/inquiries/${a!.id}/approve`, { meta: { comment: 'Documents checked by hand' } })
    expect(approved.data.attributes).toMatchObject({ status: 'approved' })
    expect(Date.parse(approved.data.attributes['decisioned-at'] as string)).toBeGreaterThan(0)
    expect((await body<RetrieveBody>(await persona(upstream, `/inquiries/${a!.id}`))).data.attributes.status).toBe('approved')
    // The spec documents no body for mark-for-review, and refuses it on an approved or declined inquiry.
    expect(spec.takesBody('/inquiries/{inquiry-id}/mark-for-review')).toBe(false)
    const refused = await post(upstream, `/inquiries/${a!.id}/mark-for-review`, undefined)
    expect(refused.status).toBe(422)
    const validate = spec.validator('/inquiries/{inquiry-id}/mark-for-review', 422, 'post')
    expect(validate(await refused.json()), JSON.stringify(validate.errors)).toBe(true)
    const review = await post(upstream, `/inquiries/${b!.id}/mark-for-review`, undefined)
    const reviewed: unknown = await review.json()
    expect(review.status).toBe(200)
    expect(spec.actionErrors('/inquiries/{inquiry-id}/mark-for-review', reviewed)).toEqual([])
    expect((reviewed as RetrieveBody).data.attributes).toMatchObject({ status: 'needs_review', 'marked-for-review-at': expect.any(String) })
    const declined = await act(upstream, '/inquiries/{inquiry-id}/decline', `/inquiries/${b!.id}/decline`, {})
    expect(declined.data.attributes.status).toBe('declined')
    expect((await post(upstream, `/inquiries/${b!.id}/decline`, { meta: { note: 'x' } })).status).toBe(400)
    expect((await post(upstream, `/inquiries/${b!.id}/mark-for-review`, { meta: {} })).status).toBe(400)
  })

  it('should refuse every other write, and the actions to a key named read-only', async () => {
    const upstream = fresh()
    const { id } = someInquiry(upstream)
    for (const path of [`/inquiries/${id}/resume`, `/inquiries/${id}/set-tags`, `/inquiries/${id}/expire`, '/inquiries']) {
      expect((await post(upstream, path, {})).status).toBe(403)
    }
    expect((await post(upstream, `/inquiries/${id}/add-tag`, { meta: { 'tag-name': 'x' } }, {}, 'persona_demo_readonly')).status).toBe(403)
  })
})

async function receiver() {
  const received: { name: string; id: string }[] = []
  const app = new Hono().post('/webhooks/:provider', async (c) => {
    const event = (await c.req.json()) as { data: { attributes: { name: string; payload: { data: { id: string } } } } }
    received.push({ name: event.data.attributes.name, id: event.data.attributes.payload.data.id })
    return c.body(null, 204)
  })
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  closers.push(() => new Promise<void>((r) => server.close(() => r())))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }
}

describe('demo agent actions: webhooks and the finished link', () => {
  it('should deliver case.* events for case actions, and inquiry.approved when the customer finishes the link', async () => {
    const target = await receiver()
    const upstream = fresh({ webhooks: { target: target.url, personaSecret: 'wbhsec_demo' } })
    closers.push(() => upstream.webhooks!.stop())
    const found = someCase(upstream)
    await act(upstream, '/cases/{case-id}/assign', `/cases/${found.id}/assign`, { meta: { 'user-email-address': 'reviewer@acme.example' } })
    await act(upstream, '/cases/{case-id}/set-status', `/cases/${found.id}/set-status`, { meta: { status: 'Declined' } })
    const inquiry = someInquiry(upstream)
    const finish = () => upstream.app.request(`/__demo/persona/inquiries/${inquiry.id}/finish-link`, { method: 'POST' })
    expect((await finish()).status).toBe(409)
    await act(upstream, '/inquiries/{inquiry-id}/generate-one-time-link', `/inquiries/${inquiry.id}/generate-one-time-link`, undefined)
    expect((await finish()).status).toBe(200)
    expect(target.received).toEqual([
      { name: 'case.assigned', id: found.id },
      { name: 'case.resolved', id: found.id },
      { name: 'inquiry.approved', id: inquiry.id },
    ])
    expect((await body<RetrieveBody>(await persona(upstream, `/inquiries/${inquiry.id}`))).data.attributes.status).toBe('approved')
  })
})
