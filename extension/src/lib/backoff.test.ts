import { describe, expect, it, vi } from 'vitest'
import { virtualTimers } from '../../test-support/virtual-timers.ts'
import { BACKOFF_MS, createAutoRetry, retriesBySelf } from './backoff.ts'
import type { RelayFailure } from './messages.ts'

const DOWN: RelayFailure = { kind: 'unreachable', reason: { code: 'cannot-reach', relay: 'https://relay.example' } }
const TOKEN: RelayFailure = { kind: 'unauthorized', reason: { code: 'token-refused', status: 401 } }

describe('retriesBySelf', () => {
  it.each<[string, RelayFailure, boolean]>([
    ['nothing answered', DOWN, true],
    ['a timeout', { kind: 'unreachable', reason: { code: 'timeout', relay: 'r' } }, true],
    ['a gateway 502 in front of the relay', { kind: 'unreachable', reason: { code: 'not-a-relay', status: 502 } }, true],
    ['the vendor down', { kind: 'upstream', reason: { code: 'relay-problem' } }, true],
    ['a rate limit', { kind: 'rate-limited', reason: { code: 'relay-problem' }, retryAfter: 30 }, true],
    ['the token refused', TOKEN, false],
    ['sign-in needed', { kind: 'unauthorized', reason: { code: 'sign-in-needed' }, signIn: true }, false],
    ['our origin not allowed', { kind: 'unreachable', reason: { code: 'origin-not-allowed', relay: 'r', origin: 'o' } }, false],
    ['a 404 page (wrong URL)', { kind: 'unreachable', reason: { code: 'not-a-relay', status: 404 } }, false],
    ['not configured', { kind: 'not-configured', reason: { code: 'not-configured' } }, false],
  ])('%s: %s', (_name, failure, expected) => {
    expect(retriesBySelf(failure)).toBe(expected)
  })
})

describe('createAutoRetry', () => {
  it('should back off 1, 2, 4, 8, then every 15 s while the relay stays down', () => {
    const clock = virtualTimers()
    const run = vi.fn()
    const retry = createAutoRetry(run, clock.timers)
    const waits: number[] = []
    for (let i = 0; i < 7; i++) {
      retry.settled(DOWN)
      waits.push(clock.pending()[0]!)
      clock.advance(waits.at(-1)!)
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000])
    expect(run).toHaveBeenCalledTimes(7)
    expect(Math.max(...BACKOFF_MS)).toBeLessThanOrEqual(15_000)
  })

  it('should start again from 1 s after a success, and wait at least Retry-After', () => {
    const clock = virtualTimers()
    const retry = createAutoRetry(() => {}, clock.timers)
    retry.settled(DOWN)
    retry.settled(DOWN)
    retry.settled(null)
    expect(clock.pending()).toEqual([])
    retry.settled(DOWN)
    expect(clock.pending()).toEqual([1_000])
    retry.settled({ kind: 'rate-limited', reason: { code: 'too-many-requests' }, retryAfter: 30 })
    expect(clock.pending()).toEqual([30_000])
  })

  it('should not retry what the agent must fix, and cancel when the agent retries', () => {
    const clock = virtualTimers()
    const run = vi.fn()
    const retry = createAutoRetry(run, clock.timers)
    retry.settled(TOKEN)
    expect(clock.pending()).toEqual([])
    retry.settled(DOWN)
    expect(retry.pending).toBe(true)
    retry.cancel()
    clock.advance(60_000)
    expect(run).not.toHaveBeenCalled()
  })
})
