/**
 * An admin audits the AI under `wrangler dev`, across real requests: the official SDK client's tool
 * calls carry the AI client's name, `on_behalf_of` and `ticket` into the audit API, the CSV and NDJSON
 * export (a formula-like ticket neutralised, control characters gone) and the usage's per-client
 * counts; the AI client's token refused on /v1 is recorded under its name, never the token.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import type { AuditExportRow, AuditPage, AuditRecord, UsageReport } from '@idv-lens/shared/api'
import { describe, expect, it, vi } from 'vitest'
import { relaySharedStack } from '../harness/relay-shared-stack.ts'
import { sharedRelayOutput } from '../harness/shared-stack.ts'

const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
// The run's shared stack, with an admin and an AI client of this file's own: the admin's views are
// read for this AI client's rows only.
const AI_NAME = 'mcp-audit-ai'
const { stack, agentToken: adminToken } = relaySharedStack('mcp-audit')
const { agentToken: aiToken } = relaySharedStack(AI_NAME)
const admin = { authorization: `Bearer ${adminToken}` }
/** What the AI client asserts: a spreadsheet formula as the ticket, a line break in on_behalf_of. */
const FORMULA_TICKET = '=HYPERLINK("https://evil.example","open")'
const BROKEN_AGENT = 'alex\r\nadmin'

async function withClient<T>(use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ name: 'mcp-audit-e2e', version: '1.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', stack.relay.url), {
      requestInit: { headers: { authorization: `Bearer ${aiToken}` } },
    }),
  )
  try {
    return await use(client)
  } finally {
    await client.close()
  }
}

const adminGet = (path: string) => fetch(new URL(path, stack.relay.url), { headers: admin })

/** The AI client's rows as the audit API answers them, once all `n` have been written. */
async function aiRows(n: number): Promise<AuditRecord[]> {
  return vi.waitFor(
    async () => {
      const page = (await (await adminGet(`/v1/admin/audit?agent=${AI_NAME}`)).json()) as AuditPage
      expect(page.data).toHaveLength(n)
      return page.data
    },
    { timeout: 30_000, interval: 250 },
  )
}

describe("the AI's calls in the audit under wrangler dev", () => {
  it('carries the client, on_behalf_of and ticket into the audit API, the export and the usage; a /v1 refusal is attributed', async () => {
    await withClient(async (client) => {
      const why = await client.callTool({
        name: 'why_failed',
        arguments: { id: STORY_INQUIRY, on_behalf_of: BROKEN_AGENT, ticket: FORMULA_TICKET },
      })
      expect(why.isError).toBeFalsy()
      const lookup = await client.callTool({ name: 'lookup', arguments: { ids: [STORY_INQUIRY], on_behalf_of: 'alex', ticket: 'ZD-4711' } })
      expect(lookup.isError).toBeFalsy()
    })
    const refused = await fetch(new URL(`/v1/persona/inquiries/${STORY_INQUIRY}`, stack.relay.url), {
      headers: { authorization: `Bearer ${aiToken}` },
    })
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { code: string }).code).toBe('forbidden')

    // The audit API: newest first.
    const [v1, lookupRow, whyRow] = await aiRows(3)
    expect(v1).toMatchObject({
      agent: AI_NAME,
      aiClient: AI_NAME,
      route: '/v1/persona/inquiries/:id',
      outcome: 'refused',
      status: 403,
      problem: 'forbidden',
      ids: [],
      onBehalfOf: null,
      ticket: null,
    })
    expect(lookupRow).toMatchObject({
      aiClient: AI_NAME,
      route: 'mcp/lookup',
      onBehalfOf: 'alex',
      ticket: 'ZD-4711',
      problem: null,
      ids: [STORY_INQUIRY],
    })
    expect(whyRow).toMatchObject({ aiClient: AI_NAME, route: 'mcp/why_failed', onBehalfOf: 'alex  admin', ticket: FORMULA_TICKET })

    // The export, both formats.
    const ndjson = await (await adminGet('/v1/admin/audit/export?format=ndjson')).text()
    const exported = ndjson
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditExportRow)
      .filter((row) => row.agent === AI_NAME)
    expect(exported.map((row) => [row.route, row.aiClient, row.onBehalfOf, row.ticket, row.problem])).toEqual([
      ['mcp/why_failed', AI_NAME, 'alex  admin', FORMULA_TICKET, null],
      ['mcp/lookup', AI_NAME, 'alex', 'ZD-4711', null],
      ['/v1/persona/inquiries/:id', AI_NAME, null, null, 'forbidden'],
    ])
    expect(exported.every((row, i) => (i < 2 ? typeof row.vendorCalls === 'number' : row.vendorCalls === null))).toBe(true)
    const csv = await (await adminGet('/v1/admin/audit/export?format=csv')).text()
    const [header, ...lines] = csv.split('\r\n')
    expect(header).toContain('aiClient,onBehalfOf,ticket')
    const whyLine = lines.find((line) => line.includes('mcp/why_failed') && line.includes(AI_NAME))!
    // Quoted (it holds quotes and a comma), with the leading ' that stops a spreadsheet reading a formula.
    expect(whyLine).toContain(`${AI_NAME},${AI_NAME},alex  admin,"'=HYPERLINK(""https://evil.example"",""open"")"`)
    expect(lines.find((line) => line.includes('/v1/persona/inquiries/:id') && line.includes(AI_NAME))).toContain(',403,forbidden,')

    // The usage: per AI client, its calls by tool and its refusals.
    const usage = (await (await adminGet('/v1/admin/usage?days=1')).json()) as UsageReport
    expect(usage.aiClients.filter((client) => client.name === AI_NAME)).toEqual([
      { name: AI_NAME, calls: 2, tools: { lookup: 1, why_failed: 1 }, refusals: { forbidden: 1 } },
    ])

    // The AI token is in no row, no export and no log line.
    // The relay's log is the live one (it holds the MCP calls), and the token is not in it.
    expect(sharedRelayOutput()).toContain('POST /mcp 200')
    for (const text of [ndjson, csv, JSON.stringify(usage), sharedRelayOutput()]) expect(text).not.toContain(aiToken)
  })
})
