/**
 * Relay benchmark: the real Worker under `wrangler dev` in front of the demo upstream, both as
 * processes on 127.0.0.1. Prints figures; asserts nothing about time (shared machines are noisy,
 * so compare the ratio against /healthz measured in the same run).
 */
import type { LookupResponse } from '@idv-lens/shared/api'
import { startRelay, startStack } from '../harness/stack.ts'
import { AGENT_AUTH as auth, CACHED_LIST_PATH as path, demoTargets } from './demo-targets.ts'
import { fmt, load, median, type LoadResult } from './load.ts'
import { groupCpuSeconds, watchRssMb } from './process-cpu.ts'

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000)
const ROUNDS = 5
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16)
const stack = await startStack()
// The same Worker with the audit off, on the same upstream: the baseline for the audit's cost.
const unaudited = await startRelay({
  personaBase: stack.upstream.personaBase,
  deepidvBase: stack.upstream.deepidvBase,
  vars: { AUDIT_LOG: 'off' },
})
try {
  const relay = stack.relay.url
  const list = `${relay}${path}`
  const listOff = `${unaudited.url}${path}`
  const ids = (await demoTargets(stack.upstream.url)).lookupIds
  const lookup = `${relay}/v1/lookup?ids=${ids.join(',')}`
  const relayMemory = watchRssMb(stack.relay.process.child.pid!, 'workerd')
  // Warm every path (isolate start, first cache fill) before measuring.
  await load(`${relay}/healthz`, { requests: 200, concurrency: CONCURRENCY })
  await load(list, { requests: 200, concurrency: CONCURRENCY, headers: auth })
  await load(listOff, { requests: 200, concurrency: CONCURRENCY, headers: auth })
  await load(lookup, { requests: 200, concurrency: CONCURRENCY, headers: auth })
  // A 200 may still hold per-ID errors: count what the cached batch really answers.
  const batch = (await (await fetch(lookup, { headers: auth })).json()) as LookupResponse
  const found = batch.data.filter((entry) => entry.found).length

  // Alternate the two in rounds and keep the median round of each, so a noisy neighbour hurts both alike.
  const healthRounds: LoadResult[] = []
  const hitRounds: LoadResult[] = []
  const offRounds: LoadResult[] = []
  const lookupRounds: LoadResult[] = []
  // CPU seconds of each relay's process group (wrangler + workerd, D1 included) over its rounds:
  // CPU per request moves less than req/s when a neighbour loads the machine.
  const cpu = { on: 0, off: 0 }
  const measured = async (which: 'on' | 'off', pgid: number, url: string) => {
    const before = groupCpuSeconds(pgid)
    const result = await load(url, { requests: REQUESTS, concurrency: CONCURRENCY, headers: auth })
    cpu[which] += groupCpuSeconds(pgid) - before
    return result
  }
  for (let round = 0; round < ROUNDS; round++) {
    healthRounds.push(await load(`${relay}/healthz`, { requests: REQUESTS, concurrency: CONCURRENCY }))
    lookupRounds.push(await load(lookup, { requests: REQUESTS, concurrency: CONCURRENCY, headers: auth }))
    // ABBA order: neither relay always runs right after the other.
    const on = () => measured('on', stack.relay.process.child.pid!, list).then((r) => hitRounds.push(r))
    const off = () => measured('off', unaudited.process.child.pid!, listOff).then((r) => offRounds.push(r))
    if (round % 2 === 0) await on(), await off()
    else await off(), await on()
  }
  const health = median(healthRounds)
  const hit = median(hitRounds)
  const off = median(offRounds)
  const looked = median(lookupRounds)
  const cpuPerRequest = { on: (cpu.on * 1000) / (ROUNDS * REQUESTS), off: (cpu.off * 1000) / (ROUNDS * REQUESTS) }

  // Cold burst: 200 concurrent identical requests for a list nobody asked for yet.
  const before = await stack.upstream.personaCalls()
  const burst = await load(`${relay}/v1/persona/events?page%5Bsize%5D=37`, { requests: 200, concurrency: 200, headers: auth })
  const upstreamCalls = (await stack.upstream.personaCalls()) - before
  const memory = relayMemory.stop()

  console.log(
    `\nRelay benchmark (wrangler dev + demo upstream on 127.0.0.1, concurrency ${CONCURRENCY}, median of ${ROUNDS} alternating rounds)`,
  )
  console.log(`  /healthz (floor)        ${fmt(health)}`)
  console.log(`  cached list hit         ${fmt(hit)}`)
  console.log(
    `  ratio hit/floor         ${(hit.rps / health.rps).toFixed(2)} × throughput, ${(hit.p50 / health.p50).toFixed(2)} × p50 latency`,
  )
  console.log(`  cached /v1/lookup       ${fmt(looked)}`)
  console.log(`  lookup batch            ${ids.length} IDs (${batch.data.map((entry) => entry.kind).join(', ')}), ${found} found`)
  console.log(
    `  ratio lookup/floor      ${(looked.rps / health.rps).toFixed(2)} × throughput, ${(looked.p50 / health.p50).toFixed(2)} × p50 latency`,
  )
  console.log(`  cached hit, audit off   ${fmt(off)}`)
  console.log(
    `  audit on/off            ${(hit.rps / off.rps).toFixed(2)} × throughput (goal ≥ 0.95), ${(hit.p50 / off.p50).toFixed(2)} × p50 latency`,
  )
  console.log(
    `  relay CPU per request   audit on ${cpuPerRequest.on.toFixed(3)} ms, off ${cpuPerRequest.off.toFixed(3)} ms (wrangler + workerd + local D1)`,
  )
  console.log(
    `  audit on/off, CPU-bound ${(cpuPerRequest.off / cpuPerRequest.on).toFixed(2)} × throughput a saturated CPU allows (off/on CPU per request: less moved by other load than req/s, not free of it)`,
  )
  console.log(`  cold burst of 200       ${burst.errors} errors, p50 ${burst.p50.toFixed(1)} ms, p99 ${burst.p99.toFixed(1)} ms`)
  console.log(`  upstream calls in burst ${upstreamCalls}`)
  console.log(
    `  relay workerd memory    ${memory.before.toFixed(0)} MB before the load, ${memory.peak.toFixed(0)} MB peak, ${memory.after.toFixed(0)} MB after (resident, every workerd of the audited relay)`,
  )
} finally {
  await unaudited.stop()
  await stack.stop()
}
