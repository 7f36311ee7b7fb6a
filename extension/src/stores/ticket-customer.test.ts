import { describe, expect, it, vi } from 'vitest'
import type { LookupFound } from '@idv-lens/shared/api'
import type { Send, TicketCustomer } from '../lib/messages.ts'
import { createTicketCustomer } from './ticket-customer.ts'

const found = (id: string, provider: string, createdAt: string) =>
  ({ id, provider, createdAt, kind: 'persona-inquiry', status: 'failed' }) as unknown as LookupFound
const ANSWER: TicketCustomer = {
  read: 'reference',
  name: 'Dana',
  reference: 'user-7431',
  answer: {
    ok: true,
    data: {
      referenceId: 'user-7431',
      data: [
        found('a', 'persona', '2026-11-29T01:00:00Z'),
        found('b', 'onfido', '2026-11-28T01:00:00Z'),
        found('c', 'persona', '2026-11-20T01:00:00Z'),
      ],
      complete: true,
      vendors: [{ provider: 'persona', outcome: 'searched', found: 2, complete: true, why: null }],
    },
  } as never,
}

describe("the side panel's ticket customer", () => {
  it('asks for nothing until shown, then once, and lists the records by vendor, newest first', async () => {
    const send = vi.fn(async () => ANSWER) as unknown as Send
    const customer = createTicketCustomer(send, async () => 7)
    expect(customer.state.value).toEqual({ status: 'idle' })
    expect(send).not.toHaveBeenCalled()
    await customer.show()
    expect(vi.mocked(send).mock.calls).toEqual([['readTicketCustomer', { windowId: 7 }]])
    const state = customer.state.value
    expect(state).toMatchObject({ status: 'done', by: 'reference', reference: 'user-7431', count: 3, failure: null })
    expect(state.status === 'done' && state.groups.map((g) => [g.provider, g.entries.map((e) => e.id)])).toEqual([
      ['persona', ['a', 'c']],
      ['onfido', ['b']],
    ])
    customer.hide()
    expect(customer.state.value).toEqual({ status: 'idle' })
  })

  it('says where no ticket was read, and keeps an answer that arrives after Hide off the screen', async () => {
    let answer: (value: TicketCustomer) => void = () => {}
    const send = vi.fn(() => new Promise<TicketCustomer>((resolve) => (answer = resolve))) as unknown as Send
    const customer = createTicketCustomer(send, async () => 7)
    const shown = customer.show()
    expect(customer.state.value).toEqual({ status: 'reading' })
    await vi.waitFor(() => expect(send).toHaveBeenCalled())
    customer.hide()
    answer({ read: 'no-ticket' })
    await shown
    expect(customer.state.value).toEqual({ status: 'idle' })
    vi.mocked(send).mockResolvedValueOnce({ read: 'no-ticket' } as never)
    await customer.show()
    expect(customer.state.value).toEqual({ status: 'no-ticket' })
  })
})
