/**
 * Team simulation: the real Worker under `wrangler dev` in front of the demo upstream, which enforces
 * Persona's 300 requests per minute per key. Many agents at once do inline lookups of mostly uncached
 * IDs, poll lists in the background (`Priority: u=5`) and now and then force a refresh. Prints what the
 * vendor saw and what the agents got; asserts nothing about time (shared machines are noisy).
 *
 *   TEAM_SIM_AGENTS (default 50), TEAM_SIM_SECONDS (default 120)
 */
import type { DeepidvSessionList, LookupResponse, PersonaList } from '@idv-lens/shared/api'
import { DEMO, startStack } from '../harness/stack.ts'
import { percentile } from './load.ts'

const AGENTS = Number(process.env.TEAM_SIM_AGENTS ?? 50)
const SECONDS = Number(process.env.TEAM_SIM_SECONDS ?? 120)
const BURST = Number(process.env.TEAM_SIM_BURST ?? 1000)
const BURST_LIMIT = 41
const LATENCY_SAMPLES = 60
const PERSONA_BUDGET = 270
const POOL_KEY = { persona: 'persona_demo_id_pool', deepidv: 'deepidv_demo_id_pool' }

const agents = Array.from({ length: AGENTS }, (_, i) => ({
  name: `agent${String(i + 1).padStart(2, '0')}`,
  token: `sim-token-${i + 1}-${'x'.repeat(24)}`,
}))
let seed = 0x5eed
const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T

type Outcome = 'fresh' | 'stale' | 'budget-exhausted' | 'failed'
const outcomes = (): Record<Outcome, number> => ({ fresh: 0, stale: 0, 'budget-exhausted': 0, failed: 0 })
/** Per agent request (a lookup batch or a list): the worst of what its IDs got. */
const tally = outcomes()
/** Per lookup ID: answered (found or not found), waiting for budget, or failed. */
const perId = outcomes()
const latencies: number[] = []
const gateOverheads: number[] = []
let relay5xx = 0
let unreachable = 0
let firstUnreachableAt: number | null = null
let requests = 0

/** A keep-alive socket the dev server closed while idle fails at once; one retry tells that apart from a real failure. */
const fetchOnce = async (url: string, init?: RequestInit): Promise<Response> => {
  try {
    return await fetch(url, init)
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw err
    return fetch(url, init)
  }
}

const stack = await startStack({
  echo: process.env.TEAM_SIM_ECHO === '1',
  agentTokens: [...agents.map((a) => `${a.name}:${a.token}`), `${DEMO.agentName}:${DEMO.agentToken}`].join(','),
  vars: { PERSONA_BUDGET_PER_MINUTE: String(PERSONA_BUDGET) },
})
try {
  const relay = stack.relay.url
  const upstream = stack.upstream

  // ID pools, read straight from the demo upstream with keys of their own (not the relay's budget).
  const personaList = async <T>(resource: string, pages: number) => {
    const ids: string[] = []
    let after = ''
    for (let p = 0; p < pages; p++) {
      const res = await fetch(`${upstream.personaBase}/${resource}?page%5Bsize%5D=100${after}`, {
        headers: { authorization: `Bearer ${POOL_KEY.persona}` },
      })
      const body = (await res.json()) as PersonaList<T & { id: string }>
      ids.push(...body.data.map((d) => d.id))
      const last = body.data.at(-1)
      if (!last) break
      after = `&page%5Bafter%5D=${last.id}`
    }
    return ids
  }
  const inquiries = await personaList('inquiries', 20)
  const sessions = await personaList('inquiry-sessions', 10)
  const events = await personaList('events', 5)
  const deepidv = (
    (await (
      await fetch(`${upstream.deepidvBase}/sessions?limit=500`, { headers: { 'x-api-key': POOL_KEY.deepidv } })
    ).json()) as DeepidvSessionList
  ).sessions.map((s) => s.id)

  const auth = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra })
  const serverTiming = (res: Response) => {
    const gate = /(?:^|,)\s*gate;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1]
    if (gate !== undefined) gateOverheads.push(Number(gate))
  }

  const recorded = async (key: string = DEMO.keys.persona) =>
    (
      (await (await fetch(`${upstream.url}/__demo/stats?scope=${key}`)).json()) as {
        requests: { path: string; query: Record<string, string>; status: number | null; at: string }[]
      }
    ).requests

  // 1. A miss through the relay (and its gate) against the same call made directly, alternated.
  const direct: number[] = []
  const viaRelay: number[] = []
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const id = inquiries[i] as string
    let t = performance.now()
    await (
      await fetchOnce(`${upstream.personaBase}/inquiries/${id}`, { headers: { authorization: `Bearer ${POOL_KEY.persona}` } })
    ).arrayBuffer()
    direct.push(performance.now() - t)
    t = performance.now()
    const res = await fetchOnce(`${relay}/v1/persona/inquiries/${id}`, { headers: auth(DEMO.agentToken) })
    await res.arrayBuffer()
    viaRelay.push(performance.now() - t)
    serverTiming(res)
  }
  const missOverheads = [...gateOverheads]

  // 2. The team.
  const popular: string[] = []
  const lists = ['/v1/persona/inquiry-sessions?page%5Bsize%5D=10', '/v1/persona/events?page%5Bsize%5D=10', '/v1/deepidv/sessions?limit=10']
  const endAt = Date.now() + SECONDS * 1000
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  const send = async (path: string, token: string, headers: Record<string, string> = {}) => {
    const t = performance.now()
    requests++
    try {
      const res = await fetchOnce(`${relay}${path}`, { headers: auth(token, headers), signal: AbortSignal.timeout(30_000) })
      const text = await res.text()
      latencies.push(performance.now() - t)
      serverTiming(res)
      if (res.status >= 500) relay5xx++
      return { res, text }
    } catch {
      // No answer at all (the dev server went away): counted apart from the relay's own 5xx.
      unreachable++
      firstUnreachableAt ??= Date.now()
      return null
    }
  }
  // A copy served past its freshness; `fwd=stale` alone is a refetch of an expired copy, i.e. fresh.
  const stale = (res: Response) => /stale-while-revalidate|stale-if-error/.test(res.headers.get('cache-status') ?? '')

  const lookupIds = () => {
    const n = 1 + Math.floor(random() * 4)
    return Array.from({ length: n }, () => {
      // Mostly IDs nobody looked at yet; some from the tickets the whole team is on.
      if (popular.length && random() < 0.25) return pick(popular)
      const r = random()
      const id = r < 0.55 ? pick(inquiries) : r < 0.75 ? pick(sessions) : r < 0.9 ? pick(events) : pick(deepidv)
      if (popular.length < 200) popular.push(id)
      else popular[Math.floor(random() * popular.length)] = id
      return id
    })
  }

  const agentLoop = async (agent: (typeof agents)[number], index: number) => {
    let nextPoll = Date.now() + random() * 20_000
    let nextForced = index % 20 === 0 ? Date.now() + 10_000 + random() * 20_000 : Infinity
    while (Date.now() < endAt) {
      await sleep(3000 + random() * 3000)
      const ids = [...new Set(lookupIds())]
      const answer = await send(`/v1/lookup?ids=${ids.join(',')}`, agent.token)
      if (answer && answer.res.status === 200) {
        const got = outcomes()
        for (const entry of (JSON.parse(answer.text) as LookupResponse).data) {
          // Which IDs of a batch were served stale the answer does not say: an ID's "stale" is its batch's.
          if (entry.found || entry.error.code === 'not-found') got[stale(answer.res) ? 'stale' : 'fresh']++
          else if (entry.error.code === 'budget-exhausted' || entry.error.code === 'rate-limited') got['budget-exhausted']++
          else got.failed++
        }
        for (const k of Object.keys(got) as Outcome[]) perId[k] += got[k]
        tally[got.failed ? 'failed' : got['budget-exhausted'] ? 'budget-exhausted' : got.stale ? 'stale' : 'fresh']++
      } else if (answer) {
        tally[answer.res.status === 429 ? 'budget-exhausted' : 'failed']++
        perId[answer.res.status === 429 ? 'budget-exhausted' : 'failed'] += ids.length
      }
      const now = Date.now()
      const forced = now >= nextForced
      if (now >= nextPoll || forced) {
        if (forced) nextForced = now + 30_000
        else nextPoll = now + 20_000
        const got = await send(pick(lists), agent.token, forced ? { 'cache-control': 'no-cache' } : { priority: 'u=5' })
        if (!got) continue
        else if (got.res.status === 200) tally[stale(got.res) ? 'stale' : 'fresh']++
        else if (got.res.status === 429) tally['budget-exhausted']++
        else tally.failed++
      }
    }
  }
  const simStartedAt = Date.now()
  await Promise.all(agents.map(agentLoop))
  const simSeconds = (Date.now() - simStartedAt) / 1000

  /** The most calls whose arrival at the vendor falls in any rolling `windowMs`. */
  const mostInWindow = (arrivals: { at: string }[], windowMs: number) => {
    const times = arrivals.map((r) => Date.parse(r.at)).sort((a, b) => a - b)
    let most = 0
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[i] as number) - (times[j] as number) >= windowMs) j++
      most = Math.max(most, i - j + 1)
    }
    return most
  }
  const calls = (await recorded()).filter((r) => r.status !== null)
  const deepidvCalls = (await recorded(DEMO.keys.deepidv)).filter((r) => r.status !== null)
  const maxWindow = mostInWindow(calls, 60_000)
  const vendor429s = calls.filter((r) => r.status === 429).length
  const deepidv429s = deepidvCalls.filter((r) => r.status === 429).length
  type Status = { vendors: Record<string, { shed?: Record<string, number>; calls?: number }>; cache: { hitRatio: number | null } }
  const status: Status = await fetch(`${relay}/v1/status`, { headers: auth(DEMO.agentToken) }).then(
    (res) => res.json() as Promise<Status>,
    () => ({ vendors: {}, cache: { hitRatio: null } }),
  )
  const shares = (counts: Record<Outcome, number>) => {
    const total = Object.values(counts).reduce((a, b) => a + b, 0)
    const share = (n: number) => `${((100 * n) / Math.max(1, total)).toFixed(1)}%`
    return `fresh ${share(counts.fresh)}, stale ${share(counts.stale)}, budget-exhausted ${share(counts['budget-exhausted'])}, other failures ${share(counts.failed)}  (${total})`
  }
  const ms = (v: number) => `${v.toFixed(2)} ms`

  console.log(`\nTeam simulation (wrangler dev + demo upstream enforcing Persona 300/min; budget ${PERSONA_BUDGET}/min)`)
  console.log(
    `  ${AGENTS} agents for ${simSeconds.toFixed(0)} s, ${requests} relay requests (lookups of 1-4 mostly uncached IDs, list polls with Priority: u=5, forced refreshes)`,
  )
  console.log(`  Persona vendor calls, most in any rolling 60 s   ${maxWindow}   (budget ${PERSONA_BUDGET}, vendor limit 300)`)
  console.log(`  Persona vendor calls in total                    ${calls.length}`)
  console.log(
    `  deepidv vendor calls, most in any rolling 1 s     ${mostInWindow(deepidvCalls, 1000)}   (budget 22, vendor limit 25/s, burst 35; ${deepidvCalls.length} in total)`,
  )
  console.log(`  vendor 429s                                      Persona ${vendor429s}, deepidv ${deepidv429s}`)
  console.log(`  relay 5xx                                        ${relay5xx}`)
  if (unreachable)
    console.log(
      `  NO ANSWER (wrangler dev stopped after ${((Number(firstUnreachableAt) - simStartedAt) / 1000).toFixed(0)} s)   ${unreachable} requests`,
    )
  console.log(`  agent requests (lookup batches and lists)        ${shares(tally)}`)
  console.log(`  lookup IDs                                       ${shares(perId)}`)
  console.log(
    `  agent request latency                            p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}`,
  )
  console.log(`  gate shed counts (Persona)                       ${JSON.stringify(status.vendors.persona?.shed ?? {})}`)
  console.log(`  cache hit ratio (relay isolate)                  ${status.cache.hitRatio?.toFixed(2) ?? 'n/a'}`)
  console.log(
    `  a miss, direct to the vendor (baseline)          p50 ${ms(percentile(direct, 50))}, p99 ${ms(percentile(direct, 99))}   (${LATENCY_SAMPLES} retrieves)`,
  )
  console.log(
    `  the same miss through the relay                  p50 ${ms(percentile(viaRelay, 50))}, p99 ${ms(percentile(viaRelay, 99))}   (+${ms(percentile(viaRelay, 50) - percentile(direct, 50))} at p50)`,
  )
  console.log(`  the gate's added latency on a miss (Server-Timing: RPC round trip minus vendor time)`)
  console.log(
    `    on the ${missOverheads.length} retrieves above                       p50 ${ms(percentile(missOverheads, 50))}, p99 ${ms(percentile(missOverheads, 99))}   (goal p50 <= 1 ms, p99 <= 5 ms)`,
  )
  console.log(
    `    on every miss of the simulation (${gateOverheads.length})            p50 ${ms(percentile(gateOverheads, 50))}, p99 ${ms(percentile(gateOverheads, 99))}`,
  )

  if (unreachable) throw new Error('the relay stopped answering; no burst')
  // 3. Last (a cold burst this size is the heaviest thing wrangler dev is asked to do): 1,000
  // concurrent identical cold requests make exactly one vendor call. deepidv, whose one-second
  // window is free again a second after the team stopped.
  await sleep(1500)
  const burstPath = `/v1/deepidv/sessions?limit=${BURST_LIMIT}`
  const burst = await Promise.all(
    Array.from({ length: BURST }, async () => {
      try {
        const res = await fetch(`${relay}${burstPath}`, { headers: auth(DEMO.agentToken) })
        await res.arrayBuffer()
        return String(res.status)
      } catch (err) {
        return String((err as { cause?: { code?: string } }).cause?.code ?? 'error')
      }
    }),
  )
  const burstCalls = (await recorded(DEMO.keys.deepidv)).filter(
    (r) => r.path.endsWith('/sessions') && r.query.limit === String(BURST_LIMIT),
  ).length
  const burstStatuses: Record<string, number> = {}
  for (const s of burst) burstStatuses[s] = (burstStatuses[s] ?? 0) + 1
  console.log(
    `  ${BURST} concurrent identical cold requests (deepidv) ${burstCalls} vendor call(s), answers ${JSON.stringify(burstStatuses)}`,
  )
} finally {
  await stack.stop()
}
