import { describe, expect, it } from 'vitest'
import { aiAgent, Budget, clampHoldSeconds, MemoryBudgetStore, type BudgetLimits, type Priority } from '../src/gate/budget.ts'

const PERSONA: BudgetLimits = { windowMs: 60_000, perWindow: 10, perDay: null, agentShare: 1 }
const DEEPIDV: BudgetLimits = { windowMs: 1000, perWindow: 5, perDay: 8, agentShare: 1 }
const T0 = Date.UTC(2026, 10, 23, 12, 0, 0)

/** Takes `n` calls at `at` for `agent`, asserting each was allowed. */
function fill(budget: Budget, n: number, at: number, agent = 'a', priority: Priority = 'interactive') {
  for (let i = 0; i < n; i++) {
    expect(budget.check(at, priority, agent)).toBeNull()
    budget.take(at, agent)
  }
}

describe('budget math', () => {
  // [what, limits, calls made at T0, check at T0 + offset, priority, expected reason or null, expected wait ms]
  const TABLE: [string, BudgetLimits, number, number, Priority, string | null, number | null][] = [
    ['room left in the minute', PERSONA, 9, 1000, 'interactive', null, null],
    ['minute full', PERSONA, 10, 1000, 'interactive', 'window', 59_000],
    ['minute full, one instant before the oldest leaves', PERSONA, 10, 59_999, 'interactive', 'window', 1],
    ['rolling: the oldest call left the window', PERSONA, 10, 60_000, 'interactive', null, null],
    ['background stops at 80%', PERSONA, 8, 1000, 'background', 'background-reserve', 59_000],
    ['interactive may use the last 20%', PERSONA, 8, 1000, 'interactive', null, null],
    ['background below 80%', PERSONA, 7, 1000, 'background', null, null],
    ['deepidv second full', DEEPIDV, 5, 200, 'interactive', 'window', 800],
    ['deepidv next second', DEEPIDV, 5, 1000, 'interactive', null, null],
  ]
  it.each(TABLE)('%s', (_what, limits, made, offset, priority, reason, wait) => {
    const budget = new Budget(limits)
    fill(budget, made, T0)
    const denial = budget.check(T0 + offset, priority, 'b')
    if (reason === null) expect(denial).toBeNull()
    else expect(denial).toEqual({ reason, retryAfterMs: wait })
  })

  it('counts a rolling window, not aligned minutes: 10 calls spread over 90 s never exceed 10 in any 60 s', () => {
    const budget = new Budget(PERSONA)
    const granted: number[] = []
    for (let t = 0; t < 90_000; t += 1000) {
      if (budget.check(T0 + t, 'interactive', `agent${t}`) === null) {
        budget.take(T0 + t, `agent${t}`)
        granted.push(t)
      }
    }
    for (const start of granted) expect(granted.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(10)
    expect(granted).toEqual([...Array.from({ length: 10 }, (_, i) => i * 1000), ...Array.from({ length: 10 }, (_, i) => 60_000 + i * 1000)])
  })

  it('stops for the day at the daily quota, until the next UTC midnight', () => {
    const day = new MemoryBudgetStore()
    const budget = new Budget(DEEPIDV, day)
    for (let s = 0; s < 2; s++) fill(budget, s === 0 ? 5 : 3, T0 + s * 1000)
    expect(day.dayCalls('2026-11-23')).toBe(8)
    expect(budget.check(T0 + 5000, 'interactive', 'a')).toEqual({ reason: 'day', retryAfterMs: 12 * 3_600_000 - 5000 })
    // Background stops at 80% of the day (6.4 → 6 calls).
    expect(new Budget(DEEPIDV, day).check(T0 + 5000, 'background', 'a')?.reason).toBe('day')
    expect(budget.check(Date.UTC(2026, 10, 24, 0, 0, 0), 'interactive', 'a')).toBeNull()
  })

  it('keeps one agent to its share of the window while the others use theirs', () => {
    const budget = new Budget({ ...PERSONA, perWindow: 12, agentShare: 0.25 })
    for (const other of ['bob', 'carol', 'dave']) fill(budget, 1, T0, other)
    fill(budget, 3, T0, 'alice')
    expect(budget.check(T0 + 10, 'interactive', 'alice')).toEqual({ reason: 'agent-share', retryAfterMs: 59_990 })
    expect(budget.check(T0 + 10, 'interactive', 'bob')).toBeNull()
    expect(budget.check(T0 + 60_000, 'interactive', 'alice')).toBeNull()
  })

  it('keeps all AI clients together within AI_SHARE of the window, however free the rest is', () => {
    // 40 a minute, AI share 0.25: 10 for every AI client together; each AI client may hold the whole agent share.
    const budget = new Budget({ ...PERSONA, perWindow: 40, agentShare: 1, aiShare: 0.25 })
    let granted = 0
    for (let i = 0; i < 1000; i++) {
      const agent = aiAgent(i % 2 ? 'fin' : 'zendesk')
      if (budget.check(T0 + i, 'interactive', agent) !== null) continue
      budget.take(T0 + i, agent)
      granted++
    }
    expect(granted).toBe(10)
    expect(budget.check(T0 + 1000, 'interactive', aiAgent('fin'))).toEqual({ reason: 'ai-share', retryAfterMs: 60_000 - 1000 })
    // People still have the other 30 calls of the window.
    for (let i = 0; i < 30; i++) {
      expect(budget.check(T0 + 2000 + i, 'interactive', `agent${i % 3}`)).toBeNull()
      budget.take(T0 + 2000 + i, `agent${i % 3}`)
    }
    // Once the AI calls leave the window, AI clients are served again.
    expect(budget.check(T0 + 60_000, 'interactive', aiAgent('fin'))).toBeNull()
    // Without AI_SHARE (unset) an AI client is only an agent.
    expect(new Budget({ ...PERSONA, perWindow: 40, agentShare: 1 }).check(T0, 'interactive', aiAgent('fin'))).toBeNull()
  })

  it('binds the share only when the budget is contended (work-conserving)', () => {
    // Persona's defaults: 270 a minute, a share of 67.
    const budget = new Budget({ ...PERSONA, perWindow: 270, agentShare: 0.25 })
    const granted = (agent: string, from: number, n: number) => {
      let count = 0
      for (let i = 0; i < n; i++) {
        if (budget.check(from + i * 100, 'interactive', agent) !== null) continue
        budget.take(from + i * 100, agent)
        count++
      }
      return count
    }
    // Alone, alice opens details quickly: everything but one share (kept free for whoever comes next).
    expect(granted('alice', T0, 300)).toBe(203)
    // bob arrives: his whole share at once, none of it spent by alice before him.
    expect(granted('bob', T0 + 30_000, 67)).toBe(67)
    // A third agent who asks (refused by a full window) is owed her share: alice may not take the slots that free up.
    expect(budget.check(T0 + 31_000, 'interactive', 'carol')).toMatchObject({ reason: 'window' })
    // alice's first calls leave the window: carol is served first, alice is held to what nobody else is owed.
    expect(granted('alice', T0 + 61_000, 10)).toBe(0)
    expect(granted('carol', T0 + 61_000, 10)).toBe(10)
  })

  it("resyncs from the vendor's RateLimit-Remaining/Reset until its reset", () => {
    const budget = new Budget(PERSONA)
    budget.resync(T0, 1, 20)
    expect(budget.check(T0, 'interactive', 'a')).toBeNull()
    budget.take(T0, 'a')
    expect(budget.check(T0 + 1000, 'interactive', 'a')).toEqual({ reason: 'vendor-remaining', retryAfterMs: 19_000 })
    expect(budget.snapshot(T0 + 1000)).toMatchObject({ remaining: 0, resetSeconds: 19 })
    expect(budget.check(T0 + 20_000, 'interactive', 'a')).toBeNull()
    // Background keeps the vendor's last 20% too.
    budget.resync(T0 + 20_000, 2, 30)
    expect(budget.check(T0 + 20_000, 'background', 'a')?.reason).toBe('background-reserve')
  })

  it("holds every call after the vendor's 429, clamped to 1..3600 s", () => {
    expect([0, 0.2, 1, 42, 3600, 99_999].map(clampHoldSeconds)).toEqual([1, 1, 1, 42, 3600, 3600])
    const budget = new Budget(PERSONA)
    expect(budget.hold(T0, 42)).toBe(42)
    expect(budget.check(T0 + 41_000, 'interactive', 'a')).toEqual({ reason: 'vendor-hold', retryAfterMs: 1000 })
    expect(budget.snapshot(T0 + 41_000)).toMatchObject({ remaining: 0, resetSeconds: 1, holdUntil: T0 + 42_000 })
    expect(budget.check(T0 + 42_000, 'interactive', 'a')).toBeNull()
    expect(budget.hold(T0, 99_999)).toBe(3600)
  })
})

describe('budget math: every quota shared per agent', () => {
  it("keeps one agent to AGENT_SHARE of the day, until the next UTC midnight; the others' calls go on", () => {
    const budget = new Budget({ ...DEEPIDV, perWindow: 22, perDay: 8, agentShare: 0.25 })
    fill(budget, 2, T0, 'alice')
    expect(budget.check(T0 + 5000, 'interactive', 'alice')).toEqual({ reason: 'agent-day-share', retryAfterMs: 12 * 3_600_000 - 5000 })
    expect(budget.quotaOf('agent-day-share')).toEqual({ limit: 2, remaining: 0 })
    expect(budget.check(T0 + 5000, 'interactive', 'bob')).toBeNull()
    expect(budget.check(Date.UTC(2026, 10, 24, 0, 0, 0), 'interactive', 'alice')).toBeNull()
  })

  it('puts restored call times back into the window and the per-agent share', () => {
    const budget = new Budget({ ...PERSONA, perWindow: 4, agentShare: 0.5 })
    budget.restore([
      { at: T0, agent: 'alice' },
      { at: T0 + 1, agent: 'alice' },
      { at: T0 + 2, agent: 'bob' },
    ])
    expect(budget.check(T0 + 10, 'interactive', 'alice')).toEqual({ reason: 'agent-share', retryAfterMs: 59_990 })
    expect(budget.snapshot(T0 + 10)).toMatchObject({ used: 3, remaining: 1 })
  })
})
