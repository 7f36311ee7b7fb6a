/**
 * `npm run bench:mcp`: the `lookup` tool over MCP beside the same cached `/v1/lookup`, 50 concurrent
 * clients, under `wrangler dev`. Each round: workerd CPU per call over 20 alternating blocks (goal MCP
 * <= 1.1x /v1), then latency with each client alternating the two calls (goal p50, p99 <= 1.2x), judged
 * with plain JSON-RPC clients: one POST per `tools/call`, as the SDK sends it. Each round prints the
 * load average; the verdict is the rounds' medians. BENCH_SDK=1 adds SDK-client rounds as context.
 * Asserts nothing about time.
 */
import { loadavg } from 'node:os'
import { groupCpuSeconds } from './process-cpu.ts'
import { percentile } from './load.ts'
import { rawCall, restCall, sdkCall, sdkClient, type Call, type ToolCallRequest } from './mcp-bench-calls.ts'
import { startStack, DEMO } from '../harness/stack.ts'
import type { Client } from '@modelcontextprotocol/client'

const CLIENTS = 50
const CALLS_PER_CLIENT = Number(process.env.BENCH_CALLS ?? 20)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)

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

const medianOf = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const CPU_BLOCKS = 20
const CPU_CALLS_PER_BLOCK_CLIENT = 4

/** Workerd CPU ms per call of one block: CLIENTS at once, each making CPU_CALLS_PER_BLOCK_CLIENT calls. */
async function cpuBlock(relayPgid: number, call: Call): Promise<number> {
  const before = groupCpuSeconds(relayPgid, 'workerd')
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let n = 0; n < CPU_CALLS_PER_BLOCK_CLIENT; n++) await call()
    }),
  )
  return ((groupCpuSeconds(relayPgid, 'workerd') - before) * 1000) / (CLIENTS * CPU_CALLS_PER_BLOCK_CLIENT)
}

/**
 * Server CPU per call, MCP beside /v1: CPU_BLOCKS blocks, the two kinds alternating (which goes first
 * alternates by round), so drift in the machine's load meets both. Each kind's median block.
 */
async function cpuRound(relayPgid: number, round: number, rest: Call, tool: Call): Promise<{ rest: number; tool: number }> {
  const blocks: { rest: number[]; tool: number[] } = { rest: [], tool: [] }
  for (let b = 0; b < CPU_BLOCKS; b++) {
    if ((b + round) % 2 === 0) blocks.rest.push(await cpuBlock(relayPgid, rest))
    else blocks.tool.push(await cpuBlock(relayPgid, tool))
  }
  return { rest: medianOf(blocks.rest), tool: medianOf(blocks.tool) }
}

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

  const sdk = process.env.BENCH_SDK === '1'
  while (sdk && clients.length < CLIENTS) clients.push(await sdkClient(relayUrl))
  const sdkCalls = clients.map(sdkCall)
  const pgid = stack.relay.process.child.pid!

  const cpuRounds: { rest: number; tool: number }[] = []
  const rawRounds: Latencies[] = []
  const sdkRounds: Latencies[] = []
  console.log(
    `bench:mcp  ${CLIENTS} concurrent clients, the lookup tool (JSON-RPC, one POST per tools/call) beside /v1/lookup, ${ROUNDS} rounds`,
  )
  for (let r = 0; r < ROUNDS; r++) {
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')
    const cpu = await cpuRound(pgid, r, rest, raw)
    cpuRounds.push(cpu)
    const rawRound = async () => rawRounds.push(await mixedRound(rest, () => raw))
    const sdkRound = async () => sdkRounds.push(await mixedRound(rest, (i) => sdkCalls[i]!))
    for (const round of !sdk ? [rawRound] : r % 2 === 0 ? [rawRound, sdkRound] : [sdkRound, rawRound]) await round()
    const lat = summarise(rawRounds.slice(-1))
    console.log(
      `  round ${r + 1}: load ${load} | CPU per call /v1 ${cpu.rest.toFixed(2)} ms, MCP ${cpu.tool.toFixed(2)} ms, ratio ${(cpu.tool / cpu.rest).toFixed(2)}x | p50 ${lat.ratio.p50.toFixed(2)}x p99 ${lat.ratio.p99.toFixed(2)}x`,
    )
  }
  const json = summarise(rawRounds)
  const cpuRatio = medianOf(cpuRounds.map((c) => c.tool / c.rest))
  console.log(
    `medians of ${ROUNDS} rounds (load now ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}):`,
  )
  console.log(
    `  server CPU per call (${CPU_BLOCKS} alternating blocks a round): /v1 ${medianOf(cpuRounds.map((c) => c.rest)).toFixed(2)} ms, MCP ${medianOf(cpuRounds.map((c) => c.tool)).toFixed(2)} ms, ratio ${cpuRatio.toFixed(2)}x (goal <= 1.1x)`,
  )
  console.log(line('JSON-RPC clients', json))
  if (sdk) console.log(line('SDK clients (context)', summarise(sdkRounds)))
  console.log(
    `  goal: CPU ratio ${cpuRatio.toFixed(2)}x <= 1.1x; latency ratio p50 ${json.ratio.p50.toFixed(2)}x, p99 ${json.ratio.p99.toFixed(2)}x, each <= 1.2x`,
  )
} finally {
  await Promise.all(clients.map((client) => client.close().catch(() => {})))
  await stack.stop()
}
