/**
 * How often one agent may check a requester. Every check is a vendor call counted against the agent's
 * share of the team's budget in the vendor gate; but the gate answers an identical call within a few
 * seconds from the call before, at no cost, which would let an agent try value after value against
 * one object for free. So checks are also counted per agent here (per isolate): a few a minute is
 * what a ticket needs, and far too few to guess an email or a name.
 */
export const REQUESTER_CHECKS_PER_MINUTE = 10
const WINDOW_MS = 60_000
/** Agents remembered at most; the oldest is forgotten first (their checks are a minute old at most anyway). */
const MAX_AGENTS = 1000

const recent = new Map<string, number[]>()

/** Counts a check for `agent` at `now` and returns null, or the seconds to wait when its minute is full (not counted). */
export function isRequesterCheckAllowed(agent: string, now: number, perMinute = REQUESTER_CHECKS_PER_MINUTE): number | null {
  const times = (recent.get(agent) ?? []).filter((at) => now - at < WINDOW_MS)
  if (times.length >= perMinute) {
    recent.set(agent, times)
    return Math.max(1, Math.ceil((times[0]! + WINDOW_MS - now) / 1000))
  }
  times.push(now)
  recent.delete(agent)
  recent.set(agent, times)
  if (recent.size > MAX_AGENTS) recent.delete(recent.keys().next().value as string)
  return null
}

/** Test hook: forget every agent's checks. */
export function forgetRequesterChecks(): void {
  recent.clear()
}
