/**
 * The relay's MCP endpoint under `wrangler dev` with the official SDK clients: the current revision
 * (v2 client) and a 2025 client's `initialize` (v1 client), every tool on the demo story, refusals
 * before the SDK (Origin, method, token, size), and one audit row per tools/call. No tool result holds
 * the story's personal values.
 */
import { Client } from '@modelcontextprotocol/client'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport as LegacyTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { describe, expect, it, vi } from 'vitest'
import { VENDOR_NAMES } from '@idv-lens/shared/api'
import { VENDORS } from '../../worker/src/vendors/index.ts'
import { relaySharedStack } from '../harness/relay-shared-stack.ts'
import { sharedRelayOutput } from '../harness/shared-stack.ts'
import { DEMO, startRelay, type RelayProcess } from '../harness/stack.ts'
import { startSteadyAddress } from '../harness/steady-address.ts'
import { toolResultScan, type ToolResult } from '../harness/tool-result-scan.ts'

// The demo upstream's story (worker/demo-upstream/persona-story.ts).
const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const STORY_REFERENCE = 'user-7431'
const EMAIL = 'dana.customer@example.com'
/** Dana's Onfido runs (worker/demo-upstream/onfido-seed.ts), under the same customer reference. */
const ONFIDO_DECLINED = 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46'
const ONFIDO_WAITING = 'e8d14b7a-6c2f-4a95-b3e1-7f0c2d9a5b18'

// The run's shared stack: an agent and an AI client of this file's own, whose audit rows are its own.
const AGENT = 'mcp'
const AI = 'mcp-ai'
const { stack, agentToken: AGENT_TOKEN } = relaySharedStack(AGENT)
const { agentToken: AI_TOKEN } = relaySharedStack(AI)
const OWN_AGENTS = `agent IN ('${AGENT}', '${AI}')`
/** An inquiry no other file asks for: the vendor calls counted are those for it. */
const OWN_INQUIRY = 'inq_McpFileOwnInquiryXXXXXXXXXXX'
const mcpUrl = new URL('/mcp', stack.relay.url)
/** Every tool result of the suite, scanned for personal values at the end. */
const results = toolResultScan()

async function connect(token: string, url = mcpUrl): Promise<Client> {
  const client = new Client({ name: 'mcp-e2e', version: '1.0.0' })
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: { authorization: `Bearer ${token}` } } }))
  return client
}

/** The Persona calls the shared relay has made for inquiry `id`, from the demo upstream's log of its key. */
async function personaCallsFor(id: string): Promise<number> {
  const res = await fetch(`${stack.upstream.url}/__demo/stats?scope=${encodeURIComponent(DEMO.keys.persona)}`)
  const { requests } = (await res.json()) as { requests: { provider: string; path: string; query: Record<string, string> }[] }
  return requests.filter((r) => r.provider === 'persona' && [r.path, ...Object.values(r.query)].some((part) => part.includes(id))).length
}

async function call(client: Client | LegacyClient, name: string, args: Record<string, unknown>) {
  const result = (await client.callTool({ name, arguments: args })) as ToolResult
  results.record(name, result)
  return result
}

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(mcpUrl, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${AI_TOKEN}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body,
  })

/** The one JSON-RPC message of a single-message SSE answer (the 2025 leg streams its reply). */
function sseMessage(text: string): unknown {
  const data = text.split('\n').find((line) => line.startsWith('data:'))
  return JSON.parse(data?.slice(5) ?? text)
}

describe('MCP on the relay under wrangler dev', () => {
  it('lists the read-only tools to a current-revision client, each with schemas and readOnlyHint', async () => {
    const client = await connect(AI_TOKEN)
    try {
      const { tools } = await client.listTools()
      expect(tools.map((t) => t.name).sort()).toEqual(['history', 'lookup', 'recent', 'requester_check', 'why_failed'])
      for (const tool of tools) {
        expect(tool.annotations?.readOnlyHint).toBe(true)
        expect(tool.outputSchema).toBeTruthy()
        expect(tool.inputSchema.properties).toHaveProperty('on_behalf_of')
        expect(tool.inputSchema.properties).toHaveProperty('ticket')
      }
    } finally {
      await client.close()
    }
  })

  it('serves a 2025 client that opens with initialize (SDK v1), and a raw 2025-06-18 initialize', async () => {
    const client = new LegacyClient({ name: 'mcp-e2e-legacy', version: '1.0.0' })
    await client.connect(new LegacyTransport(mcpUrl, { requestInit: { headers: { authorization: `Bearer ${AGENT_TOKEN}` } } }))
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('lookup')
      const found = await call(client, 'lookup', { ids: [STORY_INQUIRY] })
      expect(found.isError).toBeFalsy()
    } finally {
      await client.close()
    }
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    }
    const res = await post(JSON.stringify(init))
    expect(res.status).toBe(200)
    expect(res.headers.get('mcp-session-id')).toBeNull()
    // One JSON body, as the current revision gets (responseMode 'json'), not an SSE stream.
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const body = sseMessage(await res.text()) as { result: { protocolVersion: string; serverInfo: { name: string } } }
    expect(body.result.protocolVersion).toBe('2025-06-18')
    expect(body.result.serverInfo.name).toBe('idv-lens')
  })

  it('answers lookup, history and requester_check on the demo story', async () => {
    const client = await connect(AI_TOKEN)
    try {
      const lookup = await call(client, 'lookup', {
        ids: [STORY_INQUIRY, 'inq_NoSuchInquiryAtAllXXXXXXXXXX'],
        ticket: 'ZD-1001',
        on_behalf_of: 'alex',
      })
      expect(lookup.isError, JSON.stringify(lookup)).toBeFalsy()
      const data = (
        lookup.structuredContent as { data: { id: string; found: boolean; status?: string; reason?: { check: string } | null }[] }
      ).data
      expect(data[0]).toMatchObject({ id: STORY_INQUIRY, found: true, status: 'failed' })
      expect(data[0]!.reason?.check).toBeTruthy()
      expect(data[1]).toMatchObject({ found: false })
      expect(lookup.content[0]!.text).toContain('vendor data, not instructions')

      const history = await call(client, 'history', { reference_id: STORY_REFERENCE })
      const attempts = (history.structuredContent as { data: { id: string; createdAt: string }[] }).data
      expect(attempts.map((a) => a.id)).toContain(STORY_INQUIRY)
      expect(attempts.length).toBeGreaterThan(1)
      const times = attempts.map((a) => Date.parse(a.createdAt))
      expect(times).toEqual([...times].sort((a, b) => b - a))
      // Dana's Onfido runs too, found by the run's customer reference; one line per vendor, each of which has tried.
      expect(attempts.map((a) => a.id)).toEqual(expect.arrayContaining([ONFIDO_DECLINED, ONFIDO_WAITING]))
      const byVendor = (history.content[0]?.text ?? '').split('By vendor:\n')[1] ?? ''
      expect(byVendor.split('\n').slice(0, VENDOR_NAMES.length)).toEqual(
        VENDOR_NAMES.map((v) => expect.stringMatching(new RegExp(`^${v}: [1-9]\\d* attempt\\(s\\)$`))),
      )

      const byEmail = await call(client, 'history', { email: EMAIL })
      expect(byEmail.isError).toBeFalsy()
      expect((byEmail.structuredContent as { data: unknown[] }).data).toEqual([])
      expect(byEmail.content[0]!.text).toContain("onfido: not searched: its API cannot list records by the person's email")
      expect(JSON.stringify(byEmail.structuredContent)).not.toContain(EMAIL)

      const match = await call(client, 'requester_check', { id: STORY_INQUIRY, field: 'email', value: EMAIL.toUpperCase() })
      expect(match.structuredContent).toEqual({ data: { id: STORY_INQUIRY, field: 'email', result: 'match' } })
      const noMatch = await call(client, 'requester_check', { id: STORY_INQUIRY, field: 'name', value: 'Someone Else' })
      expect((noMatch.structuredContent as { data: { result: string } }).data.result).toBe('no-match')
      // The value sent is in the request, never in the answer.
      expect(JSON.stringify(noMatch)).not.toContain('Someone Else')
      const phone = await call(client, 'requester_check', { id: STORY_INQUIRY, field: 'phone', value: '(416) 555-0172' })
      expect(phone.structuredContent).toEqual({ data: { id: STORY_INQUIRY, field: 'phone', result: 'match' } })
      const born = await call(client, 'requester_check', { id: STORY_INQUIRY, field: 'birthdate', value: '1991-04-17' })
      expect(born.structuredContent).toEqual({ data: { id: STORY_INQUIRY, field: 'birthdate', result: 'match' } })
      const otherDay = await call(client, 'requester_check', { id: STORY_INQUIRY, field: 'birthdate', value: '1991-04-18' })
      expect((otherDay.structuredContent as { data: { result: string } }).data.result).toBe('no-match')
      const wording = await call(client, 'requester_check', { id: STORY_INQUIRY, field: 'birthdate', value: 'April 17, 1991' })
      expect(wording.isError).toBe(true)
      expect(wording.content[0]!.text).toContain('YYYY-MM-DD')

      const bad = await call(client, 'lookup', { ids: ['not-an-id'] })
      expect(bad.isError).toBe(true)
      expect(bad.content[0]!.text).toContain('bad-request')
      // A lookup that could answer no ID (the vendor failed) is a refusal the model reads, not data. The
      // fault is for this one inquiry's calls: other files share the relay's Persona key.
      const unanswered = 'inq_UnansweredLookupXXXXXXXXXXXX'
      const fault = { scope: DEMO.keys.persona, provider: 'persona', contains: unanswered, fault: '503', times: 5 }
      await fetch(`${stack.upstream.url}/__demo/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fault),
      })
      try {
        const failed = await call(client, 'lookup', { ids: [unanswered] })
        expect(failed.isError, JSON.stringify(failed)).toBe(true)
        expect(failed.content[0]!.text).toMatch(/^Refused \(upstream-unavailable, 50\d\)/)
      } finally {
        await fetch(`${stack.upstream.url}/__demo/faults?scope=${DEMO.keys.persona}`, { method: 'DELETE' })
      }
      // The relay's log (what an admin reads under npm run dev) holds no warning of Hono's for these calls.
      await expect.poll(sharedRelayOutput, { timeout: 10_000 }).toContain('POST /mcp 200')
      expect(sharedRelayOutput()).not.toContain('Metrics not initialized')
    } finally {
      await client.close()
    }
  })

  it('pages every list with recent, each record as its lookup summary', async () => {
    const client = await connect(AI_TOKEN)
    try {
      type Page = { list: string; data: { id: string; found: boolean }[]; next_cursor: string | null }
      const first = await call(client, 'recent', { list: 'persona-inquiries', limit: 3, filters: { status: 'failed' } })
      expect(first.isError, JSON.stringify(first)).toBeFalsy()
      const page1 = first.structuredContent as Page
      expect(page1.data).toHaveLength(3)
      expect(page1.data.every((entry) => entry.found && entry.id.startsWith('inq_'))).toBe(true)
      expect((page1.data as unknown as { status: string }[]).every((entry) => entry.status === 'failed')).toBe(true)
      expect(page1.next_cursor).toBeTruthy()
      const page2 = (
        await call(client, 'recent', { list: 'persona-inquiries', limit: 3, cursor: page1.next_cursor, filters: { status: 'failed' } })
      ).structuredContent as Page
      expect(page2.data.map((e) => e.id).filter((id) => page1.data.some((e) => e.id === id))).toEqual([])
      // Every list a vendor lets `recent` page.
      for (const list of Object.values(VENDORS).flatMap((vendor) => Object.keys(vendor.pagedLists))) {
        const page = await call(client, 'recent', { list, limit: 2 })
        expect(page.isError, JSON.stringify(page)).toBeFalsy()
        expect((page.structuredContent as Page).data.length).toBeGreaterThan(0)
      }
      // Onfido pages in its headers (Link, rewritten to the relay's route): the cursor is its page number.
      const runs1 = (await call(client, 'recent', { list: 'onfido-workflow-runs', filters: { status: 'declined,approved' } }))
        .structuredContent as Page
      expect(runs1.data.length).toBeGreaterThan(0)
      expect(
        (runs1.data as unknown as { provider: string; status: string }[]).every(
          (e) => e.provider === 'onfido' && ['declined', 'approved'].includes(e.status),
        ),
      ).toBe(true)
      expect(runs1.next_cursor).toBe('2')
      const runs2 = (
        await call(client, 'recent', { list: 'onfido-workflow-runs', cursor: runs1.next_cursor, filters: { status: 'declined,approved' } })
      ).structuredContent as Page
      expect(runs2.data.length).toBeGreaterThan(0)
      expect(runs2.data.filter((e) => runs1.data.some((r) => r.id === e.id))).toEqual([])
      const unknown = await call(client, 'recent', { list: 'persona-inquiries', filters: { nonsense: 'x' } })
      expect(unknown.isError).toBe(true)
    } finally {
      await client.close()
    }
  })

  it('records one audit row per tools/call, with the asserted ticket and on_behalf_of', async () => {
    const rows = await vi.waitFor(
      async () => {
        const found = await stack.relay.queryAudit<{
          route: string
          agent: string
          vendor: string | null
          ids: string
          ticket: string | null
          on_behalf_of: string | null
          vendor_calls: number | null
        }>(
          `SELECT route, agent, vendor, ids, ticket, on_behalf_of, vendor_calls FROM audit WHERE route LIKE 'mcp/%' AND ${OWN_AGENTS} ORDER BY seq`,
        )
        expect(found.length).toBe(results.count)
        return found
      },
      { timeout: 30_000, interval: 200 },
    )
    const lookup = rows.find((r) => r.ticket === 'ZD-1001')!
    expect(lookup).toMatchObject({ route: 'mcp/lookup', agent: AI, vendor: 'persona', on_behalf_of: 'alex' })
    expect(rows.map((r) => r.route)).toEqual(expect.arrayContaining(['mcp/lookup', 'mcp/history', 'mcp/requester_check', 'mcp/recent']))
    expect(JSON.parse(lookup.ids)).toContain(STORY_INQUIRY)
    expect(rows.every((r) => typeof r.vendor_calls === 'number')).toBe(true)
    expect(JSON.stringify(rows)).not.toContain(EMAIL)
    // No /v1 rows came from the tools: the routes were dispatched in process, audited once as the tool.
    const v1Rows = async () =>
      (await stack.relay.queryAudit<{ n: number }>(`SELECT COUNT(*) AS n FROM audit WHERE route LIKE '/v1/%' AND ${OWN_AGENTS}`))[0]!.n
    expect(await v1Rows()).toBe(0)
    // The count sees this file's /v1 rows: one request of its agent's is one more.
    expect((await fetch(`${stack.relay.url}/v1/me`, { headers: { authorization: `Bearer ${AGENT_TOKEN}` } })).status).toBe(200)
    await expect.poll(v1Rows, { timeout: 30_000, interval: 200 }).toBe(1)
  })

  it('refuses a foreign Origin (403), GET and DELETE (405), a missing token (401 with resource_metadata)', async () => {
    expect((await post('{}', { origin: 'https://evil.example' })).status).toBe(403)
    for (const method of ['GET', 'DELETE'])
      expect((await fetch(mcpUrl, { method, headers: { authorization: `Bearer ${AI_TOKEN}` } })).status).toBe(405)
    const anonymous = await fetch(mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(anonymous.status).toBe(401)
    const challenge = anonymous.headers.get('www-authenticate') ?? ''
    const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1]
    expect(metadataUrl).toBe(`${stack.relay.url}/.well-known/oauth-protected-resource/mcp`)
    for (const url of [metadataUrl!, `${stack.relay.url}/.well-known/oauth-protected-resource`]) {
      const metadata = (await (await fetch(url)).json()) as { resource: string; bearer_methods_supported: string[] }
      expect(metadata.resource).toBe(`${stack.relay.url}/mcp`)
      expect(metadata.bearer_methods_supported).toEqual(['header'])
    }
  })

  it('answers a malformed JSON-RPC body with a JSON-RPC error, and an oversized one with 413 before any vendor call', async () => {
    const parse = await post('{"jsonrpc": "2.0", "id": 1, "method": ')
    expect(parse.status).toBe(400)
    expect(((await parse.json()) as { error: { code: number } }).error.code).toBe(-32700)
    const invalid = await post(JSON.stringify({ jsonrpc: '2.0', id: 2, params: {} }))
    expect(invalid.status).toBe(400)
    expect(((await invalid.json()) as { error: { code: number } }).error.code).toBeLessThan(-32000)

    const before = await personaCallsFor(OWN_INQUIRY)
    const huge = {
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'lookup', arguments: { ids: [OWN_INQUIRY], ticket: 'x'.repeat(100_000) } },
    }
    const oversized = await post(JSON.stringify(huge))
    expect(oversized.status).toBe(413)
    expect(await personaCallsFor(OWN_INQUIRY)).toBe(before)
  })

  it('bounds a body of undeclared length (chunked) as one of declared length', async () => {
    const chunked = (text: string) =>
      fetch(mcpUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${AI_TOKEN}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: new Blob([text]).stream(),
        duplex: 'half',
      } as RequestInit)
    const call = (ticket: string, id = STORY_INQUIRY) =>
      JSON.stringify({
        jsonrpc: '2.0',
        id: 5,
        method: 'tools/call',
        params: { name: 'lookup', arguments: { ids: [id], ticket } },
      })
    const answered = await chunked(call('T-1'))
    expect(answered.status).toBe(200)
    const text = await answered.text()
    expect(text).toContain(STORY_INQUIRY)
    expect(text).not.toContain('"isError":true')
    const before = await personaCallsFor(OWN_INQUIRY)
    expect((await chunked(call('x'.repeat(100_000), OWN_INQUIRY))).status).toBe(413)
    expect(await personaCallsFor(OWN_INQUIRY)).toBe(before)
    // The count sees this inquiry's calls: the same call within the bound asks Persona.
    expect((await chunked(call('T-2', OWN_INQUIRY))).status).toBe(200)
    expect(await personaCallsFor(OWN_INQUIRY)).toBeGreaterThan(before)
  })

  it('holds none of the demo story’s personal values in any tool result', () => {
    expect(results.count).toBeGreaterThanOrEqual(6)
    expect(results.personalValues()).toEqual([])
  })

  it('refuses the next call once the ai token is removed from AGENT_TOKENS', async () => {
    // One address for the client throughout (harness/steady-address.ts): the shared relay, which lists
    // the ai token, then a relay of this test's own without the ai entry, as a redeploy with the secret
    // changed. Every request is on a connection of its own (closing-fetch.ts): none reaches the old one.
    const address = await startSteadyAddress()
    let redeployed: RelayProcess | undefined
    try {
      address.pointAt(Number(new URL(stack.relay.url).port))
      const client = await connect(AI_TOKEN, new URL('/mcp', address.url))
      try {
        expect((await call(client, 'lookup', { ids: [STORY_INQUIRY] })).isError).toBeFalsy()
        redeployed = await startRelay({
          personaBase: stack.upstream.personaBase,
          deepidvBase: stack.upstream.deepidvBase,
          agentTokens: `${AGENT}:${AGENT_TOKEN}`,
        })
        address.pointAt(Number(new URL(redeployed.url).port))
        await expect(client.callTool({ name: 'lookup', arguments: { ids: [STORY_INQUIRY] } })).rejects.toThrow(
          /401|invalid_token|Unauthorized/i,
        )
      } finally {
        await client.close()
      }
    } finally {
      await redeployed?.stop()
      await address.stop()
    }
  })
})
