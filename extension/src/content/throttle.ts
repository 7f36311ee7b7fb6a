/**
 * Runs `run` at most once per `intervalMs`, on the leading edge (the first call in a quiet period
 * runs in the next task) and once more after a burst, so the last change is never lost.
 */
export function createThrottle(
  run: () => void,
  intervalMs: number,
  deps: { now?: () => number; setTimer?: (fn: () => void, ms: number) => unknown } = {},
): () => void {
  const now = deps.now ?? (() => performance.now())
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms))
  let last = -Infinity
  let scheduled = false
  return () => {
    if (scheduled) return
    scheduled = true
    setTimer(() => {
      scheduled = false
      last = now()
      run()
    }, Math.max(0, last + intervalMs - now()))
  }
}
