import type { Timers } from '../src/lib/backoff.ts'

/**
 * Timers on a virtual clock: `advance(ms)` runs what falls due, in order, and nothing runs by
 * itself. For the automatic retries' unit tests (no real waiting, nothing depends on machine speed).
 */
export function virtualTimers(start = 0) {
  let time = start
  let next = 0
  const due = new Map<number, { at: number; run: () => void }>()
  const timers: Timers = {
    set(run, ms) {
      const handle = ++next
      due.set(handle, { at: time + ms, run })
      return handle
    },
    clear(handle) {
      due.delete(handle as number)
    },
  }
  return {
    timers,
    now: () => time,
    /** The waits scheduled now, from the current time. */
    pending: () => [...due.values()].map((d) => d.at - time).sort((a, b) => a - b),
    advance(ms: number): void {
      const until = time + ms
      for (;;) {
        const [handle, first] = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? []
        if (handle === undefined || first!.at > until) break
        due.delete(handle)
        time = first!.at
        first!.run()
      }
      time = until
    },
  }
}
