/**
 * The agent actions as MCP tools under `wrangler dev`, with the official SDK client: listed only where
 * ACTIONS, the actor role and MCP_ACTIONS agree; `send_new_link` and `send_new_onfido_link` behind the same
 * principal's requester match, the link in that result only; the day's bound and the Idempotency-Key shared with /v1.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { ACTION_NAMES } from '@idv-lens/shared/api'
import { flaggedCheck } from '@idv-lens/shared/replies'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO, startRelay, startStack, type Stack } from '../harness/stack.ts'
import { toolResultScan, type ToolResult } from '../harness/tool-result-scan.ts'

const ALL = ACTION_NAMES.join(',')
const ACTION_TOOLS = ['add_tag', 'assign_case', 'remove_tag', 'send_new_link', 'send_new_onfido_link', 'set_case_status']
/** An ai client with the role actor, and one without it. */
const ACTOR_AI = { name: 'fin-actor', token: 'idvl_mcp_actions_actor_ai_token_local_0001' }
const PLAIN_AI = { name: 'fin-reader', token: 'idvl_mcp_actions_plain_ai_token_local_0001' }
const TOKENS = `${DEMO.agentName}:${DEMO.agentToken}:admin:actor,${ACTOR_AI.name}:${ACTOR_AI.token}:ai:actor,${PLAIN_AI.name}:${PLAIN_AI.token}:ai`

let stack: Stack
/** Every tool result of the file, scanned for the demo's personal values at the end (a new link only where kept whole). */
const results = toolResultScan()
const stopped: (() => Promise<void>)[] = []

beforeAll(async () => {
  stack = await startStack({ agentTokens: TOKENS, vars: { ACTIONS: ALL, MCP_ACTIONS: ALL } })
})

afterAll(async () => {
  for (const stop of stopped) await stop()
  await stack?.stop()
})

async function connect(relayUrl: string, token: string): Promise<Client> {
  const client = new Client({ name: 'mcp-actions-e2e', version: '1.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', relayUrl), { requestInit: { headers: { authorization: `Bearer ${token}` } } }),
  )
  return client
}

async function withClient<T>(token: string, use: (client: Client) => Promise<T>, relayUrl = stack.relay.url): Promise<T> {
  const client = await connect(relayUrl, token)
  try {
    return await use(client)
  } finally {
    await client.close()
  }
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<ToolResult> {
  const result = (await client.callTool({ name, arguments: args })) as ToolResult
  results.record(name, result)
  return result
}
const actionToolsOf = async (client: Client) =>
  (await client.listTools()).tools
    .map((t) => t.name)
    .filter((n) => ACTION_TOOLS.includes(n))
    .sort()
const textOf = (result: ToolResult) => result.content.map((c) => c.text ?? '').join('\n')

/** What `initialize` tells the model of the action tools (the instructions name them only where they are listed). */
const ACTIONS_SAID = /actions\b.*send_new_link/i

/** Both refusals of an unlisted tool: not listed, and a call finds no such tool (never registered); the instructions say none. */
async function expectNoActionTools(relayUrl: string, token: string): Promise<void> {
  await withClient(
    token,
    async (client) => {
      expect(await actionToolsOf(client)).toEqual([])
      expect(client.getInstructions()).toContain('identity verification')
      expect(client.getInstructions()).not.toMatch(ACTIONS_SAID)
      await expect(call(client, 'send_new_link', { inquiry_id: 'inq_zEx4jL84ShbUyuwX6AzPSqt6' })).rejects.toThrow(/send_new_link not found/)
    },
    relayUrl,
  )
}

/** The demo customer's own email on an inquiry, read from the demo upstream (the ticket requester's). */
async function customerEmail(id: string): Promise<string> {
  const own = (await (
    await fetch(`${stack.upstream.personaBase}/inquiries/${id}`, { headers: { authorization: 'Bearer persona_demo_e2e_oracle' } })
  ).json()) as {
    data: { attributes: { fields: Record<string, { value: string | null }> } }
  }
  return own.data.attributes.fields['email-address']!.value!
}

/** Failed inquiries no fraud check flagged (a flagged one gets no link: flagged-link.e2e.test.ts). */
async function failedInquiries(): Promise<string[]> {
  const res = await fetch(`${stack.relay.url}/v1/persona/inquiries?filter%5Bstatus%5D=failed&page%5Bsize%5D=20`, {
    headers: { authorization: `Bearer ${DEMO.agentToken}` },
  })
  const ids = ((await res.json()) as { data: { id: string }[] }).data.map((inq) => inq.id)
  const headers = { authorization: 'Bearer persona_demo_e2e_oracle' }
  const unflagged = []
  for (const id of ids) {
    const body = (await (await fetch(`${stack.upstream.personaBase}/inquiries/${id}?include=verifications`, { headers })).json()) as {
      included?: { type: string; attributes: { checks?: { name: string; status: string; reasons?: string[] }[] } }[]
    }
    const failed = (body.included ?? [])
      .filter((i) => i.type.startsWith('verification/'))
      .flatMap((v) => (v.attributes.checks ?? []).filter((c) => c.status === 'failed'))
    if (!flaggedCheck(failed.map((c) => ({ check: c.name, reasons: c.reasons ?? [] })))) unflagged.push(id)
  }
  return unflagged
}

describe('agent actions as MCP tools', () => {
  it('lists every action tool, with honest annotations, when all three switches agree', async () => {
    await withClient(ACTOR_AI.token, async (client) => {
      const { tools } = await client.listTools()
      const actions = tools.filter((t) => ACTION_TOOLS.includes(t.name))
      expect(actions.map((t) => t.name).sort()).toEqual(ACTION_TOOLS)
      const instructions = client.getInstructions() ?? ''
      expect(instructions).toMatch(ACTIONS_SAID)
      for (const name of ACTION_TOOLS) expect(instructions).toContain(name)
      for (const tool of actions) {
        expect(tool.annotations).toMatchObject({ readOnlyHint: false, openWorldHint: true })
        expect(tool.outputSchema).toBeTruthy()
      }
      const hints = Object.fromEntries(actions.map((t) => [t.name, [t.annotations?.destructiveHint, t.annotations?.idempotentHint]]))
      expect(hints).toEqual({
        send_new_link: [false, false],
        send_new_onfido_link: [false, false],
        add_tag: [false, true],
        remove_tag: [true, true],
        assign_case: [true, true],
        set_case_status: [true, true],
      })
    })
  })

  it('lists none to an ai client without the role actor, and refuses its call', async () => {
    await expectNoActionTools(stack.relay.url, PLAIN_AI.token)
  })

  it('lists none when ACTIONS does not offer them, or MCP_ACTIONS does not name them', async () => {
    for (const vars of [
      { ACTIONS: '', MCP_ACTIONS: ALL },
      { ACTIONS: ALL, MCP_ACTIONS: '' },
    ]) {
      const relay = await startRelay({
        personaBase: stack.upstream.personaBase,
        deepidvBase: stack.upstream.deepidvBase,
        agentTokens: TOKENS,
        vars,
      })
      stopped.push(() => relay.stop())
      await expectNoActionTools(relay.url, ACTOR_AI.token)
      await relay.stop()
    }
  })

  it('sends a new link only after the same principal’s requester match; the link is in that result only', async () => {
    const [id] = await failedInquiries()
    const email = await customerEmail(id!)
    const link = await withClient(ACTOR_AI.token, async (client) => {
      const early = await call(client, 'send_new_link', { inquiry_id: id, ticket: 'ZD-7' })
      expect(early.isError).toBe(true)
      expect(textOf(early)).toContain('requester-not-confirmed')
      // Another principal's match is not this one's.
      await withClient(PLAIN_AI.token, async (other) => {
        expect((await call(other, 'requester_check', { id, field: 'email', value: email })).structuredContent).toMatchObject({
          data: { result: 'match' },
        })
      })
      expect((await call(client, 'send_new_link', { inquiry_id: id })).isError).toBe(true)
      expect((await call(client, 'requester_check', { id, field: 'email', value: email })).structuredContent).toMatchObject({
        data: { result: 'match' },
      })
      const made = await call(client, 'send_new_link', { inquiry_id: id, expires_in_seconds: 3600, ticket: 'ZD-7', on_behalf_of: 'alex' })
      expect(made.isError, textOf(made)).toBeFalsy()
      expect(made.structuredContent).toMatchObject({ inquiry_id: id })
      const url = String(made.structuredContent!['link'])
      expect(new URL(url).searchParams.get('code')).toBeTruthy()
      expect(textOf(made)).toContain(url)
      return url
    })
    const rows = await vi.waitFor(
      async () => {
        const found = await stack.relay.queryAudit<Record<string, unknown>>(
          "SELECT * FROM audit WHERE route = 'mcp/send_new_link' ORDER BY seq",
        )
        expect(found.length).toBe(3)
        return found
      },
      { timeout: 30_000, interval: 100 },
    )
    expect(rows.map((r) => [r['agent'], r['ids'], r['status']])).toEqual([
      [ACTOR_AI.name, JSON.stringify([id]), 403],
      [ACTOR_AI.name, JSON.stringify([id]), 403],
      [ACTOR_AI.name, JSON.stringify([id]), 200],
    ])
    expect(rows[2]).toMatchObject({ ticket: 'ZD-7', on_behalf_of: 'alex', vendor_calls: 1 })
    const code = new URL(link).searchParams.get('code')!
    expect(JSON.stringify(rows)).not.toContain(code)
    expect(stack.relay.process.output()).not.toContain(code)
  })

  it('keeps one day bound per inquiry across /mcp and /v1, and counts an idempotent retry once', async () => {
    const [, id] = await failedInquiries()
    const email = await customerEmail(id!)
    const v1 = (path: string, body: unknown) =>
      fetch(`${stack.relay.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${DEMO.agentToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await v1('/v1/requester-check', { id, field: 'email', value: email })).status).toBe(200)
    await withClient(ACTOR_AI.token, async (client) => {
      await call(client, 'requester_check', { id, field: 'email', value: email })
      const first = await call(client, 'send_new_link', { inquiry_id: id, idempotency_key: 'ticket-9' })
      const retried = await call(client, 'send_new_link', { inquiry_id: id, idempotency_key: 'ticket-9' })
      expect(retried.structuredContent!['link']).toBe(first.structuredContent!['link'])
      for (const key of ['a', 'b'])
        expect((await call(client, 'send_new_link', { inquiry_id: id, idempotency_key: key })).isError).toBeFalsy()
      // Five a day per inquiry: three by MCP (the retry counted once), two by /v1.
      for (let i = 0; i < 2; i++) expect((await v1(`/v1/persona/inquiries/${id}/generate-one-time-link`, {})).status).toBe(200)
      const over = await call(client, 'send_new_link', { inquiry_id: id })
      expect(over.isError).toBe(true)
      const refusedV1 = await v1(`/v1/persona/inquiries/${id}/generate-one-time-link`, {})
      expect(refusedV1.status).toBe(429)
      const problem = (await refusedV1.json()) as { code: string; detail: string }
      // The day bound in the route's own words and when to try again, never a vendor budget the AI share could explain.
      expect(problem.detail).toContain('as many new links as a day allows')
      expect(textOf(over)).toContain(problem.code)
      expect(textOf(over)).toContain('as many new links as a day allows')
      expect(textOf(over)).toMatch(/retry in \d+ seconds/i)
      expect(textOf(over)).not.toMatch(/budget/i)
    })
  })

  it("makes an Onfido run's new link only after the same principal's match with its applicant; the link in that result only", async () => {
    const run = 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46'
    const url = await withClient(ACTOR_AI.token, async (client) => {
      const early = await call(client, 'send_new_onfido_link', { workflow_run_id: run, ticket: 'ZD-8' })
      expect(early.isError).toBe(true)
      expect(textOf(early)).toContain('requester-not-confirmed')
      const other = await call(client, 'requester_check', { id: run, field: 'email', value: 'someone.else@example.com' })
      expect(other.structuredContent).toMatchObject({ data: { id: run, result: 'no-match' } })
      expect(textOf(await call(client, 'send_new_onfido_link', { workflow_run_id: run }))).toContain('requester-not-confirmed')
      const dana = await call(client, 'requester_check', { id: run, field: 'email', value: 'Dana.Customer@example.com' })
      expect(dana.structuredContent).toEqual({ data: { id: run, field: 'email', result: 'match' } })
      expect(JSON.stringify(dana)).not.toMatch(/dana\.customer|applicant/i)
      const made = await call(client, 'send_new_onfido_link', {
        workflow_run_id: run,
        expires_in_seconds: 3600,
        ticket: 'ZD-8',
        idempotency_key: 'zd-8-click',
      })
      expect(made.isError, textOf(made)).toBeFalsy()
      // Onfido takes no key: the retry makes no second run, and says when the first was made, without its link.
      const retried = await call(client, 'send_new_onfido_link', {
        workflow_run_id: run,
        expires_in_seconds: 3600,
        ticket: 'ZD-8',
        idempotency_key: 'zd-8-click',
      })
      expect(retried.isError).toBe(true)
      expect(textOf(retried)).toMatch(/^Refused \(already-made, 409\): .*already carried out at \d{4}-\d{2}-\d{2}T/)
      expect(textOf(retried)).not.toContain(String(made.structuredContent!['link']))
      expect(made.structuredContent).toMatchObject({
        status: 'awaiting_input',
        link: expect.stringMatching(/^https:\/\/eu\.onfido\.app\/l\/\w{22}$/),
      })
      const expires = Date.parse(String(made.structuredContent!['expires_at']))
      expect(Math.abs(expires - Date.now() - 3600_000)).toBeLessThan(120_000)
      expect(textOf(made)).toContain(String(made.structuredContent!['link']))
      return String(made.structuredContent!['link'])
    })
    const rows = await vi.waitFor(
      async () => {
        const found = await stack.relay.queryAudit<Record<string, unknown>>(
          `SELECT * FROM audit WHERE route IN ('mcp/send_new_onfido_link', 'mcp/requester_check') AND ids = '${JSON.stringify([run])}' ORDER BY seq`,
        )
        expect(found.length).toBe(6)
        return found
      },
      { timeout: 30_000, interval: 100 },
    )
    expect(rows.map((r) => [r['route'], r['status']])).toEqual([
      ['mcp/send_new_onfido_link', 403],
      ['mcp/requester_check', 200],
      ['mcp/send_new_onfido_link', 403],
      ['mcp/requester_check', 200],
      ['mcp/send_new_onfido_link', 200],
      ['mcp/send_new_onfido_link', 409],
    ])
    expect(rows[4]).toMatchObject({ agent: ACTOR_AI.name, ticket: 'ZD-8', vendor: 'onfido' })
    const code = url.split('/').pop()!
    expect(JSON.stringify(rows)).not.toContain(code)
    expect(JSON.stringify(rows)).not.toMatch(/dana|someone\.else/i)
    expect(stack.relay.process.output()).not.toContain(code)
  })

  it('tags an inquiry and sets a case status, each audited as its tool with the vendor it acted on', async () => {
    const [, , id] = await failedInquiries()
    const cases = await fetch(`${stack.relay.url}/v1/persona/cases?filter%5Bstatus%5D=Open&page%5Bsize%5D=1`, {
      headers: { authorization: `Bearer ${DEMO.agentToken}` },
    })
    const caseId = ((await cases.json()) as { data: { id: string }[] }).data[0]!.id
    await withClient(ACTOR_AI.token, async (client) => {
      const tagged = await call(client, 'add_tag', { inquiry_id: id, tag: 'mcp-e2e' })
      expect(tagged.structuredContent).toMatchObject({ inquiry_id: id })
      expect(tagged.structuredContent!['tags']).toContain('mcp-e2e')
      expect((await call(client, 'set_case_status', { case_id: caseId, status: 'Approved' })).structuredContent).toEqual({
        case_id: caseId,
        status: 'Approved',
      })
    })
    const rows = await vi.waitFor(
      async () => {
        const found = await stack.relay.queryAudit<{ route: string; vendor: string; ids: string; vendor_calls: number }>(
          "SELECT route, vendor, ids, vendor_calls FROM audit WHERE route IN ('mcp/add_tag', 'mcp/set_case_status') ORDER BY seq",
        )
        expect(found.length).toBe(2)
        return found
      },
      { timeout: 30_000, interval: 100 },
    )
    expect(rows).toEqual([
      { route: 'mcp/add_tag', vendor: 'persona', ids: JSON.stringify([id]), vendor_calls: 1 },
      { route: 'mcp/set_case_status', vendor: 'persona', ids: JSON.stringify([caseId]), vendor_calls: 1 },
    ])
  })

  it('holds none of the demo’s personal values in any result, a new link only where its tool keeps it whole', () => {
    expect(results.count).toBeGreaterThanOrEqual(15)
    expect(results.personalValues()).toEqual([])
  })
})
