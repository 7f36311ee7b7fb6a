/**
 * What one /mcp request builds (issue 76 item 4): a single `tools/call` registers the called tool alone,
 * never every tool (each registration costs CPU on every call); `tools/list` still registers, and lists,
 * every tool the caller may use, action tools only where MCP_ACTIONS names them. A tool takes the /v1
 * route's answer as the object the route built (no JSON text in between), and does not check that
 * object against its output schema again; any other output is checked.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { McpServer } from '@modelcontextprotocol/server'
import { describe, expect, it, vi } from 'vitest'
import app from '../src/index.ts'
import { LookupResponseSchema } from '../src/contract/schemas.ts'
import { capStrings, MAX_VENDOR_STRING } from '../src/mcp/tool-kit.ts'
import { convertedOnce } from '../src/mcp/tool-schema.ts'
import { isRouteAnswer } from '../src/mcp/relay-reads.ts'
import type { Bindings } from '../src/bindings.ts'
import { testRelay } from './helpers.ts'

const AI_TOKEN = 'mcp-ai-token-0123456789abcdefghijklmnop'
const REVIEWER_TOKEN = 'mcp-reviewer-token-0123456789abcdefghij'
const READ_TOOLS = ['lookup', 'history', 'requester_check', 'recent', 'why_failed']
const relayWith = (more: Record<string, string> = {}) =>
  testRelay({ AGENT_TOKENS: `fin:${AI_TOKEN}:ai,rev:${REVIEWER_TOKEN}:ai:reviewer`, ACTIONS: 'inquiry-approve', ...more })

type Rpc = { result?: { tools?: { name: string }[]; isError?: boolean; content?: { text: string }[] }; error?: { message: string } }

/** One 2025-06-18 JSON-RPC message POSTed to /mcp (stateless: no initialize needed), its JSON answer. */
async function rpc(env: Bindings, token: string, method: string, params: Record<string, unknown> = {}): Promise<Rpc> {
  const ctx = createExecutionContext()
  const res = await app.fetch(
    new Request('http://relay.test/mcp', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    }),
    env,
    ctx,
  )
  await waitOnExecutionContext(ctx)
  expect(res.status).toBe(200)
  return JSON.parse(await res.text()) as Rpc
}

/** The tools the relay registered on its MCP servers while `run` ran, by name, in order. */
async function registeredDuring(run: () => Promise<unknown>): Promise<string[]> {
  const spy = vi.spyOn(McpServer.prototype, 'registerTool')
  try {
    await run()
    return spy.mock.calls.map(([name]) => name)
  } finally {
    spy.mockRestore()
  }
}

describe('/mcp tool registrations per request', () => {
  it('registers only the tool a tools/call names', async () => {
    const relay = relayWith({ MCP_ACTIONS: 'inquiry-approve' })
    const env = relay.env as Bindings
    let answer: Rpc = {}
    const lookup = await registeredDuring(
      async () =>
        (answer = await rpc(env, REVIEWER_TOKEN, 'tools/call', {
          name: 'lookup',
          arguments: { ids: ['inq_NoSuchInquiryAtAllXXXXXXXXXX'] },
        })),
    )
    expect(answer.result?.isError, JSON.stringify(answer)).toBeFalsy()
    expect(lookup).toEqual(['lookup'])
    const action = await registeredDuring(() =>
      rpc(env, REVIEWER_TOKEN, 'tools/call', { name: 'approve_inquiry', arguments: { inquiry_id: 'bad' } }),
    )
    expect(action).toEqual(['approve_inquiry'])
  })

  it('hands the /v1 answer to the tool as the route built it: no /v1 response body parsed', async () => {
    const env = relayWith().env as Bindings
    const parsed = vi.spyOn(Response.prototype, 'json')
    try {
      const answer = await rpc(env, AI_TOKEN, 'tools/call', { name: 'lookup', arguments: { ids: ['inq_NoSuchInquiryAtAllXXXXXXXXXX'] } })
      expect(answer.result?.isError, JSON.stringify(answer)).toBeFalsy()
      expect((answer.result as { structuredContent?: { data: { id: string; found: boolean }[] } }).structuredContent?.data).toEqual([
        expect.objectContaining({ id: 'inq_NoSuchInquiryAtAllXXXXXXXXXX', found: false }),
      ])
      expect(parsed).not.toHaveBeenCalled()
    } finally {
      parsed.mockRestore()
    }
  })

  it("checks a tool's output against its schema only where it is not the /v1 route's own answer", async () => {
    const env = relayWith().env as Bindings
    const checked = vi.spyOn(LookupResponseSchema['~standard'], 'validate')
    try {
      const answer = await rpc(env, AI_TOKEN, 'tools/call', { name: 'lookup', arguments: { ids: ['inq_NoSuchInquiryAtAllXXXXXXXXXX'] } })
      expect(answer.result?.isError, JSON.stringify(answer)).toBeFalsy()
      expect(checked).not.toHaveBeenCalled()
      // The same schema as a tool's output: a value no route answered with is checked, and refused if it breaks it.
      const output = convertedOnce(LookupResponseSchema, isRouteAnswer)['~standard']
      expect(await output.validate({ data: [{ found: true }] })).toHaveProperty('issues')
      expect(checked).toHaveBeenCalledTimes(1)
    } finally {
      checked.mockRestore()
    }
  })

  it('copies a result only to cut a vendor string that is too long', () => {
    const short = { data: [{ id: 'inq_1', reason: { reasons: ['face_mismatch'] } }] }
    expect(capStrings(short)).toBe(short)
    const long = { data: [{ id: 'inq_1', note: 'x'.repeat(MAX_VENDOR_STRING + 5) }] }
    const capped = capStrings(long)
    expect(capped.data[0]!.note).toHaveLength(MAX_VENDOR_STRING)
    expect(capped.data[0]!.id).toBe('inq_1')
    expect(long.data[0]!.note).toHaveLength(MAX_VENDOR_STRING + 5)
  })

  it('still registers and lists every tool the caller may use on tools/list, action tools only where MCP_ACTIONS names them', async () => {
    const offered = relayWith({ MCP_ACTIONS: 'inquiry-approve' }).env as Bindings
    let listed: Rpc = {}
    const all = await registeredDuring(async () => (listed = await rpc(offered, REVIEWER_TOKEN, 'tools/list')))
    expect(all.sort()).toEqual([...READ_TOOLS, 'approve_inquiry'].sort())
    expect(listed.result?.tools?.map((t) => t.name).sort()).toEqual(all)
    // Not named by MCP_ACTIONS, or not the caller's role: neither registered nor listed, nor callable.
    const unnamed = relayWith().env as Bindings
    expect((await rpc(unnamed, REVIEWER_TOKEN, 'tools/list')).result?.tools?.map((t) => t.name).sort()).toEqual([...READ_TOOLS].sort())
    expect((await rpc(offered, AI_TOKEN, 'tools/list')).result?.tools?.map((t) => t.name).sort()).toEqual([...READ_TOOLS].sort())
    const refused = await rpc(unnamed, REVIEWER_TOKEN, 'tools/call', { name: 'approve_inquiry', arguments: { inquiry_id: 'inq_x' } })
    expect(JSON.stringify(refused)).toMatch(/approve_inquiry not found/)
  })
})
