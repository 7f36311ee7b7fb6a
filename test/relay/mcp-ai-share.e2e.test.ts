/**
 * An AI loop cannot starve people: under `wrangler dev`, an AI client (role ai) loops 100 lookups of
 * distinct inquiries over MCP (ten times its share of a window; the checks hold at any count past it),
 * four in flight at a time, while a human agent reads through /v1. All AI clients together stay within
 * AI_SHARE of Persona's window (the demo upstream's own count of calls), every refusal is a tool
 * result that says "budget" and the seconds to wait, the human's reads all succeed, and the audit
 * holds one row per tools/call.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import type { LookupResponse } from '@idv-lens/shared/api'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO, startStack, type Stack } from '../harness/stack.ts'

type LookupResult = { isError?: boolean; content: { text: string }[]; structuredContent?: LookupResponse }

const PER_MINUTE = 40
const AI_SHARE = 0.25
const AI_CALLS = 100
/** Calls the AI client keeps in flight at once, as a model's parallel tool calls do: the loop's pace is the relay's, not one round trip's. */
const AI_LANES = 4
const HUMAN_READS = 5

let stack: Stack

beforeAll(async () => {
  stack = await startStack({
    agentTokens: `${DEMO.agentName}:${DEMO.agentToken},${DEMO.aiName}:${DEMO.aiToken}:ai`,
    vars: { PERSONA_BUDGET_PER_MINUTE: String(PER_MINUTE), AI_SHARE: String(AI_SHARE), AGENT_SHARE: '1' },
  })
})

afterAll(async () => {
  await stack?.stop()
})

/** Inquiry IDs read from the demo upstream directly, under a key of their own (the relay's count is untouched). */
async function inquiryIds(n: number): Promise<string[]> {
  const ids: string[] = []
  let after: string | undefined
  while (ids.length < n) {
    const url = new URL(`${stack.upstream.personaBase}/inquiries`)
    url.searchParams.set('page[size]', '100')
    if (after) url.searchParams.set('page[after]', after)
    const page = (await (await fetch(url, { headers: { authorization: 'Bearer persona_demo_e2e_ai_share' } })).json()) as {
      data: { id: string }[]
    }
    if (page.data.length === 0) break
    ids.push(...page.data.map((inquiry) => inquiry.id))
    after = page.data.at(-1)!.id
  }
  return ids.slice(0, n)
}

/**
 * Persona's rolling window as the relay's gate counts it (a little over the vendor's minute), read from
 * the relay: a loop that outlasts it may be granted the share again, as the window moves on.
 */
async function personaWindowMs(): Promise<number> {
  const res = await fetch(`${stack.relay.url}/v1/status`, { headers: { authorization: `Bearer ${DEMO.agentToken}` } })
  const status = (await res.json()) as { vendors: { persona: { budget: { windowSeconds: number } } } }
  return status.vendors.persona.budget.windowSeconds * 1000
}

describe('the AI share under wrangler dev', () => {
  it(`holds while an AI client loops ${AI_CALLS} calls, and a human agent's reads all succeed`, async () => {
    const ids = await inquiryIds(AI_CALLS + HUMAN_READS)
    expect(ids).toHaveLength(AI_CALLS + HUMAN_READS)
    const human = ids.slice(AI_CALLS)
    const client = new Client({ name: 'ai-loop', version: '1.0.0' })
    await client.connect(
      new StreamableHTTPClientTransport(new URL('/mcp', stack.relay.url), {
        requestInit: { headers: { authorization: `Bearer ${DEMO.aiToken}` } },
      }),
    )
    const windowMs = await personaWindowMs()
    const before = await stack.upstream.personaCalls()
    const started = Date.now()
    let answered = 0
    const refusals: string[] = []
    /** Results that neither answered nor refused: none may be, so each is named if one is. */
    const unanswered: string[] = []
    let released!: () => void
    const aiUnderWay = new Promise<void>((resolve) => (released = resolve))
    const queue = ids.slice(0, AI_CALLS)
    /** One of the client's lanes: the next ID off the queue as soon as its previous call is answered. */
    const lane = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const result = (await client.callTool({ name: 'lookup', arguments: { ids: [id] } })) as LookupResult
        if (result.isError) refusals.push(result.content[0]!.text)
        else if (result.structuredContent?.data.every((entry) => entry.found)) answered++
        else unanswered.push(result.content[0]!.text)
        if (answered + refusals.length === 50) released()
      }
    }
    const aiLoop = (async () => {
      try {
        await Promise.all(Array.from({ length: AI_LANES }, lane))
      } finally {
        released()
        await client.close()
      }
    })()
    // The human reads while the loop is under way (after its 50th call), each a vendor miss.
    const humanReads = aiUnderWay.then(() =>
      Promise.all(
        human.map(async (id) => {
          const res = await fetch(`${stack.relay.url}/v1/lookup?ids=${id}`, { headers: { authorization: `Bearer ${DEMO.agentToken}` } })
          return { status: res.status, entry: ((await res.json()) as LookupResponse).data[0]! }
        }),
      ),
    )
    const [, reads] = await Promise.all([aiLoop, humanReads])
    const elapsed = Date.now() - started
    const refusedBy = new Map<string, number>()
    for (const text of refusals) {
      const code = /^Refused[^(]*\(([\w-]+)/.exec(text)?.[1] ?? text
      refusedBy.set(code, (refusedBy.get(code) ?? 0) + 1)
    }
    const tally = [...refusedBy].map(([code, n]) => `${n} ${code}`).join(', ')
    console.log(
      `AI loop: ${AI_CALLS} calls in ${elapsed} ms, ${answered} answered, refused: ${tally || 'none'}, neither: ${unanswered.length}`,
    )

    expect(reads.map((r) => [r.status, r.entry.found])).toEqual(human.map(() => [200, true]))
    expect(unanswered).toEqual([])
    // Each AI lookup here spends one or more Persona calls; all AI clients together get 10 a window.
    const windows = Math.ceil(elapsed / windowMs)
    expect(answered).toBeGreaterThan(0)
    expect(answered).toBeLessThanOrEqual(Math.floor(PER_MINUTE * AI_SHARE) * windows)
    expect(refusals.length).toBe(AI_CALLS - answered)
    expect(refusals.filter((text) => !/budget.*retry in \d+ seconds/.test(text))).toEqual([])
    // Persona calls in all, AI and human: the AI's share plus what the human's reads took, never the window.
    const spent = (await stack.upstream.personaCalls()) - before
    expect(spent).toBeLessThanOrEqual(PER_MINUTE * windows)

    const rows = await vi.waitFor(
      async () => {
        const found = await stack.relay.queryAudit<{ n: number }>(
          `SELECT COUNT(*) AS n FROM audit WHERE agent = '${DEMO.aiName}' AND route = 'mcp/lookup'`,
        )
        expect(found[0]!.n).toBe(AI_CALLS)
        return found[0]!.n
      },
      { timeout: 60_000, interval: 500 },
    )
    expect(rows).toBe(AI_CALLS)
  }, 300_000)
})
