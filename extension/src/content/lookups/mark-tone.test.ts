import { describe, expect, it } from 'vitest'
import type { LookupFailed, LookupFound } from '@idv-lens/shared/api'
import { toneOf } from './mark-tone.ts'

const found = (status: string, provider: LookupFound['provider'] = 'persona') =>
  ({ state: 'found', at: 0, entry: { status, provider } as LookupFound }) as const
const missing = (code: LookupFailed['error']['code']) => ({ state: 'missing', at: 0, entry: { error: { code } } as LookupFailed }) as const

describe('toneOf', () => {
  it.each([
    { why: 'an approved inquiry', state: found('approved'), tone: 'good' },
    { why: 'a declined inquiry', state: found('declined'), tone: 'bad' },
    { why: 'an inquiry needing review', state: found('needs_review'), tone: 'warn' },
    { why: 'a VERIFIED deepidv session', state: found('VERIFIED', 'deepidv'), tone: 'good' },
    { why: 'a status nobody listed', state: found('brand_new_status'), tone: 'neutral' },
    { why: 'a status only another vendor colours', state: found('VERIFIED', 'persona'), tone: 'neutral' },
    { why: 'an ID the vendor does not know', state: missing('not-found'), tone: 'unknown' },
    { why: 'an ID the vendor failed to answer for', state: missing('upstream-unavailable'), tone: 'pending' },
    {
      why: 'a failed call',
      state: { state: 'failed', at: 0, failure: { kind: 'unreachable', reason: { code: 'not-json' } } } as const,
      tone: 'pending',
    },
    { why: 'an ID not looked up yet', state: undefined, tone: 'pending' },
    {
      why: "an ID over the tab's lookup budget",
      state: {
        state: 'failed',
        at: 0,
        failure: { kind: 'over-budget', reason: { code: 'over-budget', count: 300, minutes: 10 } },
      } as const,
      tone: 'neutral',
    },
  ] as const)('should paint $why as $tone', ({ state, tone }) => {
    expect(toneOf(state)).toBe(tone)
  })
})
