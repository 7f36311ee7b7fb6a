/**
 * `npm run bench:mcp`: a `lookup` tool call over MCP beside the same `/v1/lookup` call, at 50 concurrent
 * clients, under `wrangler dev` in front of the demo upstream. Both answer the demo story's inquiry
 * from the cache (warmed first). Each MCP client is the official SDK's, one per simulated AI agent.
 * Prints p50 and p99 and their ratios; asserts nothing about time (the goal is a ratio of at most 1.2).
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { DEMO, startStack } from '../harness/stack.ts'
import { percentile } from './load.ts'

const CLIENTS = 50
const CALLS_PER_CLIENT = Number(process.env.BENCH_CALLS ?? 20)
const ROUNDS = 3
const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'

const stack = await startStack({ agentTokens: `${DEMO.agentName}:${DEMO.agentToken},${DEMO.aiName}:${DEMO.aiToken}:ai` })
const clients: Client[] = []
try {
  const mcpUrl = new URL('/mcp', stack.relay.url)
  const v1 = `${stack.relay.url}/v1/lookup?ids=${STORY_INQUIRY}`
  for (let i = 0; i < CLIENTS; i++) {
    const client = new Client({ name: `bench-${i}`, version: '1.0.0' })
    await client.connect(new StreamableHTTPClientTransport(mcpUrl, { requestInit: { headers: { authorization: `Bearer ${DEMO.aiToken}` } } }))
    clients.push(client)
  }
  const rest = async () => {
    const res = await fetch(v1, { headers: { authorization: `Bearer ${DEMO.agentToken}` } })
    await res.arrayBuffer()
    if (!res.ok) throw new Error(`/v1/lookup answered ${res.status}`)
  }
  const tool = async (i: number) => {
    const result = (await clients[i]!.callTool({ name: 'lookup', arguments: { ids: [STORY_INQUIRY] } })) as { isError?: boolean }
    if (result.isError) throw new Error('the tool call failed')
  }
  // Warm both paths (isolate, cache) before measuring.
  await tool(0)
  await rest()

  /** Latencies of CLIENTS callers making CALLS_PER_CLIENT calls each, all at once. */
  const round = async (call: (i: number) => Promise<void>): Promise<number[]> => {
    const latencies: number[] = []
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        for (let n = 0; n < CALLS_PER_CLIENT; n++) {
          const started = performance.now()
          await call(i)
          latencies.push(performance.now() - started)
        }
      }),
    )
    return latencies
  }
  const mcp: number[][] = []
  const direct: number[][] = []
  for (let r = 0; r < ROUNDS; r++) {
    direct.push(await round(() => rest()))
    mcp.push(await round(tool))
  }
  // The median round of each, by p50: a noisy neighbour hurts both alike.
  const pick = (rounds: number[][]) => {
    const stats = rounds.map((l) => ({ p50: percentile(l, 50), p99: percentile(l, 99) })).sort((a, b) => a.p50 - b.p50)
    return stats[Math.floor(stats.length / 2)]!
  }
  const m = pick(mcp)
  const d = pick(direct)
  console.log(`bench:mcp  ${CLIENTS} concurrent clients x ${CALLS_PER_CLIENT} calls, median of ${ROUNDS} rounds`)
  console.log(`  /v1/lookup       p50 ${d.p50.toFixed(1)} ms  p99 ${d.p99.toFixed(1)} ms`)
  console.log(`  MCP lookup tool  p50 ${m.p50.toFixed(1)} ms  p99 ${m.p99.toFixed(1)} ms`)
  console.log(`  ratio            p50 ${(m.p50 / d.p50).toFixed(2)}x  p99 ${(m.p99 / d.p99).toFixed(2)}x  (goal <= 1.2x)`)
} finally {
  await Promise.all(clients.map((client) => client.close().catch(() => {})))
  await stack.stop()
}
