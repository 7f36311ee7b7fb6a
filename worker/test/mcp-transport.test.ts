/**
 * What /mcp answers a 2025-era client on the wire (issue 76 item 4): pinned on the SDK's stock
 * stateless transport, so a transport of the relay's own must answer each case alike: 406 for an
 * Accept without both types, 415 for a body that is not JSON, 400 for an unsupported
 * MCP-Protocol-Version, batches (one answer, or an array in the order asked), 202 for notifications
 * alone, JSON-RPC errors in a 200, and never a session.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import app from '../src/index.ts'
import type { Bindings } from '../src/bindings.ts'
import { testRelay } from './helpers.ts'

const AI_TOKEN = 'mcp-wire-ai-token-0123456789abcdefghijklm'
const env = () => testRelay({ AGENT_TOKENS: `fin:${AI_TOKEN}:ai` }).env as Bindings

const HEADERS = {
  authorization: `Bearer ${AI_TOKEN}`,
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-06-18',
}

type Exchange = { status: number; type: string | null; session: string | null; body: unknown }

/** One POST to /mcp (`headers` over the 2025-06-18 defaults; null drops one), its response. */
async function send(body: unknown, headers: Record<string, string | null> = {}): Promise<Response> {
  const merged = Object.entries({ ...HEADERS, ...headers }).filter((entry): entry is [string, string] => entry[1] !== null)
  const ctx = createExecutionContext()
  const res = await app.fetch(
    new Request('http://relay.test/mcp', {
      method: 'POST',
      headers: merged,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    env(),
    ctx,
  )
  await waitOnExecutionContext(ctx)
  return res
}

/** One POST to /mcp, as `send`, its whole answer. */
async function post(body: unknown, headers: Record<string, string | null> = {}): Promise<Exchange> {
  const res = await send(body, headers)
  const text = await res.text()
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    session: res.headers.get('mcp-session-id'),
    body: text === '' ? '' : JSON.parse(text),
  }
}

const rpcError = (code: number, message: string, id: unknown = null) => ({ jsonrpc: '2.0', error: { code, message }, id })
const LIST = { jsonrpc: '2.0', id: 7, method: 'tools/list', params: {} }
const INITIALIZED = { jsonrpc: '2.0', method: 'notifications/initialized' }
const UNKNOWN_TOOL = { jsonrpc: '2.0', id: 'b', method: 'tools/call', params: { name: 'no_such_tool', arguments: {} } }

describe('/mcp on the wire, 2025-era (stateless, JSON answers)', () => {
  it('refuses an Accept without both JSON and SSE with 406, before reading the message', async () => {
    for (const accept of ['application/json', 'text/event-stream', null])
      expect(await post(LIST, { accept })).toEqual({
        status: 406,
        type: 'application/json',
        session: null,
        body: rpcError(-32000, 'Not Acceptable: Client must accept both application/json and text/event-stream'),
      })
  })

  it('refuses a JSON message sent as another media type with 415', async () => {
    expect(await post(LIST, { 'content-type': 'text/plain' })).toEqual({
      status: 415,
      type: 'application/json',
      session: null,
      body: rpcError(-32000, 'Unsupported Media Type: Content-Type must be application/json'),
    })
  })

  it('refuses an MCP-Protocol-Version it does not speak with 400, and takes a message without one', async () => {
    const refused = await post(LIST, { 'mcp-protocol-version': '2024-01-01' })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 }, id: null })
    expect((refused.body as { error: { message: string } }).error.message).toMatch(
      /^Bad Request: Unsupported protocol version: 2024-01-01 \(supported versions: .*2025-06-18.*\)$/,
    )
    const bare = await post(LIST, { 'mcp-protocol-version': null })
    expect(bare).toMatchObject({ status: 200, type: 'application/json', session: null, body: { jsonrpc: '2.0', id: 7 } })
  })

  it('answers initialize with the server and its instructions, and no session', async () => {
    const init = {
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'pin', version: '1' } },
    }
    const answer = await post(init, { 'mcp-protocol-version': null })
    expect(answer).toMatchObject({ status: 200, type: 'application/json', session: null })
    expect(answer.body).toMatchObject({
      jsonrpc: '2.0',
      id: 0,
      result: { protocolVersion: '2025-06-18', serverInfo: { name: 'idv-lens', version: '1.0.0' }, capabilities: { tools: {} } },
    })
    expect((answer.body as { result: { instructions: string } }).result.instructions).toMatch(/^IDV Lens answers/)
  })

  it('answers a notification alone with 202 and no body, and a batch of notifications alike', async () => {
    for (const body of [INITIALIZED, [INITIALIZED, { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } }]])
      expect(await post(body)).toEqual({ status: 202, type: null, session: null, body: '' })
  })

  it("answers a batch's requests in one JSON array, in the order asked; a single request among notifications alone", async () => {
    const both = await post([UNKNOWN_TOOL, INITIALIZED, LIST])
    expect(both).toMatchObject({ status: 200, type: 'application/json', session: null })
    const [call, list] = both.body as [Record<string, unknown>, { id: number; result: { tools: { name: string }[] } }]
    expect(call).toMatchObject({ jsonrpc: '2.0', id: 'b', error: { code: expect.any(Number) } })
    expect(JSON.stringify(call)).toContain('no_such_tool')
    expect(list.id).toBe(7)
    expect(list.result.tools.map((tool) => tool.name)).toContain('lookup')
    const one = await post([INITIALIZED, LIST])
    expect(one.body).toMatchObject({ jsonrpc: '2.0', id: 7, result: { tools: expect.any(Array) } })
  })

  it('refuses a batch over 100 messages with 400', async () => {
    expect(await post(Array.from({ length: 101 }, () => INITIALIZED))).toEqual({
      status: 400,
      type: 'application/json',
      session: null,
      body: rpcError(-32600, 'Invalid Request: Batch must not exceed 100 messages'),
    })
  })

  it('answers an unknown method and bad tool arguments as JSON-RPC errors in a 200, with the id', async () => {
    expect(await post({ jsonrpc: '2.0', id: 3, method: 'no/such', params: {} })).toEqual({
      status: 200,
      type: 'application/json',
      session: null,
      body: rpcError(-32601, 'Method not found', 3),
    })
    const bad = await post({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'lookup', arguments: { ids: 'x' } } })
    expect(bad).toMatchObject({ status: 200, type: 'application/json', body: { jsonrpc: '2.0', id: 4 } })
    const answer = bad.body as { result?: { isError?: boolean; content: { text: string }[] }; error?: { code: number } }
    expect(answer.result?.isError ?? answer.error?.code).toBeTruthy()
  })

  it('answers a tools/call with its result under the id it was asked with', async () => {
    const answer = await post({
      jsonrpc: '2.0',
      id: 'q',
      method: 'tools/call',
      params: { name: 'lookup', arguments: { ids: ['inq_NoSuchInquiryAtAllXXXXXXXXXX'] } },
    })
    expect(answer).toMatchObject({
      status: 200,
      type: 'application/json',
      session: null,
      body: {
        jsonrpc: '2.0',
        id: 'q',
        result: { structuredContent: { data: [{ id: 'inq_NoSuchInquiryAtAllXXXXXXXXXX', found: false }] } },
      },
    })
  })

  it('lets nothing store an answer, as /v1 does: a tool result, a JSON-RPC error and a refusal by the SDK', async () => {
    const call = {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'lookup', arguments: { ids: ['inq_NoSuchInquiryAtAllXXXXXXXXXX'] } },
    }
    const answers = [await send(call), await send(UNKNOWN_TOOL), await send(LIST, { accept: 'application/json' })]
    expect(answers.map((res) => res.status)).toEqual([200, 200, 406])
    for (const res of answers) await res.body?.cancel()
    expect(answers.map((res) => res.headers.get('cache-control'))).toEqual(Array(3).fill('private, no-store'))
  })

  it('refuses a body that is not JSON with a parse error', async () => {
    const answer = await post('{not json')
    expect(answer).toMatchObject({ status: 400, type: 'application/json', body: { jsonrpc: '2.0', error: { code: -32700 }, id: null } })
  })
})
