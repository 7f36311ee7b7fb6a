/**
 * OAuth on the relay's MCP endpoint under `wrangler dev`, driven by the official SDK client's own OAuth
 * support (its OAuthClientProvider): an admin registers a client (`npm run oauth:client`), the client
 * discovers the metadata from the 401, an admin approves over HTTP, the client trades the code (PKCE)
 * for a token, lists the tools and calls one, audited under the client's registered name. A token
 * minted for another resource, an unregistered client, a non-admin approver and open registration are refused.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { Client, StreamableHTTPClientTransport, type OAuthClientProvider } from '@modelcontextprotocol/client'
import { describe, expect, it, vi } from 'vitest'
import { relaySharedStack } from '../harness/relay-shared-stack.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { toolResultScan, type ToolResult } from '../harness/tool-result-scan.ts'

const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
/** A ticket no other file sends: the audit rows it finds are this file's. */
const TICKET = 'ZD-4711-oauth'
const REDIRECT = 'http://127.0.0.1:9/callback'

// The run's shared stack, with an admin, a human agent and an AI client of this file's own.
const { stack, agentToken: ADMIN } = relaySharedStack('mcp-oauth')
const { agentToken: AGENT } = relaySharedStack('mcp-oauth-agent')
const { agentToken: AI } = relaySharedStack('mcp-oauth-ai')
const relay = stack.relay.url

type Registered = { clientId: string; clientSecret: string }

/** `npm run oauth:client` as an admin runs it: the registered client's ID and secret from its output. */
async function register(name: string, adminToken = ADMIN): Promise<Registered> {
  const { stdout } = await promisify(execFile)(process.execPath, ['test/scripts/oauth-client.ts', relay, name, REDIRECT], {
    cwd: REPO_ROOT,
    env: { ...process.env, RELAY_ADMIN_TOKEN: adminToken },
    timeout: 30_000,
  })
  const field = (key: string) => new RegExp(`${key}: (\\S+)`).exec(stdout)?.[1] ?? ''
  return { clientId: field('client_id'), clientSecret: field('client_secret') }
}

/** The SDK's OAuth client interface over memory: a pre-registered confidential client, one session. */
class MemoryProvider implements OAuthClientProvider {
  authorizationUrl: URL | undefined
  private saved: Awaited<ReturnType<OAuthClientProvider['tokens']>>
  private verifier = ''
  private discovery: Awaited<ReturnType<NonNullable<OAuthClientProvider['discoveryState']>>>
  constructor(private readonly registered: Registered) {}
  get redirectUrl() {
    return REDIRECT
  }
  get clientMetadata() {
    return {
      client_name: 'helpdesk AI',
      redirect_uris: [REDIRECT],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    }
  }
  clientInformation() {
    return { client_id: this.registered.clientId, client_secret: this.registered.clientSecret }
  }
  tokens() {
    return this.saved
  }
  saveTokens(tokens: NonNullable<Awaited<ReturnType<OAuthClientProvider['tokens']>>>) {
    this.saved = tokens
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier
  }
  codeVerifier() {
    return this.verifier
  }
  saveDiscoveryState(state: NonNullable<Awaited<ReturnType<NonNullable<OAuthClientProvider['discoveryState']>>>>) {
    this.discovery = state
  }
  discoveryState() {
    return this.discovery
  }
  get accessToken(): string {
    return this.saved?.access_token ?? ''
  }
}

/** The approval page as the admin's browser meets it: the form's handle and the cookie that binds it. */
async function openApproval(url: URL | string): Promise<{ handle: string; cookie: string; page: Response }> {
  const page = await fetch(url, { redirect: 'manual' })
  const html = await page.clone().text()
  const handle = /name="handle" value="([^"]+)"/.exec(html)?.[1] ?? ''
  const cookie = (page.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
  return { handle, cookie, page }
}

/** Posts the approval form; the answer is not followed, so its redirect to the client can be read. */
function decide(url: URL | string, form: { handle: string; cookie: string }, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ handle: form.handle, ...fields }),
  })
}

/** The whole flow through the SDK: 401 and discovery, the admin's approval, the code traded for a token. */
async function authorize(provider: MemoryProvider, mcpUrl: URL): Promise<URL> {
  const transport = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider })
  const first = new Client({ name: 'helpdesk-ai', version: '1.0.0' })
  await expect(first.connect(transport)).rejects.toThrow()
  const url = provider.authorizationUrl
  if (!url) throw new Error('the SDK client did not start an authorization')
  const form = await openApproval(url)
  expect(form.page.status).toBe(200)
  const approved = await decide(url, form, { decision: 'approve', admin_token: ADMIN })
  expect(approved.status).toBe(302)
  const callback = new URL(approved.headers.get('location') ?? '')
  expect(callback.href.startsWith(REDIRECT)).toBe(true)
  await transport.finishAuth(callback.searchParams)
  return url
}

async function connect(provider: MemoryProvider, mcpUrl: URL): Promise<Client> {
  const client = new Client({ name: 'helpdesk-ai', version: '1.0.0' })
  await client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider }))
  return client
}

const bearer = (mcpUrl: URL, accessToken: string) =>
  fetch(mcpUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
  })

describe('OAuth for helpdesk AI clients under wrangler dev', () => {
  it('publishes the relay as the authorization server, with no open registration', async () => {
    const resource = await (await fetch(`${relay}/.well-known/oauth-protected-resource/mcp`)).json()
    expect(resource).toMatchObject({ resource: `${relay}/mcp`, authorization_servers: [relay] })
    const server = (await (await fetch(`${relay}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>
    expect(server).toMatchObject({
      issuer: relay,
      authorization_endpoint: `${relay}/oauth/authorize`,
      token_endpoint: `${relay}/oauth/token`,
      code_challenge_methods_supported: ['S256'],
    })
    expect(server).not.toHaveProperty('registration_endpoint')
    const open = await fetch(`${relay}/oauth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: [REDIRECT] }),
    })
    expect([404, 405]).toContain(open.status)
  })

  it('runs the SDK client through discovery, approval and token to tools/list and a call audited under the client name', async () => {
    const mcpUrl = new URL('/mcp', relay)
    const provider = new MemoryProvider(await register('zendesk-ai'))
    const asked = await authorize(provider, mcpUrl)
    expect(asked.searchParams.get('code_challenge_method')).toBe('S256')
    expect(asked.searchParams.get('resource')).toBe(mcpUrl.href)
    const client = await connect(provider, mcpUrl)
    try {
      const { tools } = await client.listTools()
      expect(tools.map((t) => t.name)).toContain('lookup')
      const result = (await client.callTool({ name: 'lookup', arguments: { ids: [STORY_INQUIRY], ticket: TICKET } })) as ToolResult
      expect(result.isError).toBeFalsy()
      const scan = toolResultScan()
      scan.record('lookup', result)
      expect(scan.personalValues()).toEqual([])
    } finally {
      await client.close()
    }
    const rows = await vi.waitFor(
      async () => {
        const found = await stack.relay.queryAudit<{ agent: string; route: string; ticket: string | null }>(
          `SELECT agent, route, ticket FROM audit WHERE ticket = '${TICKET}'`,
        )
        if (found.length === 0) throw new Error('no audit row yet')
        return found
      },
      { timeout: 30_000, interval: 200 },
    )
    expect(rows).toEqual([{ agent: 'zendesk-ai', route: 'mcp/lookup', ticket: TICKET }])
    // An OAuth client is an AI principal: /v1 is not for it, and the refusal is audited under its name, never the token.
    const forbidden = await fetch(`${relay}/v1/lookup?ids=${STORY_INQUIRY}`, {
      headers: { authorization: `Bearer ${provider.accessToken}` },
    })
    expect(forbidden.status).toBe(403)
    await forbidden.body?.cancel()
    const requestId = forbidden.headers.get('request-id')
    const refused = await vi.waitFor(
      async () => {
        const found = await stack.relay.queryAudit<Record<string, unknown>>(
          `SELECT * FROM audit WHERE route = '/v1/lookup' AND request_id = '${requestId}'`,
        )
        if (found.length === 0) throw new Error('no audit row yet')
        return found
      },
      { timeout: 30_000, interval: 200 },
    )
    expect(refused).toEqual([expect.objectContaining({ agent: 'zendesk-ai', ai: 1, problem: 'forbidden', status: 403, ids: '[]' })])
    expect(JSON.stringify(refused)).not.toContain(provider.accessToken)
  })

  it('refuses at /mcp a token minted for another resource (the same relay on another origin)', async () => {
    const other = new URL('/mcp', relay.replace('127.0.0.1', 'localhost'))
    const provider = new MemoryProvider(await register('intercom-fin'))
    await authorize(provider, other)
    // Valid where it was minted for…
    expect((await bearer(other, provider.accessToken)).status).toBe(200)
    // …and refused here, with the challenge that points at this resource's metadata.
    const refused = await bearer(new URL('/mcp', relay), provider.accessToken)
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toContain(`resource_metadata="${relay}/.well-known/oauth-protected-resource/mcp"`)
  })

  it('refuses to authorize for a resource that is not this relay', async () => {
    const { clientId } = await register('agentforce-ai')
    const url = new URL('/oauth/authorize', relay)
    const params = {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      state: 's1',
    }
    url.search = new URLSearchParams({ ...params, resource: 'https://other.example.com/mcp' }).toString()
    const answer = await fetch(url, { redirect: 'manual' })
    const location = new URL(answer.headers.get('location') ?? 'http://none/')
    expect(location.searchParams.get('error')).toBe('invalid_target')
    expect(location.searchParams.has('code')).toBe(false)
  })

  it('refuses an unregistered client, an approval by a non-admin, a denial, a registration by a non-admin, and a removed client', async () => {
    const url = new URL('/oauth/authorize', relay)
    const base = {
      response_type: 'code',
      redirect_uri: REDIRECT,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      state: 's2',
      resource: `${relay}/mcp`,
    }
    url.search = new URLSearchParams({ ...base, client_id: 'not-registered' }).toString()
    const unknown = await fetch(url, { redirect: 'manual' })
    expect(unknown.status).toBe(400)
    expect(unknown.headers.get('location')).toBeNull()

    await expect(register('sneaky', AGENT)).rejects.toThrow(/403/)
    const registered = await register('helpdesk-bot')
    url.search = new URLSearchParams({ ...base, client_id: registered.clientId }).toString()
    const form = await openApproval(url)
    for (const notAdmin of [AGENT, AI, 'not-a-token']) {
      const refused = await decide(url, form, { decision: 'approve', admin_token: notAdmin })
      expect(refused.status).toBe(403)
      expect(refused.headers.get('location')).toBeNull()
    }
    const denied = await decide(url, form, { decision: 'deny' })
    const back = new URL(denied.headers.get('location') ?? 'http://none/')
    expect(back.searchParams.get('error')).toBe('access_denied')
    expect(back.searchParams.has('code')).toBe(false)

    // Removing a client revokes its grants: its token stops working on the next call.
    const provider = new MemoryProvider(registered)
    await authorize(provider, new URL('/mcp', relay))
    expect((await bearer(new URL('/mcp', relay), provider.accessToken)).status).toBe(200)
    const removed = await fetch(`${relay}/v1/admin/oauth-clients/${encodeURIComponent(registered.clientId)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN}` },
    })
    expect(removed.status).toBe(204)
    expect((await bearer(new URL('/mcp', relay), provider.accessToken)).status).toBe(401)
  })

  it('keeps AGENT_TOKENS bearers working on /mcp beside OAuth', async () => {
    expect((await bearer(new URL('/mcp', relay), AI)).status).toBe(200)
    expect((await bearer(new URL('/mcp', relay), AGENT)).status).toBe(200)
  })
})
