/**
 * Failures about the caller that met them (its share of the budget, background work's reserve), marked
 * where they are made (upstream/gate-client.ts, lookup/resolve.ts). A load is shared with whoever joins it,
 * but such a refusal never is: it says nothing about the joiner, who runs its own load instead.
 */
const callerFailures = new WeakSet<object>()

/** Marks `failure` (an ApiError, a gate denial, or a lookup entry that holds one) as about its caller alone. */
export function aboutTheCaller<T extends object>(failure: T): T {
  callerFailures.add(failure)
  return failure
}

export const isAboutTheCaller = (failure: unknown): boolean =>
  typeof failure === 'object' && failure !== null && callerFailures.has(failure)

/**
 * Runs a load once for concurrent callers with the same key: the one rule every coalescing in the relay
 * follows (cache entries in relay-cache.ts, gate round trips in upstream/gate-client.ts). A joiner whose
 * shared outcome is a refusal about the leader runs `rerun` (by default `load`, which holds the joiner's
 * own agent and priority) instead of inheriting it.
 */
export class Coalescer {
  private readonly inflight = new Map<string, Promise<unknown>>()
  /** Callers that joined a load in flight, and those of them that ran their own (a refusal about the leader). */
  joins = 0
  reruns = 0

  /**
   * `join: false` (a forced refresh) never joins a load in flight, which may have begun before a
   * change: it runs its own, which later callers join instead.
   */
  run<T>(
    key: string,
    load: () => Promise<T>,
    options: { rerun?: () => Promise<T>; join?: boolean } = {},
  ): { promise: Promise<T>; collapsed: boolean } {
    const rerun = options.rerun ?? load
    const existing = options.join === false ? undefined : (this.inflight.get(key) as Promise<T> | undefined)
    if (existing) {
      this.joins++
      const again = () => {
        this.reruns++
        return rerun()
      }
      const promise = existing.then(
        (value) => (isAboutTheCaller(value) ? again() : value),
        (err: unknown) => {
          if (isAboutTheCaller(err)) return again()
          throw err
        },
      )
      return { promise, collapsed: true }
    }
    const promise: Promise<T> = load().finally(() => {
      if (this.inflight.get(key) === promise) this.inflight.delete(key)
    })
    this.inflight.set(key, promise)
    return { promise, collapsed: false }
  }
}
