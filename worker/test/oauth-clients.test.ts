/**
 * OAuth client registration and the approval page, inside workerd with wrangler.toml's local OAUTH_KV:
 * admins only, names not shared with agents, the client's name escaped, approval by an admin only,
 * and no OAuth at all without the namespace or on an origin that cannot be an issuer.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import app from '../src/index.ts'
import type { Bindings } from '../src/bindings.ts'
import { ADMIN_TOKEN, AGENT_TOKEN, testRelay } from './helpers.ts'

const ORIGIN = 'https://relay.test'
const REDIRECT = 'https://helpdesk.example.com/oauth/callback'
const withKv = (relay: ReturnType<typeof testRelay>) =>
  ({ ...relay.env, OAUTH_KV: (env as unknown as { OAUTH_KV: KVNamespace }).OAUTH_KV }) as Bindings

async function call(bindings: Bindings, path: string, init: RequestInit & { origin?: string } = {}): Promise<Response> {
  const ctx = createExecutionContext()
  const res = await app.fetch(new Request(`${init.origin ?? ORIGIN}${path}`, init), bindings, ctx)
  await waitOnExecutionContext(ctx)
  return res
}

const registerAs = (bindings: Bindings, token: string, body: unknown) =>
  call(bindings, '/v1/admin/oauth-clients', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

function authorizeUrl(clientId: string, extra: Record<string, string> = {}): string {
  const query = {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT,
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    state: 'st',
    resource: `${ORIGIN}/mcp`,
    ...extra,
  }
  return `/oauth/authorize?${new URLSearchParams(query)}`
}

describe('OAuth clients (workerd)', () => {
  it('lets an admin register, list and remove a client, refuses anyone else, and keeps names apart from agents', async () => {
    const bindings = withKv(testRelay())
    expect((await registerAs(bindings, AGENT_TOKEN, { name: 'zd-ai', redirect_uris: [REDIRECT] })).status).toBe(403)
    expect((await registerAs(bindings, ADMIN_TOKEN, { name: 'tester', redirect_uris: [REDIRECT] })).status).toBe(400)
    expect((await registerAs(bindings, ADMIN_TOKEN, { name: 'has space', redirect_uris: [REDIRECT] })).status).toBe(400)
    const created = await registerAs(bindings, ADMIN_TOKEN, { name: 'zd-ai', redirect_uris: [REDIRECT] })
    expect(created.status).toBe(201)
    const client = (await created.json()) as { client_id: string; client_secret: string; name: string }
    expect(client).toMatchObject({ name: 'zd-ai', redirect_uris: [REDIRECT] })
    expect(client.client_secret.length).toBeGreaterThan(20)
    expect((await registerAs(bindings, ADMIN_TOKEN, { name: 'zd-ai', redirect_uris: [REDIRECT] })).status).toBe(400)
    const list = await call(bindings, '/v1/admin/oauth-clients', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    const listed = JSON.stringify(await list.json())
    expect(listed).toContain(client.client_id)
    expect(listed).not.toContain(client.client_secret)
    const remove = (token: string) =>
      call(bindings, `/v1/admin/oauth-clients/${encodeURIComponent(client.client_id)}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      })
    expect((await remove(AGENT_TOKEN)).status).toBe(403)
    expect((await remove(ADMIN_TOKEN)).status).toBe(204)
    expect((await remove(ADMIN_TOKEN)).status).toBe(404)
  })

  it("lists a registered client on the team's usage as an AI principal, beside the agents", async () => {
    const bindings = withKv(testRelay())
    expect((await registerAs(bindings, ADMIN_TOKEN, { name: 'fin-usage', redirect_uris: [REDIRECT] })).status).toBe(201)
    const usage = await call(bindings, '/v1/admin/usage', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    const { agents } = (await usage.json()) as { agents: { agent: string | null; ai?: true }[] }
    expect(agents.filter((row) => row.ai).map((row) => row.agent)).toContain('fin-usage')
    expect(agents.find((row) => row.agent === 'tester')?.ai).toBeUndefined()
  })

  it('shows the approval page with the escaped name, approves only for an admin, and requires PKCE S256', async () => {
    const bindings = withKv(testRelay())
    const { client_id } = (await (
      await registerAs(bindings, ADMIN_TOKEN, { name: 'fin<b>', redirect_uris: [REDIRECT] })
    )
      .json()
      .catch(() => ({}))) as { client_id?: string }
    expect(client_id).toBeUndefined() // `<` is not a name character: the audit's names stay plain
    const created = (await (await registerAs(bindings, ADMIN_TOKEN, { name: 'fin', redirect_uris: [REDIRECT] })).json()) as {
      client_id: string
    }
    const page = await call(bindings, authorizeUrl(created.client_id))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    const html = await page.text()
    expect(html).toContain('<strong>fin</strong>')
    expect(html).toContain('helpdesk.example.com')
    const handle = /name="handle" value="([^"]+)"/.exec(html)?.[1] ?? ''
    const cookie = (page.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
    const post = (fields: Record<string, string>) =>
      call(bindings, '/oauth/authorize', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ handle, ...fields }),
      })
    expect((await post({ decision: 'approve', admin_token: AGENT_TOKEN })).status).toBe(403)
    const approved = await post({ decision: 'approve', admin_token: ADMIN_TOKEN })
    expect(approved.status).toBe(302)
    const back = new URL(approved.headers.get('location') ?? '')
    expect(back.origin + back.pathname).toBe(REDIRECT)
    expect(back.searchParams.get('code')).toBeTruthy()
    // The handle works once.
    expect((await post({ decision: 'approve', admin_token: ADMIN_TOKEN })).status).toBe(400)

    const plain = await call(bindings, authorizeUrl(created.client_id, { code_challenge_method: 'plain' }))
    expect(new URL(plain.headers.get('location') ?? 'https://none/').searchParams.has('code')).toBe(false)
    expect(plain.status).toBe(302)
  })

  it('offers no OAuth without OAUTH_KV or on an origin that cannot be an issuer; tokens keep working', async () => {
    const relay = testRelay()
    const without = await call(relay.env, '/.well-known/oauth-protected-resource/mcp')
    expect(await without.json()).not.toHaveProperty('authorization_servers')
    expect((await call(relay.env, '/oauth/authorize?client_id=x')).status).toBe(404)
    const plainHttp = await call(withKv(relay), '/.well-known/oauth-protected-resource/mcp', { origin: 'http://relay.test' })
    expect(await plainHttp.json()).not.toHaveProperty('authorization_servers')
    const withIt = await call(withKv(relay), '/.well-known/oauth-protected-resource/mcp')
    expect(await withIt.json()).toMatchObject({ resource: `${ORIGIN}/mcp`, authorization_servers: [ORIGIN] })
    const unknown = await call(withKv(relay), '/mcp', {
      method: 'POST',
      headers: { authorization: 'Bearer a:b:c', 'content-type': 'application/json' },
      body: '{}',
    })
    expect(unknown.status).toBe(401)
  })
})
