/**
 * The text budget's clock in instrumented builds (instrumentation.ts; the store build has neither):
 * the real one until a browser test holds it; then time stands until the test steps it on, and the
 * scanner's retries wait for it too. What may be read then depends on the windows the test steps
 * through, never on how fast the machine runs the page.
 */
export function createBudgetClock(later: (run: () => void, ms: number) => unknown) {
  let held: number | null = null
  let timers: { at: number; run: () => void }[] = []
  return {
    now: (): number => held ?? performance.now(),
    setTimer(run: () => void, ms: number): unknown {
      if (held === null) return later(run, ms)
      timers.push({ at: held + ms, run })
      return undefined
    },
    /** Time stands from now on, at the real clock's reading (returned). */
    hold: (): number => (held ??= performance.now()),
    /** Steps held time on by `ms` and runs the retries then due; returns the new time. */
    step(ms: number): number {
      if (held === null) throw new Error('the budget clock is not held')
      const at = (held += ms)
      const due = timers.filter((t) => t.at <= at)
      timers = timers.filter((t) => t.at > at)
      for (const t of due) t.run()
      return at
    },
  }
}

export type BudgetClock = ReturnType<typeof createBudgetClock>
