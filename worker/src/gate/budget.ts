/**
 * The budget of one vendor environment, as the vendor gate keeps it: a rolling window (Persona 60 s,
 * deepidv 1 s), an optional UTC-day quota (deepidv), the vendor's own word (RateLimit-Remaining/Reset,
 * a 429 hold), priorities and a per-agent share of every quota. Pure: the caller passes the time, so tests drive it
 * with a table of instants.
 */

export type Priority = 'interactive' | 'background'

export type BudgetLimits = {
  /** The rolling window, e.g. 60 000 ms for Persona. */
  windowMs: number
  /** Calls allowed in any rolling window. */
  perWindow: number
  /** Calls allowed per UTC day, or null. */
  perDay: number | null
  /** Each agent's share of `perWindow` (binding only when contended) and of `perDay` (always), 0..1. */
  agentShare: number
  /** What all AI clients together may use of `perWindow`, whatever else is free, 0..1 (unset: no cap). */
  aiShare?: number
}

export type DenialReason =
  | 'vendor-hold'
  | 'window'
  | 'day'
  | 'vendor-remaining'
  | 'background-reserve'
  | 'agent-share'
  | 'agent-day-share'
  | 'ai-share'

/**
 * Refusals that concern one caller (its share, or background work's reserve), not the team: a caller
 * that joined an identical call refused this way asks again under its own name and priority.
 */
export const CALLER_REFUSALS: ReadonlySet<DenialReason> = new Set(['agent-share', 'agent-day-share', 'background-reserve', 'ai-share'])

/** How an AI client (role `ai`, on /mcp) is named at the gate: its calls count against the AI share too. */
export const aiAgent = (name: string): string => `ai:${name}`
const isAiAgent = (agent: string): boolean => agent.startsWith('ai:')
export type Denial = { reason: DenialReason; retryAfterMs: number }

/** Background work never takes the last 20% of any budget: that is kept for agents waiting on an answer. */
export const BACKGROUND_FRACTION = 0.8
/** The longest a vendor's 429 may stop calls, and the shortest. */
export const HOLD_MIN_SECONDS = 1
export const HOLD_MAX_SECONDS = 3600

/** A call the budget granted: when, and for whom (the per-agent shares). */
export type GrantedCall = { at: number; agent: string }

/**
 * Where granted calls are counted beyond the isolate's memory (the gate: Durable Object SQLite), so
 * a restart (deploy, eviction) admits neither a second window nor a second day.
 */
export interface BudgetStore {
  /** Calls counted on a UTC day: the team's, or one agent's. */
  dayCalls(day: string, agent?: string): number
  /** Counts a granted call; `day` is null when the budget has no daily quota. */
  record(call: GrantedCall, day: string | null): void
  /** Granted calls after `since`, oldest first (the rolling window as it was before a restart). */
  callsSince(since: number): GrantedCall[]
}

export class MemoryBudgetStore implements BudgetStore {
  private readonly days = new Map<string, number>()
  dayCalls(day: string, agent?: string): number {
    return this.days.get(agent === undefined ? day : `${day}\n${agent}`) ?? 0
  }
  record(call: GrantedCall, day: string | null): void {
    if (day === null) return
    for (const key of [day, `${day}\n${call.agent}`]) this.days.set(key, (this.days.get(key) ?? 0) + 1)
  }
  callsSince(): GrantedCall[] {
    // The budget's own memory is the window; nothing outlives it here.
    return []
  }
}

export const utcDay = (now: number) => new Date(now).toISOString().slice(0, 10)
const msToNextUtcDay = (now: number) => 86_400_000 - (now % 86_400_000)

export const clampHoldSeconds = (seconds: number) => Math.min(HOLD_MAX_SECONDS, Math.max(HOLD_MIN_SECONDS, Math.ceil(seconds)))

/**
 * A wait a vendor (or a proxy in front of it) named, in seconds, taken within reason: up to
 * `windowSeconds` (the vendor's documented window) as said, longer ones up to the hold maximum cut
 * to the window, and anything beyond (an epoch timestamp where seconds belong) as if absent. A
 * single header must never stop every agent's calls for longer than the vendor itself would.
 */
export function plausibleWait(seconds: number | null, windowSeconds: number): number | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0 || seconds > HOLD_MAX_SECONDS) return null
  return Math.min(seconds, windowSeconds)
}

/** Start times of granted calls, oldest first, dropped once they leave the window. */
class RollingLog {
  private times: number[] = []
  prune(now: number, windowMs: number): void {
    let drop = 0
    while (drop < this.times.length && (this.times[drop] as number) <= now - windowMs) drop++
    if (drop) this.times = this.times.slice(drop)
  }
  get size(): number {
    return this.times.length
  }
  /** The time the `index`-th oldest entry leaves the window. */
  leavesAt(index: number, windowMs: number): number {
    return (this.times[Math.max(0, index)] ?? 0) + windowMs
  }
  push(now: number): void {
    this.times.push(now)
  }
}

export type BudgetSnapshot = {
  limit: number
  windowSeconds: number
  used: number
  remaining: number
  /** Seconds until a call slot frees up (0 when one is free now). */
  resetSeconds: number
  day: { limit: number; used: number; remaining: number } | null
  /** Epoch ms until which the vendor told us to stop (its 429), or null. */
  holdUntil: number | null
  /** What the vendor last said it has left, and until when, or null. */
  vendor: { remaining: number; resetAt: number } | null
}

export class Budget {
  private readonly log = new RollingLog()
  /** Every AI client's calls together, for the AI share. */
  private readonly aiLog = new RollingLog()
  private readonly byAgent = new Map<string, RollingLog>()
  /** When each agent was last refused: an agent still asking contends for the budget as one using it. */
  private readonly asking = new Map<string, number>()
  private holdUntil = 0
  private vendor: { remaining: number; resetAt: number } | null = null

  limits: BudgetLimits
  private readonly store: BudgetStore

  constructor(limits: BudgetLimits, store: BudgetStore = new MemoryBudgetStore()) {
    this.limits = limits
    this.store = store
  }

  /** Puts the calls a store kept back into the window (after a restart: the window goes on where it was). */
  restore(calls: GrantedCall[]): void {
    for (const { at, agent } of calls) this.logCall(at, agent)
  }

  /** Null when a call may start now; otherwise why not and how long until it might. */
  check(now: number, priority: Priority, agent: string): Denial | null {
    const denial = this.decide(now, priority, agent)
    if (denial && denial.reason !== 'vendor-hold') this.asking.set(agent, now)
    return denial
  }

  private decide(now: number, priority: Priority, agent: string): Denial | null {
    const { windowMs, perWindow, perDay } = this.limits
    if (now < this.holdUntil) return { reason: 'vendor-hold', retryAfterMs: this.holdUntil - now }
    if (isAiAgent(agent)) {
      const denial = this.aiShareDenial(now)
      if (denial) return denial
    }

    const background = priority === 'background'
    const share = background ? BACKGROUND_FRACTION : 1
    this.log.prune(now, windowMs)
    const cap = Math.floor(perWindow * share)
    if (this.log.size >= cap) {
      return {
        reason: this.log.size < perWindow ? 'background-reserve' : 'window',
        // Wait until enough calls left the window to be under the cap again.
        retryAfterMs: this.log.leavesAt(this.log.size - cap, windowMs) - now,
      }
    }

    if (this.vendor) {
      if (now >= this.vendor.resetAt) this.vendor = null
      else if (this.vendor.remaining <= (background ? Math.ceil(perWindow * (1 - BACKGROUND_FRACTION)) : 0)) {
        return { reason: background ? 'background-reserve' : 'vendor-remaining', retryAfterMs: this.vendor.resetAt - now }
      }
    }

    if (perDay !== null) {
      const day = utcDay(now)
      const used = this.store.dayCalls(day)
      if (used >= Math.floor(perDay * share)) {
        return { reason: used < perDay ? 'background-reserve' : 'day', retryAfterMs: msToNextUtcDay(now) }
      }
      // The day is shared like the window: one agent's lookups never spend the team's day.
      if (this.store.dayCalls(day, agent) >= this.quotaOf('agent-day-share').limit) {
        return { reason: 'agent-day-share', retryAfterMs: msToNextUtcDay(now) }
      }
    }

    const agentCap = this.quotaOf('agent-share').limit
    const mine = this.byAgent.get(agent)
    mine?.prune(now, windowMs)
    if (mine && mine.size >= agentCap) {
      // Work-conserving: past its share an agent may still take what nobody else is owed.
      const owed = this.owedToOthers(now, agent, agentCap)
      if (perWindow - this.log.size - 1 < owed) {
        const ownWait = mine.leavesAt(mine.size - agentCap, windowMs) - now
        const leave = this.log.size - (perWindow - owed - 1)
        const teamWait = leave > 0 && leave <= this.log.size ? this.log.leavesAt(leave - 1, windowMs) - now : Infinity
        return { reason: 'agent-share', retryAfterMs: Math.max(1, Math.min(ownWait, teamWait)) }
      }
    }
    return null
  }

  /**
   * All AI clients together stay within AI_SHARE of the rolling window, even when the rest is free: an
   * AI loop never takes what people may ask for next. (Each AI client also keeps its own agent share.)
   */
  private aiShareDenial(now: number): Denial | null {
    const { windowMs, perWindow, aiShare } = this.limits
    if (aiShare === undefined) return null
    this.aiLog.prune(now, windowMs)
    const cap = Math.floor(perWindow * aiShare)
    if (this.aiLog.size >= cap)
      return { reason: 'ai-share', retryAfterMs: Math.max(1, this.aiLog.leavesAt(this.aiLog.size - cap, windowMs) - now) }
    return null
  }

  /**
   * What an agent past its share must leave free in the window: one whole share for an agent who
   * has not asked yet (so a newcomer is served at once), and the unused part of the share of every
   * other agent who used or asked for the budget in this window. Nobody else using or asking: all
   * but that one share is the agent's to use; the budget contended: each keeps its share.
   */
  private owedToOthers(now: number, agent: string, share: number): number {
    const { windowMs } = this.limits
    let owed = share
    const counted = new Set<string>([agent])
    for (const [name, log] of this.byAgent) {
      if (counted.has(name)) continue
      log.prune(now, windowMs)
      if (log.size === 0 && !this.askedWithin(name, now)) continue
      counted.add(name)
      owed += Math.max(0, share - log.size)
    }
    for (const name of this.asking.keys()) {
      if (counted.has(name) || !this.askedWithin(name, now)) continue
      counted.add(name)
      owed += share
    }
    return owed
  }

  private askedWithin(agent: string, now: number): boolean {
    const at = this.asking.get(agent)
    return at !== undefined && now - at < this.limits.windowMs
  }

  /**
   * The quota a denied caller is told about (RateLimit-Limit/-Remaining): the one that refused it, with
   * nothing left of it for this caller now. An agent over its share hears its own share, not the
   * team's remaining calls; a day spent hears the day's quota.
   */
  quotaOf(reason: DenialReason): { limit: number; remaining: number } {
    const { perWindow, perDay, agentShare } = this.limits
    if (reason === 'agent-share') return { limit: Math.max(1, Math.floor(perWindow * agentShare)), remaining: 0 }
    if (reason === 'agent-day-share' && perDay !== null) return { limit: Math.max(1, Math.floor(perDay * agentShare)), remaining: 0 }
    if (reason === 'ai-share') return { limit: Math.floor(perWindow * (this.limits.aiShare ?? 1)), remaining: 0 }
    if (reason === 'day' && perDay !== null) return { limit: perDay, remaining: 0 }
    return { limit: perWindow, remaining: 0 }
  }

  /** Counts a call that starts now. */
  take(now: number, agent: string): void {
    this.logCall(now, agent)
    if (this.vendor) this.vendor.remaining--
    this.store.record({ at: now, agent }, this.limits.perDay === null ? null : utcDay(now))
    // Agents who went quiet would otherwise stay in the map forever.
    if (this.byAgent.size > 1000) {
      for (const [name, entries] of this.byAgent) {
        entries.prune(now, this.limits.windowMs)
        if (!entries.size) this.byAgent.delete(name)
      }
    }
    if (this.asking.size > 1000) {
      for (const name of this.asking.keys()) if (!this.askedWithin(name, now)) this.asking.delete(name)
    }
  }

  private logCall(at: number, agent: string): void {
    this.log.push(at)
    if (isAiAgent(agent)) this.aiLog.push(at)
    let mine = this.byAgent.get(agent)
    if (!mine) this.byAgent.set(agent, (mine = new RollingLog()))
    mine.push(at)
  }

  /** The vendor's own count (Persona's RateLimit-Remaining/Reset) overrides ours until its reset. */
  resync(now: number, remaining: number, resetSeconds: number): void {
    const reset = plausibleWait(resetSeconds, Math.ceil(this.limits.windowMs / 1000))
    // A reset beyond reason, or a count that is not one, is as if the vendor had said nothing.
    if (reset === null || !Number.isFinite(remaining) || remaining < 0) return
    this.vendor = { remaining: Math.floor(remaining), resetAt: now + reset * 1000 }
  }

  /** A vendor 429: no call at all until the vendor's reset. */
  hold(now: number, seconds: number): number {
    const clamped = clampHoldSeconds(seconds)
    this.holdUntil = Math.max(this.holdUntil, now + clamped * 1000)
    return clamped
  }

  /** Restores a hold read back from storage after an eviction. */
  restoreHold(until: number): void {
    this.holdUntil = Math.max(this.holdUntil, until)
  }

  snapshot(now: number): BudgetSnapshot {
    const { windowMs, perWindow, perDay } = this.limits
    this.log.prune(now, windowMs)
    const used = this.log.size
    let remaining = Math.max(0, perWindow - used)
    const vendor = this.vendor && now < this.vendor.resetAt ? { ...this.vendor } : null
    if (vendor) remaining = Math.min(remaining, vendor.remaining)
    const dayUsed = perDay === null ? 0 : this.store.dayCalls(utcDay(now))
    const held = now < this.holdUntil
    if (held) remaining = 0
    const waits = [
      held ? this.holdUntil - now : 0,
      used >= perWindow ? this.log.leavesAt(used - perWindow, windowMs) - now : 0,
      vendor && vendor.remaining <= 0 ? vendor.resetAt - now : 0,
      perDay !== null && dayUsed >= perDay ? msToNextUtcDay(now) : 0,
    ]
    return {
      limit: perWindow,
      windowSeconds: windowMs / 1000,
      used,
      remaining,
      resetSeconds: Math.ceil(Math.max(...waits) / 1000),
      day: perDay === null ? null : { limit: perDay, used: dayUsed, remaining: Math.max(0, perDay - dayUsed) },
      holdUntil: held ? this.holdUntil : null,
      vendor,
    }
  }
}
