/**
 * MCP `lookup` and `why_failed` for Sumsub applicants under `wrangler dev`, with the official SDK
 * client: the registry makes both tools read a bare 24-hex ID as Sumsub's. Mara's RETRY may try again
 * and is told what to fix; Erik's FINAL may not, and is told only "not verified". No result holds a
 * sentinel of the demo's personal fields (worker/demo-upstream/sumsub/sumsub-seed.ts) or `clientComment`.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { relaySharedStack } from '../harness/relay-shared-stack.ts'

const MARA = '65a1f0c2e4b0a1b2c3d4e504'
const ERIK = '65a1f0c2e4b0a1b2c3d4e505'

// The run's shared stack, as an AI client of this file's own.
const { stack, agentToken } = relaySharedStack('mcp-sumsub')
let client: Client
const seen: string[] = []

beforeAll(async () => {
  client = new Client({ name: 'sumsub-e2e', version: '1.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', stack.relay.url), {
      requestInit: { headers: { authorization: `Bearer ${agentToken}` } },
    }),
  )
})

afterAll(async () => {
  await client?.close()
})

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content?: unknown }
async function call(name: string, args: Record<string, unknown>): Promise<Result> {
  const result = (await client.callTool({ name, arguments: args })) as Result
  seen.push(JSON.stringify(result))
  expect(result.isError, JSON.stringify(result)).toBeFalsy()
  return result
}

describe('MCP tools for Sumsub applicants', () => {
  it('looks up both applicants as Sumsub’s, with the review’s answer and reject type', async () => {
    const { structuredContent } = await call('lookup', { ids: [MARA, ERIK.toUpperCase()] })
    const data = (structuredContent as { data: { id: string; kind: string; status: string; details: { rejectType: string } }[] }).data
    expect(data.map((d) => [d.id, d.kind, d.status, d.details.rejectType])).toEqual([
      [MARA, 'sumsub-applicant', 'RED', 'RETRY'],
      [ERIK, 'sumsub-applicant', 'RED', 'FINAL'],
    ])
  })

  it.each(['en', 'de'] as const)(
    'explains a RETRY (may try again, what to fix) and a FINAL (not verified only) in %s',
    async (language) => {
      const retry = (await call('why_failed', { id: MARA, language, ticket: 'ZD-5' })).structuredContent as {
        customer_may_retry: boolean
        customer_reply: string
        failed_checks: { words: string }[]
      }
      const final = (await call('why_failed', { id: ERIK, language, ticket: 'ZD-5' })).structuredContent as typeof retry
      expect([retry.customer_may_retry, final.customer_may_retry]).toEqual([true, false])
      expect(retry.customer_reply).toMatch(language === 'en' ? /photo of your ID/ : /Foto Ihres Ausweises/)
      expect(final.customer_reply).toMatch(language === 'en' ? /could not verify your identity/ : /nicht bestätigen/)
      expect(final.customer_reply).not.toMatch(/photo|Foto/)
      expect(retry.failed_checks.every((f) => f.words.length > 0)).toBe(true)
    },
  )

  it('never hands out a personal value or clientComment', () => {
    expect(seen.length).toBeGreaterThan(4)
    expect(seen.join('\n')).not.toMatch(/sentinel7q|1901-02-03|clientComment|second document on file/)
  })
})
