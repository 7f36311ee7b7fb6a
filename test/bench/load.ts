/**
 * A small closed-loop load generator: `concurrency` callers, each sending requests back to back, until
 * `requests` are sent or `seconds` have passed. `statuses` counts answers by HTTP status, 0 for none
 * (a network failure, or no answer within `timeoutMs`); `errors` counts every answer that is not 2xx, and 0s.
 */
export type LoadResult = {
  requests: number
  seconds: number
  rps: number
  p50: number
  p99: number
  errors: number
  statuses: Record<number, number>
  latencies: number[]
}

type LoadOptions = ({ requests: number } | { seconds: number }) & {
  concurrency: number
  headers?: Record<string, string>
  timeoutMs?: number
}

export async function load(url: string, options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = []
  const statuses: Record<number, number> = {}
  const startedAt = performance.now()
  const last =
    'requests' in options ? { requests: options.requests, at: Infinity } : { requests: Infinity, at: startedAt + options.seconds * 1000 }
  let sent = 0
  const caller = async () => {
    while (sent < last.requests && performance.now() < last.at) {
      sent++
      const t = performance.now()
      const status = await fetch(url, { headers: options.headers, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) }).then(
        async (res) => (await res.arrayBuffer(), res.status),
        () => 0,
      )
      statuses[status] = (statuses[status] ?? 0) + 1
      latencies.push(performance.now() - t)
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, caller))
  return summary(latencies, statuses, (performance.now() - startedAt) / 1000)
}

/** Several loads' answers as one (loads run side by side: their longest time is the whole's). */
export const combined = (results: readonly LoadResult[]): LoadResult =>
  summary(
    results.flatMap((r) => r.latencies),
    results.reduce<Record<number, number>>((all, r) => {
      for (const [status, n] of Object.entries(r.statuses)) all[Number(status)] = (all[Number(status)] ?? 0) + n
      return all
    }, {}),
    Math.max(...results.map((r) => r.seconds)),
  )

function summary(latencies: number[], statuses: Record<number, number>, seconds: number): LoadResult {
  const errors = Object.entries(statuses).reduce((n, [status, count]) => (Number(status) >= 200 && Number(status) < 300 ? n : n + count), 0)
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    statuses,
    latencies,
  }
}

/** The nearest-rank percentile: p90 of 5 samples is the largest, of 15 the 14th; p50 is the median. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}

export const fmt = (r: LoadResult) =>
  `${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms   (${r.requests} requests, ${r.errors} errors)`

/** The round with the median throughput. */
export function median(rounds: LoadResult[]): LoadResult {
  const sorted = [...rounds].sort((a, b) => a.rps - b.rps)
  return sorted[Math.floor(sorted.length / 2)] as LoadResult
}
