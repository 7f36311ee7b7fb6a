/**
 * `npm run bench:mcp`: the `lookup` tool over MCP beside the same cached `/v1/lookup`, 50 concurrent
 * clients, under `wrangler dev`. Each client alternates the two calls, so both meet the same load.
 * The clients share the relay's cores, so the goal (p50 and p99 ratios <= 1.2, median of the rounds) is
 * judged with plain JSON-RPC clients: one POST per `tools/call`, as the SDK sends it. SDK-client rounds
 * and CPU per call (relay, clients) are printed beside it as context. Asserts nothing about time.
 */
import { groupCpuSeconds } from './process-cpu.ts'
import { percentile } from './load.ts'
import { rawCall, restCall, sdkCall, sdkClient, type Call, type ToolCallRequest } from './mcp-bench-calls.ts'
import { startStack, DEMO } from '../harness/stack.ts'
import type { Client } from '@modelcontextprotocol/client'

const CLIENTS = 50
const CALLS_PER_CLIENT = Number(process.env.BENCH_CALLS ?? 20)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const CPU_CALLS_PER_CLIENT = 20

type Latencies = { rest: number[]; tool: number[] }
type Figures = { p50: number; p99: number }

/** One round: CLIENTS callers, each making CALLS_PER_CLIENT pairs, the pair's order alternating. */
async function mixedRound(rest: Call, tool: (client: number) => Call): Promise<Latencies> {
  const latencies: Latencies = { rest: [], tool: [] }
  const timed = async (call: Call, into: number[]) => {
    const started = performance.now()
    await call()
    into.push(performance.now() - started)
  }
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const pair: [Call, number[]][] = [
        [rest, latencies.rest],
        [tool(i), latencies.tool],
      ]
      for (let n = 0; n < CALLS_PER_CLIENT; n++) {
        for (const [call, into] of (i + n) % 2 === 0 ? pair : [...pair].reverse()) await timed(call, into)
      }
    }),
  )
  return latencies
}

type Cpu = { workerd: number; bench: number }

/**
 * CPU ms per call of one kind alone, CLIENTS at once (idle work is then spread thin): in the relay's
 * workerd processes, and in this process (the clients).
 */
async function cpuPerCall(relayPgid: number, call: (client: number) => Call): Promise<Cpu> {
  const workerdBefore = groupCpuSeconds(relayPgid, 'workerd')
  const benchBefore = process.cpuUsage()
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      for (let n = 0; n < CPU_CALLS_PER_CLIENT; n++) await call(i)()
    }),
  )
  const bench = process.cpuUsage(benchBefore)
  const calls = CLIENTS * CPU_CALLS_PER_CLIENT
  return { workerd: ((groupCpuSeconds(relayPgid, 'workerd') - workerdBefore) * 1000) / calls, bench: (bench.user + bench.system) / 1000 / calls }
}

const medianOf = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const figures = (latencies: number[]): Figures => ({ p50: percentile(latencies, 50), p99: percentile(latencies, 99) })

/** The rounds' medians: each call's p50 and p99, and the ratios (each round's own, then their median). */
function summarise(rounds: Latencies[]) {
  const each = rounds.map((r) => ({ rest: figures(r.rest), tool: figures(r.tool) }))
  const med = (pick: (round: (typeof each)[number]) => number) => medianOf(each.map(pick))
  return {
    rest: { p50: med((r) => r.rest.p50), p99: med((r) => r.rest.p99) },
    tool: { p50: med((r) => r.tool.p50), p99: med((r) => r.tool.p99) },
    ratio: { p50: med((r) => r.tool.p50 / r.rest.p50), p99: med((r) => r.tool.p99 / r.rest.p99) },
    perRound: each.map((r) => `${(r.tool.p50 / r.rest.p50).toFixed(2)}/${(r.tool.p99 / r.rest.p99).toFixed(2)}`).join(' '),
  }
}

const ms = (n: number) => `${n.toFixed(1).padStart(6)} ms`
const line = (label: string, s: ReturnType<typeof summarise>) =>
  `  ${label.padEnd(22)} /v1 p50 ${ms(s.rest.p50)} p99 ${ms(s.rest.p99)} | tool p50 ${ms(s.tool.p50)} p99 ${ms(s.tool.p99)} | ratio p50 ${s.ratio.p50.toFixed(2)}x p99 ${s.ratio.p99.toFixed(2)}x`

const stack = await startStack({ agentTokens: `${DEMO.agentName}:${DEMO.agentToken},${DEMO.aiName}:${DEMO.aiToken}:ai` })
const clients: Client[] = []
try {
  const relayUrl = stack.relay.url
  // One SDK round trip first: the relay answers the official client, and its request is the one replayed.
  let request: ToolCallRequest | undefined
  clients.push(await sdkClient(relayUrl, (seen) => (request = seen)))
  await sdkCall(clients[0]!)()
  if (!request) throw new Error('the SDK client sent no tools/call')
  const rest = restCall(relayUrl)
  const raw = rawCall(relayUrl, request)
  await rest()
  await raw()

  while (clients.length < CLIENTS) clients.push(await sdkClient(relayUrl))
  const sdkCalls = clients.map(sdkCall)
  const pgid = stack.relay.process.child.pid!
  const cpu = { rest: await cpuPerCall(pgid, () => rest), raw: await cpuPerCall(pgid, () => raw), sdk: await cpuPerCall(pgid, (i) => sdkCalls[i]!) }

  const rawRounds: Latencies[] = []
  const sdkRounds: Latencies[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const rawRound = async () => rawRounds.push(await mixedRound(rest, () => raw))
    const sdkRound = async () => sdkRounds.push(await mixedRound(rest, (i) => sdkCalls[i]!))
    for (const round of r % 2 === 0 ? [rawRound, sdkRound] : [sdkRound, rawRound]) await round()
  }
  const json = summarise(rawRounds)
  const sdk = summarise(sdkRounds)
  console.log(`bench:mcp  ${CLIENTS} concurrent clients, each alternating /v1/lookup and the lookup tool (${CALLS_PER_CLIENT} of each), median of ${ROUNDS} rounds`)
  console.log(line('JSON-RPC clients', json))
  console.log(line('SDK clients (context)', sdk))
  console.log(`  ratio p50/p99 per round: JSON-RPC ${json.perRound}; SDK ${sdk.perRound}`)
  const c = (f: Cpu) => `workerd ${f.workerd.toFixed(2)} ms, clients ${f.bench.toFixed(2)} ms`
  console.log(`  CPU per call: /v1 ${c(cpu.rest)}; JSON-RPC tool ${c(cpu.raw)}; SDK tool ${c(cpu.sdk)}`)
  console.log(`  goal: JSON-RPC ratio p50 ${json.ratio.p50.toFixed(2)}x, p99 ${json.ratio.p99.toFixed(2)}x, each <= 1.2x`)
} finally {
  await Promise.all(clients.map((client) => client.close().catch(() => {})))
  await stack.stop()
}
