/** A small closed-loop load generator: `concurrency` callers, each sending requests back to back. */
export type LoadResult = { requests: number; seconds: number; rps: number; p50: number; p99: number; errors: number }

export async function load(url: string, options: { requests: number; concurrency: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const latencies: number[] = []
  let errors = 0
  let sent = 0
  const startedAt = performance.now()
  const caller = async () => {
    while (sent < options.requests) {
      sent++
      const t = performance.now()
      try {
        const res = await fetch(url, { headers: options.headers })
        await res.arrayBuffer()
        if (!res.ok) errors++
      } catch {
        errors++
      }
      latencies.push(performance.now() - t)
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, caller))
  const seconds = (performance.now() - startedAt) / 1000
  return { requests: latencies.length, seconds, rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors }
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
