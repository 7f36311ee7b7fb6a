import type {
  AuditPage,
  UsageReport,
  HistoryResponse,
  LookupResponse,
  MeResponse,
  Problem,
  RequesterCheckResponse,
} from '@idv-lens/shared/api'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { z } from 'zod'
import {
  AuditPageSchema,
  UsageReportSchema,
  HistoryResponseSchema,
  LookupResponseSchema,
  MeResponseSchema,
  ProblemSchema,
  RequesterCheckResponseSchema,
} from '../src/contract/schemas.ts'
import { contract, testRelay } from './helpers.ts'
import { VENDOR_NAMES } from '@idv-lens/shared/api'
import { VENDORS } from '../src/vendors/index.ts'

const ROUTES = [
  '/healthz',
  '/v1/persona/inquiries',
  '/v1/persona/inquiries/{id}',
  '/v1/persona/inquiry-sessions',
  '/v1/persona/inquiry-sessions/{id}',
  '/v1/persona/events',
  '/v1/persona/events/{id}',
  '/v1/persona/verifications/{id}',
  '/v1/persona/cases',
  '/v1/persona/my-cases',
  '/v1/persona/cases/{id}',
  '/v1/deepidv/sessions',
  '/v1/deepidv/sessions/{id}',
  '/v1/stripe/identity/verification_sessions',
  '/v1/stripe/identity/verification_sessions/{id}',
  '/v1/stripe/identity/verification_reports/{id}',
  '/v1/onfido/workflow_runs',
  '/v1/onfido/workflow_runs/{id}',
  '/v1/onfido/checks',
  '/v1/onfido/checks/{id}',
  '/v1/onfido/reports',
  '/v1/onfido/reports/{id}',
  '/v1/sumsub/applicants/{id}',
  '/v1/lookup',
  '/v1/history',
  '/v1/admin/audit',
  '/v1/admin/audit/export',
  '/v1/admin/usage',
  '/v1/status',
  '/v1/live',
  '/v1/me',
]
/**
 * The only POSTs: webhook receivers, live tickets, the requester check (a read whose value stays out of
 * URLs), and the agent actions (off until an admin turns them on).
 */
const POSTS = [
  '/v1/live/ticket',
  '/v1/requester-check',
  '/webhooks/persona',
  '/webhooks/deepidv',
  '/webhooks/stripe',
  '/webhooks/onfido',
  '/webhooks/sumsub',
  '/v1/sumsub/applicants/{id}/new-link',
  '/v1/persona/inquiries/{id}/generate-one-time-link',
  '/v1/persona/inquiries/{id}/add-tag',
  '/v1/persona/inquiries/{id}/escalate',
  '/v1/persona/inquiries/{id}/remove-tag',
  '/v1/persona/cases/{id}/assign',
  '/v1/persona/cases/{id}/set-status',
  '/v1/persona/inquiries/{id}/approve',
  '/v1/persona/inquiries/{id}/decline',
  '/v1/persona/inquiries/{id}/mark-for-review',
  '/v1/onfido/workflow_runs/{id}/new-link',
]

type Parameter = { in: string; name: string; required?: boolean; schema: { enum?: string[] } }
type Operation = { parameters?: Parameter[]; security?: unknown[]; responses: Record<string, unknown> }
type Document = { openapi: string; info: { description: string }; paths: Record<string, { get: Operation; post?: Operation }> }

async function published(): Promise<{ text: string; document: Document; res: Response }> {
  const relay = testRelay()
  const res = await relay.get('/openapi.json', { auth: false })
  const text = await res.text()
  return { text, document: JSON.parse(text) as Document, res }
}

describe('GET /openapi.json (the published contract)', () => {
  // The relay's own bodies are typed in shared/src/api (the code that builds them and the extension
  // read those) and published by these schemas: both must say the same. Checked by the type check
  // the worker's tests start with; the tests below check values.
  it("should publish the relay's own bodies exactly as shared/src/api types them", () => {
    expectTypeOf<z.infer<typeof ProblemSchema>>().toEqualTypeOf<Problem>()
    expectTypeOf<z.infer<typeof LookupResponseSchema>>().toEqualTypeOf<LookupResponse>()
    expectTypeOf<z.infer<typeof AuditPageSchema>>().toEqualTypeOf<AuditPage>()
    expectTypeOf<z.infer<typeof UsageReportSchema>>().toEqualTypeOf<UsageReport>()
    expectTypeOf<z.infer<typeof RequesterCheckResponseSchema>>().toEqualTypeOf<RequesterCheckResponse>()
    expectTypeOf<z.infer<typeof HistoryResponseSchema>>().toEqualTypeOf<HistoryResponse>()
    expectTypeOf<z.infer<typeof MeResponseSchema>>().toEqualTypeOf<MeResponse>()
  })

  it('is served without a token as OpenAPI 3.1, one GET per route of the relay', async () => {
    const { res, document } = await published()
    expect(res.status).toBe(200)
    expect(document.openapi).toBe('3.1.0')
    // The vendors' labels come from the registry, in its order.
    const labels = new Intl.ListFormat('en', { type: 'conjunction' }).format(VENDOR_NAMES.map((name) => VENDORS[name].label))
    expect(labels).toMatch(/^Persona, deepidv, .+, and \w+$/)
    expect(document.info.description).toMatch(new RegExp(`^Read-only relay in front of ${labels}: a fixed set of list and retrieve calls`))
    expect(Object.keys(document.paths).sort()).toEqual([...ROUTES, ...POSTS].sort())
    for (const [path, item] of Object.entries(document.paths))
      expect(Object.keys(item), path).toEqual([POSTS.includes(path) ? 'post' : 'get'])
  })

  it('takes the parameters from the schemas the routes validate with', async () => {
    const { document } = await published()
    const names = (path: string) => document.paths[path]?.get.parameters?.map((p) => `${p.in}:${p.name}`) ?? []
    expect(names('/v1/persona/inquiries')).toEqual(
      expect.arrayContaining([
        'query:page[after]',
        'query:filter[status]',
        'query:filter[reference-id]',
        'query:fields[inquiry]',
        'header:persona-version',
        'header:key-inflection',
      ]),
    )
    expect(names('/v1/persona/inquiries')).not.toContain('query:filter[note]')
    expect(names('/v1/persona/inquiry-sessions/{id}')).toEqual(expect.arrayContaining(['path:id', 'query:include']))
    expect(names('/v1/onfido/workflow_runs')).toEqual([
      'query:page',
      'query:status',
      'query:created_at_gt',
      'query:created_at_lt',
      'query:sort',
    ])
    expect(names('/v1/deepidv/sessions')).toEqual([
      'query:limit',
      'query:next_token',
      'query:start_date',
      'query:end_date',
      'query:by_organization',
      'query:external_id',
      'query:workflow_id',
    ])
    expect(document.paths['/v1/lookup']?.get.parameters).toEqual([expect.objectContaining({ in: 'query', name: 'ids', required: true })])
    const version = document.paths['/v1/persona/events']?.get.parameters?.find((p) => p.name === 'persona-version')
    expect(version?.schema.enum).toContain('2023-01-05')
  })

  it('asks for the agent token on /v1/ only, and documents a 200 body and the problem for every route', async () => {
    const { document } = await published()
    for (const [path, item] of Object.entries(document.paths)) {
      const operation = (item.get ?? item.post)!
      const ok = path.startsWith('/webhooks/') ? '204' : path === '/v1/live' ? '101' : '200'
      expect(Object.keys(operation.responses), path).toEqual([ok, 'default'])
      expect(operation.security, path).toEqual(path.startsWith('/v1/') && path !== '/v1/live' ? [{ agentToken: [] }] : undefined)
    }
  })

  it('holds nothing of the configuration: no key, token, base URL or origin', async () => {
    const relay = testRelay()
    const { text } = await published()
    for (const secret of [...Object.values(relay.keys), 'test-agent-token', 'relay.test', '127.0.0.1', 'testextensionid']) {
      expect(text).not.toContain(secret)
    }
  })

  it('refuses a body that breaks it (the check every test response goes through)', async () => {
    const checked = await contract()
    const json = (body: unknown, type = 'application/json') =>
      new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': type } })
    expect(await checked.check('GET', 'http://relay.test/healthz', json({ status: 'ok', providers: {} }))).not.toEqual([])
    expect(
      await checked.check(
        'GET',
        'http://relay.test/v1/persona/inquiries',
        json({ data: [{ id: 'inq_x' }], links: { prev: null, next: null } }),
      ),
    ).not.toEqual([])
    expect(await checked.check('GET', 'http://relay.test/v1/lookup', json({ data: [{ found: true, id: 'x' }] }))).not.toEqual([])
    const problem = new Response(JSON.stringify({ type: 'x', title: 'x', status: 400, detail: 'x', code: 'no-such-code' }), {
      status: 400,
      headers: { 'content-type': 'application/problem+json' },
    })
    expect((await checked.check('GET', 'http://relay.test/v1/lookup', problem)).join('\n')).toMatch(/code/)
    expect(await checked.check('GET', 'http://relay.test/v1/persona/accounts', json({}))).toEqual([
      'no path in the contract for /v1/persona/accounts',
    ])
    // The writes too: the live ticket's body, and only the statuses the document lists.
    expect(await checked.check('POST', 'http://relay.test/v1/live/ticket', json({ ticket: 't', expiresIn: 60, epoch: 'e' }))).toEqual([])
    expect((await checked.check('POST', 'http://relay.test/v1/live/ticket', json({ ticket: 't', expiresIn: 'soon' }))).join('\n')).toMatch(
      /expiresIn/,
    )
    expect(
      await checked.check('POST', 'http://relay.test/v1/requester-check', json({ data: { id: 'inq_x', field: 'email', result: 'match' } })),
    ).toEqual([])
    expect(
      (
        await checked.check(
          'POST',
          'http://relay.test/v1/requester-check',
          json({ data: { id: 'inq_x', field: 'email', result: 'jane@example.com' } }),
        )
      ).join('\n'),
    ).toMatch(/result/)
    expect(await checked.check('POST', 'http://relay.test/webhooks/persona', new Response(null, { status: 204 }))).toEqual([])
    expect(await checked.check('POST', 'http://relay.test/webhooks/persona', json({ ok: true }))).toEqual([
      'the contract documents no 200 answer to POST /webhooks/persona',
    ])
    expect(await checked.check('GET', 'http://relay.test/v1/live', new Response(null, { status: 200 }))).toEqual([
      'the contract documents no 200 answer to GET /v1/live',
    ])
  })
})
