import { afterEach, describe, expect, it, vi } from 'vitest'
import { ONFIDO_ACTIONS, runTakesNewLink } from './onfido-actions.ts'

const link = ONFIDO_ACTIONS[0]!
const RUN = 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46'
const context = { teamList: async () => [] }

afterEach(() => {
  vi.useRealTimers()
})

describe("Onfido's new link as the extension declares it", () => {
  it('acts on Onfido run IDs only', () => {
    expect(link.key).toBe('onfido-link')
    expect(link.target(RUN)).toBe(true)
    expect(link.target('inq_zEx4jL84ShbUyuwX6AzPSqt6')).toBe(false)
  })

  it("sends the expiry as Onfido's link.expires_at, and refuses one the relay would not take", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 27, 12, 0, 0) })
    expect(await link.check({ expiresInSeconds: 86_400 }, context)).toEqual({ input: { link: { expires_at: '2026-11-28T12:00:00.000Z' } } })
    expect(await link.check(undefined, context)).toEqual({ input: {} })
    for (const seconds of [59, 8 * 86_400, 1.5, '3600'])
      expect(await link.check({ expiresInSeconds: seconds }, context)).toEqual({ refused: 'expiry-out-of-range' })
  })

  it("hands the page the answer's link.url only, and no answer without an http(s) link", () => {
    const answer = {
      workflow_run: { id: RUN, applicant_id: 'x' },
      link: { url: 'https://eu.onfido.app/l/abc', expires_at: '2026-11-28T12:00:00Z' },
    }
    expect(link.answer!(answer)).toEqual({ link: 'https://eu.onfido.app/l/abc' })
    expect(link.answer!({ ...answer, link: { url: 'javascript:alert(1)' } })).toBeNull()
    expect(link.answer!({ workflow_run: answer.workflow_run })).toBeNull()
  })

  it('is offered for runs where the customer still has a step: not approved, processing or in review', () => {
    expect(['approved', 'processing', 'review', null].map(runTakesNewLink)).toEqual([false, false, false, false])
    expect(['declined', 'abandoned', 'awaiting_input', 'error'].map(runTakesNewLink)).toEqual([true, true, true, true])
  })
})
