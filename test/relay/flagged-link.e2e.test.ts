/**
 * Flagged means flagged, under `wrangler dev`: an inquiry a fraud check flagged (a failed check whose reply
 * is the neutral "not verified") gets no new link, through /v1 and through MCP (official SDK client) alike,
 * even after the requester matched: a typed 409 `flagged-record` naming the check, one audit row each, and
 * no vendor write (the one Persona call is the read of its checks).
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { ACTION_NAMES } from '@idv-lens/shared/api'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO, startStack, type Stack } from '../harness/stack.ts'
import type { ToolResult } from '../harness/tool-result-scan.ts'

const ALL = ACTION_NAMES.join(',')
const ACTOR_AI = { name: 'fin-actor', token: 'idvl_flagged_link_actor_ai_token_local_0001' }
const TOKENS = `${DEMO.agentName}:${DEMO.agentToken}:admin:actor,${ACTOR_AI.name}:${ACTOR_AI.token}:ai:actor`
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
const ORACLE = { authorization: 'Bearer persona_demo_flagged_link_e2e' }

let stack: Stack

beforeAll(async () => {
  stack = await startStack({ agentTokens: TOKENS, vars: { ACTIONS: ALL, MCP_ACTIONS: ALL } })
})

afterAll(async () => {
  await stack?.stop()
})

type Inquiry = {
  data: { attributes: { fields: Record<string, { value: string | null }> } }
  included?: { type: string; attributes: { checks?: { name: string; status: string }[] } }[]
}

/** The demo's failed inquiries with a suspicion among their failed checks, and the customer's email, read from the demo upstream itself. */
async function flaggedInquiries(): Promise<{ id: string; email: string; suspicion: string }[]> {
  const list = (await (
    await fetch(`${stack.upstream.personaBase}/inquiries?filter%5Bstatus%5D=failed&page%5Bsize%5D=100`, { headers: ORACLE })
  ).json()) as { data: { id: string }[] }
  const found = []
  for (const { id } of list.data) {
    const body = (await (
      await fetch(`${stack.upstream.personaBase}/inquiries/${id}?include=verifications`, { headers: ORACLE })
    ).json()) as Inquiry
    const failed = (body.included ?? [])
      .filter((i) => i.type.startsWith('verification/'))
      .flatMap((v) => (v.attributes.checks ?? []).filter((c) => c.status === 'failed'))
    const suspicion = failed.find((c) => SUSPICION.has(c.name))
    if (suspicion) found.push({ id, email: body.data.attributes.fields['email-address']!.value!, suspicion: suspicion.name })
  }
  return found
}

const auditOf = (route: string, id: string) =>
  vi.waitFor(
    async () => {
      const rows = await stack.relay.queryAudit<Record<string, unknown>>(
        `SELECT * FROM audit WHERE route = '${route}' AND ids = '${JSON.stringify([id])}' ORDER BY seq`,
      )
      expect(rows.length).toBeGreaterThan(0)
      return rows
    },
    { timeout: 30_000, interval: 100 },
  )

describe('a new link for a flagged inquiry', () => {
  it('is refused through /v1 after the requester matched, as 409 flagged-record naming the check, with no vendor write', async () => {
    const [flagged] = await flaggedInquiries()
    expect(flagged, 'the demo data has a failed inquiry a fraud check flagged').toBeTruthy()
    const v1 = (path: string, body: unknown) =>
      fetch(`${stack.relay.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${DEMO.agentToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await v1('/v1/requester-check', { id: flagged!.id, field: 'email', value: flagged!.email })).status).toBe(200)
    const before = await stack.upstream.personaCalls()
    const res = await v1(`/v1/persona/inquiries/${flagged!.id}/generate-one-time-link`, {})
    const problem = (await res.json()) as { code: string; detail: string; status: number }
    expect(res.status).toBe(409)
    expect(problem).toMatchObject({ code: 'flagged-record', status: 409 })
    expect(problem.detail).toContain('fraud check flagged')
    expect(problem.detail).toMatch(/id_|selfie_|database_|document_/)
    expect(JSON.stringify(problem)).not.toContain('one-time-link":')
    // One read of its checks, no write.
    expect((await stack.upstream.personaCalls()) - before).toBe(1)
    const rows = await auditOf('/v1/persona/inquiries/:id/generate-one-time-link', flagged!.id)
    expect(rows.map((r) => [r['agent'], r['status'], r['outcome']])).toEqual([[DEMO.agentName, 409, 'refused']])
  })

  it('is refused to an AI client through the MCP action tool alike, with the reason', async () => {
    const all = await flaggedInquiries()
    const flagged = all[1] ?? all[0]!
    const client = new Client({ name: 'flagged-link-e2e', version: '1.0.0' })
    await client.connect(
      new StreamableHTTPClientTransport(new URL('/mcp', stack.relay.url), {
        requestInit: { headers: { authorization: `Bearer ${ACTOR_AI.token}` } },
      }),
    )
    try {
      const match = (await client.callTool({
        name: 'requester_check',
        arguments: { id: flagged.id, field: 'email', value: flagged.email },
      })) as ToolResult
      expect(match.structuredContent).toMatchObject({ data: { result: 'match' } })
      const before = await stack.upstream.personaCalls()
      const refused = (await client.callTool({
        name: 'send_new_link',
        arguments: { inquiry_id: flagged.id, ticket: 'ZD-75' },
      })) as ToolResult
      const text = refused.content.map((c) => c.text ?? '').join('\n')
      expect(refused.isError).toBe(true)
      expect(text).toContain('flagged-record')
      expect(text).toContain('fraud check flagged')
      expect(text).not.toMatch(/https?:\/\/\S+code=/)
      expect((await stack.upstream.personaCalls()) - before).toBe(1)
    } finally {
      await client.close()
    }
    const rows = await auditOf('mcp/send_new_link', flagged.id)
    expect(rows.map((r) => [r['agent'], r['status'], r['ticket']])).toEqual([[ACTOR_AI.name, 409, 'ZD-75']])
  })
})
