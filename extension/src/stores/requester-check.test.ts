import { describe, expect, it, vi } from 'vitest'
import type { Send } from '../lib/messages.ts'
import { createRequesterCheck } from './requester-check.ts'

const ID = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'

describe('createRequesterCheck', () => {
  it('should send the trimmed value once and keep only the answer', async () => {
    const send = vi.fn(async () => ({
      ok: true,
      data: { data: { id: ID, field: 'email', result: 'match' } },
      freshness: null,
      receivedAt: 0,
    })) as unknown as Send
    const check = createRequesterCheck(send, ID)
    await check.check('email', '  ada@example.com ')
    expect(vi.mocked(send).mock.calls).toEqual([['checkRequester', { id: ID, field: 'email', value: 'ada@example.com' }]])
    expect(check.answer.value).toEqual({ id: ID, field: 'email', result: 'match' })
    // Nothing the store holds carries the typed value.
    expect(JSON.stringify({ answer: check.answer.value, busy: check.busy.value, error: check.error.value })).not.toContain('ada@')
  })

  it('should not send a blank value', async () => {
    const send = vi.fn() as unknown as Send
    await createRequesterCheck(send, ID).check('name', '   ')
    expect(send).not.toHaveBeenCalled()
  })

  it('should show a failure, and forget the answer on reset', async () => {
    const send = vi.fn(async () => ({
      ok: false,
      error: { kind: 'unreachable', reason: { code: 'cannot-reach', relay: 'https://relay.example' } },
    })) as unknown as Send
    const check = createRequesterCheck(send, ID)
    await check.check('name', 'Ada Lovelace')
    expect(check.error.value?.failure.kind).toBe('unreachable')
    check.reset()
    expect(check.error.value).toBeNull()
    expect(check.answer.value).toBeNull()
  })

  it("should ask for the ticket's requester by ID only, and say what was compared or that there was none", async () => {
    const send = vi
      .fn()
      .mockResolvedValueOnce({
        read: 'email',
        answer: { ok: true, data: { data: { id: ID, field: 'email', result: 'no-match' } }, freshness: null, receivedAt: 0 },
      })
      .mockResolvedValueOnce({ read: 'none' }) as unknown as Send
    const check = createRequesterCheck(send, ID)
    await check.checkTicket()
    expect(vi.mocked(send).mock.calls).toEqual([['checkTicketRequester', { id: ID }]])
    expect([check.answer.value?.result, check.fromTicket.value]).toEqual(['no-match', 'email'])
    await check.checkTicket()
    expect([check.answer.value, check.fromTicket.value, check.busy.value]).toEqual([null, 'none', false])
  })

  it("should show a match the background holds for the record (the card's), and none once it is not held", async () => {
    const send = vi.fn().mockResolvedValueOnce({ field: 'email', at: 1234 }).mockResolvedValueOnce(null) as unknown as Send
    const check = createRequesterCheck(send, ID)
    await check.recall()
    expect(vi.mocked(send).mock.calls).toEqual([['heldRequesterMatch', { id: ID }]])
    expect(check.answer.value).toEqual({ id: ID, field: 'email', result: 'match' })
    expect(check.heldAt.value).toBe(1234)
    const later = createRequesterCheck(send, ID)
    await later.recall()
    expect(later.answer.value).toBeNull()
  })

  it('should let a check the agent started win over a held match answered after it', async () => {
    let answerHeld!: (held: unknown) => void
    const send = vi.fn((type: string) =>
      type === 'heldRequesterMatch' ? new Promise((resolve) => (answerHeld = resolve)) : Promise.resolve({ read: 'none' }),
    ) as unknown as Send
    const check = createRequesterCheck(send, ID)
    const recalled = check.recall()
    await check.checkTicket()
    answerHeld({ field: 'email', at: 1 })
    await recalled
    expect(check.answer.value).toBeNull()
    expect(check.fromTicket.value).toBe('none')
  })
})
