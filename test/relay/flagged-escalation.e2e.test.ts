/**
 * The flagged record's escalation under `wrangler dev`, for an AI client through MCP (official SDK
 * client): `escalate_flagged` is a tool only where MCP_ACTIONS names it; it is refused (409
 * `not-flagged`, no vendor write) for an inquiry no fraud check flagged, and adds the admin's tag to
 * one that was, each call with its audit row.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { ACTION_NAMES } from '@idv-lens/shared/api'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startRelay, startStack, type Stack } from '../harness/stack.ts'
import type { ToolResult } from '../harness/tool-result-scan.ts'

const ACTOR_AI = { name: 'fin-escalator', token: 'idvl_flagged_escalation_actor_ai_token_01' }
/** Checks that point at fraud or another person, named here rather than read from the tables under test. */
const SUSPICION = new Set([
  'selfie_suspicious_entity_detection',
  'selfie_public_figure_detection',
  'selfie_repeat_detection',
  'id_compromised_detection',
  'id_fabrication_detection',
  'id_tamper_detection',
  'id_repeat_detection',
])
const ORACLE = { authorization: 'Bearer persona_demo_flagged_escalation_relay' }
const VARS = { ACTIONS: ACTION_NAMES.join(','), FLAGGED_ESCALATION: 'tag:fraud-review' }

type Inquiry = {
  data: { attributes: { tags: string[] } }
  included?: { type: string; attributes: { checks?: { name: string; status: string }[] } }[]
}

let stack: Stack

beforeAll(async () => {
  stack = await startStack({
    agentTokens: `${ACTOR_AI.name}:${ACTOR_AI.token}:ai:actor`,
    vars: { ...VARS, MCP_ACTIONS: 'flagged-escalation' },
  })
})

afterAll(async () => {
  await stack?.stop()
})

const inquiryOf = async (id: string) =>
  (await (await fetch(`${stack.upstream.personaBase}/inquiries/${id}?include=verifications`, { headers: ORACLE })).json()) as Inquiry

/** The demo's failed inquiries, with or without a suspicion among their failed checks. */
async function failedInquiries(): Promise<{ flagged: string; plain: string }> {
  const list = (await (
    await fetch(`${stack.upstream.personaBase}/inquiries?filter%5Bstatus%5D=failed&page%5Bsize%5D=100`, { headers: ORACLE })
  ).json()) as { data: { id: string }[] }
  const found: { flagged?: string; plain?: string } = {}
  for (const { id } of list.data) {
    const body = await inquiryOf(id)
    const failed = (body.included ?? [])
      .filter((i) => i.type.startsWith('verification/'))
      .flatMap((v) => v.attributes.checks ?? [])
      .filter((c) => c.status === 'failed')
    if (failed.some((c) => SUSPICION.has(c.name))) found.flagged ??= id
    else if (failed.length > 0) found.plain ??= id
    if (found.flagged && found.plain) return { flagged: found.flagged, plain: found.plain }
  }
  throw new Error('the demo data lacks a flagged and an unflagged failed inquiry')
}

async function withClient<T>(use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ name: 'flagged-escalation-e2e', version: '1.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', stack.relay.url), {
      requestInit: { headers: { authorization: `Bearer ${ACTOR_AI.token}` } },
    }),
  )
  try {
    return await use(client)
  } finally {
    await client.close()
  }
}

const auditOf = (id: string) =>
  vi.waitFor(
    async () => {
      const rows = await stack.relay.queryAudit<Record<string, unknown>>(
        `SELECT * FROM audit WHERE route = 'mcp/escalate_flagged' AND ids = '${JSON.stringify([id])}' ORDER BY seq`,
      )
      expect(rows.length).toBeGreaterThan(0)
      return rows
    },
    { timeout: 30_000, interval: 100 },
  )

describe('escalate_flagged over MCP', () => {
  it('is refused for an inquiry no fraud check flagged, and adds the tag to one that was, each audited', async () => {
    const { flagged, plain } = await failedInquiries()
    await withClient(async (client) => {
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('escalate_flagged')
      const before = await stack.upstream.personaCalls()
      const refused = (await client.callTool({ name: 'escalate_flagged', arguments: { inquiry_id: plain } })) as ToolResult
      expect(refused.isError).toBe(true)
      expect(refused.content.map((c) => c.text ?? '').join('\n')).toContain('not-flagged')
      // One read of its checks, no write.
      expect((await stack.upstream.personaCalls()) - before).toBe(1)
      const done = (await client.callTool({ name: 'escalate_flagged', arguments: { inquiry_id: flagged } })) as ToolResult
      expect(done.isError).toBeFalsy()
      expect(done.structuredContent).toMatchObject({ inquiry_id: flagged, tags: expect.arrayContaining(['fraud-review']) })
    })
    expect((await inquiryOf(plain)).data.attributes.tags).not.toContain('fraud-review')
    expect((await inquiryOf(flagged)).data.attributes.tags).toContain('fraud-review')
    expect((await auditOf(plain)).map((r) => [r['agent'], r['status']])).toEqual([[ACTOR_AI.name, 409]])
    expect((await auditOf(flagged)).map((r) => [r['agent'], r['status']])).toEqual([[ACTOR_AI.name, 200]])
  })

  it('is no tool where MCP_ACTIONS does not name it, though ACTIONS offers it', async () => {
    // A relay of other settings in front of this file's demo upstream: no second upstream to start.
    const other = await startRelay({
      personaBase: stack.upstream.personaBase,
      agentTokens: `${ACTOR_AI.name}:${ACTOR_AI.token}:ai:actor`,
      vars: { ...VARS, MCP_ACTIONS: 'tags' },
    })
    try {
      const client = new Client({ name: 'flagged-escalation-e2e', version: '1.0.0' })
      await client.connect(
        new StreamableHTTPClientTransport(new URL('/mcp', other.url), {
          requestInit: { headers: { authorization: `Bearer ${ACTOR_AI.token}` } },
        }),
      )
      const names = (await client.listTools()).tools.map((t) => t.name)
      await client.close()
      expect(names).toContain('add_tag')
      expect(names).not.toContain('escalate_flagged')
    } finally {
      await other.stop()
    }
  })
})
