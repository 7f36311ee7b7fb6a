import type { RelayFailure } from './messages.ts'

/**
 * Failures the agent fixes in the settings (the relay URL, the token, the sign-in): the views offer a
 * way there. A relay that is down or restarting is not one: it comes back by itself.
 */
export function fixedInSettings(failure: RelayFailure): boolean {
  return ['not-configured', 'unauthorized', 'unreachable'].includes(failure.kind) && !retriesBySelf(failure)
}

/** Timers a retry is scheduled with (tests pass a virtual clock's). */
export type Timers = {
  set(run: () => void, ms: number): unknown
  clear(handle: unknown): void
}

export const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * Waits between automatic tries: quick at first (a relay restarting is back in seconds), then every
 * 15 s at most, so a relay that comes back is asked again within 15 s plus one call, well inside
 * the 30 s an agent should wait for rows to return without clicking.
 */
export const BACKOFF_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 15_000]

/**
 * Failures that pass by themselves: nothing answered (relay down, restarting, network gone), an
 * error page in front of the relay (a gateway's 5xx while it restarts), the vendor down, a rate
 * limit, the background restarting. An exception in the extension, settings, tokens and sign-in need the agent: trying again
 * would only repeat the same refusal.
 */
export function retriesBySelf(failure: RelayFailure): boolean {
  // What the agent or an administrator must change, whatever the reason says.
  if (['not-configured', 'unauthorized', 'bad-request', 'not-found', 'over-budget'].includes(failure.kind)) return false
  switch (failure.reason.code) {
    case 'cannot-reach':
    case 'cannot-reach-relay':
    case 'timeout':
    case 'background-silent':
    case 'too-many-requests':
      return true
    case 'not-a-relay':
      return failure.reason.status >= 500
    case 'relay-problem':
      return failure.kind === 'upstream' || failure.kind === 'rate-limited' || failure.problem?.code === 'internal'
    default:
      return false
  }
}

/** The wait before try number `attempt` (0-based): the backoff, or the relay's Retry-After if longer. */
export function backoffDelay(attempt: number, failure: RelayFailure, delays: readonly number[] = BACKOFF_MS): number {
  const step = delays[Math.min(attempt, delays.length - 1)]!
  return Math.max(step, (failure.retryAfter ?? 0) * 1000)
}

/**
 * One view's automatic retry: after each load, `settled` is told how it ended. A failure that
 * passes by itself schedules `run` after the next backoff step; a success or a failure the agent
 * must fix resets the steps. A load the agent starts cancels the pending try (`cancel`).
 */
export function createAutoRetry(run: () => void, timers: Timers = realTimers, delays: readonly number[] = BACKOFF_MS) {
  let attempt = 0
  let handle: unknown = null

  function cancel(): void {
    if (handle !== null) timers.clear(handle)
    handle = null
  }

  return {
    settled(failure: RelayFailure | null): void {
      cancel()
      if (!failure || !retriesBySelf(failure)) {
        attempt = 0
        return
      }
      const wait = backoffDelay(attempt, failure, delays)
      attempt++
      handle = timers.set(() => {
        handle = null
        run()
      }, wait)
    },
    cancel,
    /** Whether a try is scheduled (the UI says "it will retry"). */
    get pending(): boolean {
      return handle !== null
    },
  }
}
