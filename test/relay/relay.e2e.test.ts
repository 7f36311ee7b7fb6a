import { VENDOR_NAMES } from '@idv-lens/shared/api'
import SwaggerParser from '@apidevtools/swagger-parser'
import { describe, expect, it } from 'vitest'
import { relaySharedStack } from '../harness/relay-shared-stack.ts'
import { sharedRelayOutput } from '../harness/shared-stack.ts'
import { DEMO } from '../harness/stack.ts'

// The production path end to end: wrangler dev (workerd) and the demo upstream as real processes,
// talking HTTP on 127.0.0.1, configured the way an administrator configures a deployment: the run's
// shared stack, as an admin agent of this file's own (its audit rows are this agent's). The relay
// without its upstream is smoke.e2e.test.ts's last test, on a stack of its own.
const AGENT = 'relay'
const { stack, agentToken } = relaySharedStack(AGENT)
const auth = { authorization: `Bearer ${agentToken}` }
const LOOKUP_IDS = 'inq_zEx4jL84ShbUyuwX6AzPSqt6,a1b2c3d4-e5f6-7890-abcd-ef1234567890'

describe('relay under wrangler dev', () => {
  it('publishes its contract at /openapi.json, a valid OpenAPI 3.1 document (checked by swagger-parser)', async () => {
    const res = await fetch(`${stack.relay.url}/openapi.json`)
    expect(res.status).toBe(200)
    const document = (await res.json()) as { openapi: string; paths: Record<string, unknown> }
    // validate() checks the document against the OpenAPI 3.1 schema and resolves every $ref.
    const validated = await SwaggerParser.validate(structuredClone(document) as never)
    expect((validated as { openapi?: string }).openapi).toBe('3.1.0')
    expect(Object.keys(document.paths)).toContain('/v1/lookup')
    await expect(
      SwaggerParser.validate({ ...document, paths: { '/x': { get: { responses: { '200': { $ref: '#/nowhere' } } } } } } as never),
    ).rejects.toThrow()
  })

  it('reports health without auth', async () => {
    const res = await fetch(`${stack.relay.url}/healthz`)
    const quiet = { seenWithin5Minutes: false, lastSeenAt: null }
    expect(await res.json()).toEqual({
      status: 'ok',
      // Every vendor of the registry, each configured by the stack's keys.
      providers: Object.fromEntries(VENDOR_NAMES.map((vendor) => [vendor, { configured: true, upstreamAuth: quiet }])),
      problems: [],
      live: { configured: false },
      auth: { mode: 'tokens' },
      // Without a token only ok / failing: counts and times would tell anyone when agents work.
      audit: { writes: 'ok' },
    })
    // An agent sees that the audit writer keeps up under wrangler dev's local D1: nothing dropped.
    const withToken = (await (await fetch(`${stack.relay.url}/healthz`, { headers: auth })).json()) as { audit: unknown }
    expect(withToken.audit).toEqual(expect.objectContaining({ writes: 'ok', dropped: 0, failures: 0 }))
  })

  it('records who looked at an ID in the audit database (migrations applied under wrangler dev)', async () => {
    const id = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
    expect((await fetch(`${stack.relay.url}/v1/persona/inquiries/${id}`, { headers: auth })).status).toBe(200)
    // Rows are written after the response, in the background: poll the admin route until it shows.
    await expect
      .poll(
        async () => {
          const res = await fetch(`${stack.relay.url}/v1/admin/audit?id=${id}`, { headers: auth })
          // Reading the audit about an ID is itself a row about that ID: look for the inquiry's own,
          // this file's agent's (other files on the shared stack may read the same inquiry).
          const rows = ((await res.json()) as { data: { route: string; agent: string }[] }).data
          return rows.find((row) => row.route !== '/v1/admin/audit' && row.agent === AGENT)
        },
        { timeout: 10_000 },
      )
      .toMatchObject({ agent: AGENT, route: '/v1/persona/inquiries/:id', ids: [id], outcome: 'miss' })
  })

  it('relays Persona and deepidv lists for an agent, then serves them from cache', async () => {
    const url = `${stack.relay.url}/v1/persona/inquiry-sessions?page%5Bsize%5D=5`
    const first = await fetch(url, { headers: auth })
    expect(first.status).toBe(200)
    const body = (await first.json()) as { data: { id: string }[]; links: { next: string } }
    expect(body.data).toHaveLength(5)
    expect(body.links.next).toMatch(/^\/v1\/persona\/inquiry-sessions\?/)
    const second = await fetch(url, { headers: auth })
    expect(second.headers.get('cache-status')).toMatch(/^idv-lens; hit/)

    const deep = await fetch(`${stack.relay.url}/v1/deepidv/sessions?limit=3`, { headers: auth })
    expect(((await deep.json()) as { sessions: unknown[] }).sessions).toHaveLength(3)
  })

  it('answers CORS for the extension origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.relay.url}/v1/lookup?ids=inq_zEx4jL84ShbUyuwX6AzPSqt6`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      })
    expect((await preflight(DEMO.extensionOrigin)).headers.get('access-control-allow-origin')).toBe(DEMO.extensionOrigin)
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull()
  })

  it('refuses a wrong token and an unknown route with problem details', async () => {
    const unauth = await fetch(`${stack.relay.url}/v1/persona/events`, { headers: { authorization: 'Bearer nope' } })
    expect(unauth.status).toBe(401)
    expect(unauth.headers.get('content-type')).toContain('application/problem+json')
    const missing = await fetch(`${stack.relay.url}/v1/persona/accounts`, { headers: auth })
    expect(missing.status).toBe(404)
  })

  it('looks up IDs in one call and never shows a key', async () => {
    const res = await fetch(`${stack.relay.url}/v1/lookup?ids=${LOOKUP_IDS}`, { headers: auth })
    const text = await res.text()
    expect(res.status).toBe(200)
    expect(JSON.parse(text).data.map((e: { status: string }) => e.status)).toEqual(['approved', 'VERIFIED'])
    expect(text).not.toContain(DEMO.keys.persona)
    expect(text).not.toContain(DEMO.keys.deepidv)
    // Nothing the relay process printed (wrangler's and the Worker's logs) holds a secret.
    // Once it has printed a line of this route's (wrangler's lines leave out the query).
    await expect.poll(sharedRelayOutput, { timeout: 10_000 }).toContain('GET /v1/lookup 200')
    for (const secret of [agentToken, DEMO.keys.persona, DEMO.keys.deepidv]) expect(sharedRelayOutput()).not.toContain(secret)
  })

  it("explains a failed inquiry: its verification's checks, its cases, the lookup's reason, the requester check and the history", async () => {
    type Item = { id: string; attributes: Record<string, unknown>; relationships?: Record<string, { data: unknown }> }
    const get = async <T>(path: string): Promise<T> => {
      const res = await fetch(`${stack.relay.url}${path}`, { headers: auth })
      expect(res.status, path).toBe(200)
      return (await res.json()) as T
    }
    const failed = await get<{ data: Item[] }>('/v1/persona/inquiries?filter%5Bstatus%5D=failed,declined&page%5Bsize%5D=25')
    const inquiry = failed.data.find(
      (i) => Array.isArray(i.relationships?.verifications?.data) && (i.relationships.verifications.data as unknown[]).length > 0,
    )
    expect(inquiry, 'the demo has a failed inquiry with verifications').toBeDefined()
    const id = inquiry!.id
    const [ref] = inquiry!.relationships!.verifications!.data as { id: string }[]
    const verification = await get<{ data: { id: string; attributes: { checks: { name: string; status: string; reasons: string[] }[] } } }>(
      `/v1/persona/verifications/${ref!.id}`,
    )
    expect(verification.data.id).toBe(ref!.id)
    expect(verification.data.attributes.checks.every((c) => typeof c.name === 'string' && Array.isArray(c.reasons))).toBe(true)
    const cases = await get<{ data: { id: string }[] }>(`/v1/persona/cases?filter%5Binquiry-id%5D=${id}`)
    if (cases.data[0]) expect((await get<{ data: { id: string } }>(`/v1/persona/cases/${cases.data[0].id}`)).data.id).toBe(cases.data[0].id)
    const lookup = await get<{ data: { reason: { check: string } | null; case: { id: string } | null }[] }>(`/v1/lookup?ids=${id}`)
    expect(lookup.data[0]?.case?.id ?? null).toBe(cases.data[0]?.id ?? null)

    // The person's own email, read from the demo upstream with a key of its own.
    const own = (await (
      await fetch(`${stack.upstream.personaBase}/inquiries/${id}`, { headers: { authorization: 'Bearer persona_demo_e2e_oracle' } })
    ).json()) as {
      data: { attributes: { fields: Record<string, { value: string | null }>; 'reference-id': string | null } }
    }
    const email = own.data.attributes.fields['email-address']?.value
    expect(email).toBeTruthy()
    const check = await fetch(`${stack.relay.url}/v1/requester-check`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ id, field: 'email', value: email!.toUpperCase() }),
    })
    const text = await check.text()
    expect(check.status).toBe(200)
    expect(JSON.parse(text)).toEqual({ data: { id, field: 'email', result: 'match' } })
    expect(text.toLowerCase()).not.toContain(email!.toLowerCase())

    const reference = own.data.attributes['reference-id'] as string
    const history = await get<{ referenceId: string; data: { id: string }[]; complete: boolean }>(
      `/v1/history?reference-id=${encodeURIComponent(reference)}`,
    )
    expect(history.data.map((e) => e.id)).toContain(id)
  })
})
