/**
 * A requester check is no birthdate oracle under `wrangler dev`: guessing one record's birthdate, on
 * /v1 as a human agent and through MCP as an AI client (official SDK client), stops after the record's
 * few no-matches (REQUESTER_NO_MATCHES_PER_RECORD, default 3) with a typed refusal that costs no vendor
 * call, and the refusals show on the admin's usage page as possible probes.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { describe, expect, it } from 'vitest'
import { relaySharedStack } from '../harness/relay-shared-stack.ts'
import { DEMO } from '../harness/stack.ts'

const LOCKOUT_AFTER = 3
const DAY_MS = 86_400_000

// The run's shared stack: a human admin and an AI client of this file's own. Other files share the
// relay's Persona key, so the vendor calls counted are those for this file's inquiries only.
const HUMAN = 'requester-probe'
const AI = 'requester-probe-ai'
const { stack, agentToken: humanToken } = relaySharedStack(HUMAN)
const { agentToken: aiToken } = relaySharedStack(AI)

/** The Persona calls the relay has made for inquiry `id`, from the demo upstream's log of its key. */
async function personaCallsFor(id: string): Promise<number> {
  const res = await fetch(`${stack.upstream.url}/__demo/stats?scope=${encodeURIComponent(DEMO.keys.persona)}`)
  const { requests } = (await res.json()) as { requests: { provider: string; path: string }[] }
  return requests.filter((r) => r.provider === 'persona' && r.path.includes(id)).length
}

/**
 * Two inquiries of the demo data with a birthdate, and each one's, read from the demo upstream directly (the relay's
 * counts untouched). Of two accounts: an account's inquiries share one lockout.
 */
async function withBirthdates(): Promise<{ id: string; birthdate: string }[]> {
  const headers = { authorization: 'Bearer persona_demo_e2e_requester_probe' }
  const list = (await (await fetch(`${stack.upstream.personaBase}/inquiries?page%5Bsize%5D=50`, { headers })).json()) as {
    data: { id: string; relationships: { account: { data: { id: string } | null } } }[]
  }
  const found: { id: string; birthdate: string; account?: string }[] = []
  for (const { id, relationships } of list.data) {
    const inquiry = (await (await fetch(`${stack.upstream.personaBase}/inquiries/${id}`, { headers })).json()) as {
      data: { attributes: { fields: Record<string, { value: unknown }> } }
    }
    const birthdate = inquiry.data.attributes.fields.birthdate?.value
    const account = relationships.account.data?.id
    if (typeof birthdate === 'string' && (!account || found[0]?.account !== account))
      found.push({ id, birthdate: birthdate.slice(0, 10), account })
    if (found.length === 2) return found
  }
  throw new Error('the demo data has no two inquiries with a birthdate')
}

/** Wrong birthdates, one a day apart from 1950: what a guesser tries, never `own`. */
const guesses = (own: string, n: number) =>
  Array.from({ length: n + 1 }, (_, i) => new Date(Date.UTC(1950, 0, 1) + i * DAY_MS).toISOString().slice(0, 10))
    .filter((d) => d !== own)
    .slice(0, n)

const check = (id: string, value: string) =>
  fetch(`${stack.relay.url}/v1/requester-check`, {
    method: 'POST',
    headers: { authorization: `Bearer ${humanToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, field: 'birthdate', value }),
  })

type ToolResult = {
  isError?: boolean
  content: { type: string; text?: string }[]
  structuredContent?: { data?: { result?: string }; code?: string }
}

describe('guessing a birthdate under wrangler dev', () => {
  it('stops at the lockout on /v1 and through MCP, at no vendor call, and shows on the usage page', async () => {
    const [human, ai] = await withBirthdates()
    const tries = guesses(human!.birthdate, LOCKOUT_AFTER + 2)
    const answers: (string | number)[] = []
    for (const value of tries) {
      const before = await personaCallsFor(human!.id)
      const res = await check(human!.id, value)
      const body = (await res.json()) as { data?: { result: string }; code?: string; detail?: string }
      answers.push(res.ok ? body.data!.result : `${res.status} ${body.code}`)
      if (!res.ok) {
        expect(body.detail).toMatch(/locked after too many no-matches; it resets at \d{4}-\d\d-\d\d \d\d:\d\d UTC/)
        expect(await personaCallsFor(human!.id)).toBe(before)
      }
    }
    expect(answers).toEqual([...Array(LOCKOUT_AFTER).fill('no-match'), '403 requester-check-locked', '403 requester-check-locked'])
    // The count sees this inquiry's calls: the checks before the lockout asked the vendor.
    expect(await personaCallsFor(human!.id)).toBeGreaterThan(0)

    const client = new Client({ name: 'requester-probe-e2e', version: '1.0.0' })
    await client.connect(
      new StreamableHTTPClientTransport(new URL('/mcp', stack.relay.url), {
        requestInit: { headers: { authorization: `Bearer ${aiToken}` } },
      }),
    )
    try {
      const said: string[] = []
      for (const value of guesses(ai!.birthdate, LOCKOUT_AFTER + 1)) {
        const result = (await client.callTool({
          name: 'requester_check',
          arguments: { id: ai!.id, field: 'birthdate', value },
        })) as ToolResult
        said.push(
          result.isError ? `refused: ${result.content.map((c) => c.text ?? '').join(' ')}` : (result.structuredContent?.data?.result ?? ''),
        )
      }
      expect(said.slice(0, LOCKOUT_AFTER)).toEqual(Array(LOCKOUT_AFTER).fill('no-match'))
      expect(said[LOCKOUT_AFTER]).toMatch(/^refused: .*locked after too many no-matches/)
    } finally {
      await client.close()
    }

    // The audit is written in batches after the answers: the page shows them once they are.
    const probes = async () => {
      const res = await fetch(`${stack.relay.url}/v1/admin/usage?days=1`, { headers: { authorization: `Bearer ${humanToken}` } })
      return ((await res.json()) as { probes: { agent: string | null; id: string; why: string; refusals: number }[] }).probes
    }
    await expect
      .poll(probes, { timeout: 15_000 })
      .toEqual(
        expect.arrayContaining([
          expect.objectContaining({ agent: HUMAN, id: human!.id, why: 'lockout', refusals: 2 }),
          expect.objectContaining({ agent: AI, id: ai!.id, why: 'lockout', refusals: 1 }),
        ]),
      )
  })
})
