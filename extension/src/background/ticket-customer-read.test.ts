import { describe, expect, it, vi } from 'vitest'
import type { HistoryResponse } from '@idv-lens/shared/api'
import type { RelayResult } from '../lib/messages.ts'
import { readTicketCustomer } from './ticket-customer-read.ts'

const ZENDESK_TICKET = { tabId: 4, url: 'https://acme.zendesk.com/agent/tickets/4821' }
const HISTORY: RelayResult<HistoryResponse> = { ok: true, data: { referenceId: 'user-7431', data: [], complete: true, vendors: [] }, freshness: 'fresh', receivedAt: 0 } as never

/** The background's parts: the page shows `parts` in its top frame; the relay answers HISTORY. */
function fakes(parts: { email: string | null; name: string | null; reference: string | null } | null) {
  const executeScript = vi.fn(async (_: { target: { tabId: number; frameIds?: number[] }; args?: unknown[] }) => (parts ? [{ frameId: 0, result: parts }] : []))
  const readHistory = vi.fn(async (_: { referenceId: string } | { email: string }) => HISTORY)
  return { deps: { api: { scripting: { executeScript } } as never, readHistory }, executeScript, readHistory }
}

describe("readTicketCustomer (the side panel's click)", () => {
  it('reads the ticket tab once, in its top frame, and asks the history by the reference alone', async () => {
    const { deps, executeScript, readHistory } = fakes({ email: 'dana@example.com', name: 'Dana', reference: 'user-7431' })
    expect(await readTicketCustomer(deps, ZENDESK_TICKET)).toEqual({ read: 'reference', name: 'Dana', reference: 'user-7431', answer: HISTORY })
    expect(executeScript).toHaveBeenCalledTimes(1)
    expect(executeScript.mock.calls[0]![0].target).toEqual({ tabId: 4, frameIds: [0] })
    expect(readHistory.mock.calls).toEqual([[{ referenceId: 'user-7431' }]])
  })

  it('asks by the email where the ticket shows no reference, and answers the panel without it', async () => {
    const { deps, readHistory } = fakes({ email: 'dana@example.com', name: null, reference: null })
    const answer = await readTicketCustomer(deps, ZENDESK_TICKET)
    expect(answer).toEqual({ read: 'email', name: null, reference: null, answer: HISTORY })
    expect(JSON.stringify(answer)).not.toContain('dana@example.com')
    expect(readHistory.mock.calls).toEqual([[{ email: 'dana@example.com' }]])
  })

  it('asks the relay nothing where the ticket shows neither, and reads nothing without a workspace tab', async () => {
    const named = fakes({ email: null, name: 'Dana', reference: null })
    expect(await readTicketCustomer(named.deps, ZENDESK_TICKET)).toEqual({ read: 'none', name: 'Dana' })
    expect(named.readHistory).not.toHaveBeenCalled()
    for (const tab of [null, { tabId: 5, url: 'https://example.com/' }]) {
      const { deps, executeScript, readHistory } = fakes({ email: 'dana@example.com', name: null, reference: 'user-7431' })
      expect(await readTicketCustomer(deps, tab)).toEqual({ read: 'no-ticket' })
      expect(executeScript).not.toHaveBeenCalled()
      expect(readHistory).not.toHaveBeenCalled()
    }
  })
})
