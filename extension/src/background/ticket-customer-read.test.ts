import { describe, expect, it, vi } from 'vitest'
import type { HistoryResponse } from '@idv-lens/shared/api'
import type { RelayResult } from '../lib/messages.ts'
import { readTicketCustomer, ticketCustomerTab } from './ticket-customer-read.ts'

const ZENDESK_TICKET = { tabId: 4, url: 'https://acme.zendesk.com/agent/tickets/4821' }
const HISTORY: RelayResult<HistoryResponse> = {
  ok: true,
  data: { referenceId: 'user-7431', data: [], complete: true, vendors: [] },
  freshness: 'fresh',
  receivedAt: 0,
} as never

/** The background's parts: the page shows `parts` in its top frame; the relay answers HISTORY. */
function fakes(parts: { email: string | null; name: string | null; reference: string | null } | null) {
  const executeScript = vi.fn(async (_: { target: { tabId: number; frameIds?: number[] }; args?: unknown[] }) =>
    parts ? [{ frameId: 0, result: parts }] : [],
  )
  const readHistory = vi.fn(async (_: { referenceId: string } | { email: string }) => HISTORY)
  return { deps: { api: { scripting: { executeScript } } as never, readHistory }, executeScript, readHistory }
}

describe("readTicketCustomer (the side panel's click)", () => {
  it('reads the ticket tab once, in its top frame, and asks the history by the reference alone', async () => {
    const { deps, executeScript, readHistory } = fakes({ email: 'dana@example.com', name: 'Dana', reference: 'user-7431' })
    expect(await readTicketCustomer(deps, ZENDESK_TICKET)).toEqual({
      read: 'reference',
      name: 'Dana',
      reference: 'user-7431',
      answer: HISTORY,
    })
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

describe("ticketCustomerTab (which ticket the side panel's click reads)", () => {
  type Tab = { id: number; url: string; windowId: number; active: boolean; lastAccessed: number }
  const PANEL = 'chrome-extension://abc/sidepanel.html'
  /** browser.tabs.query over `tabs`, as far as ticketCustomerTab asks it (the last focused window: 9). */
  const queryOver = (tabs: Tab[]) => async (q: { active?: true; windowId?: number; lastFocusedWindow?: true }) =>
    tabs.filter(
      (t) =>
        (!q.active || t.active) && (q.windowId === undefined || t.windowId === q.windowId) && (!q.lastFocusedWindow || t.windowId === 9),
    )
  const zendesk = (id: number, over: Partial<Tab>): Tab => ({
    id,
    url: `https://acme.zendesk.com/agent/tickets/${id}`,
    windowId: 1,
    active: false,
    lastAccessed: id,
    ...over,
  })

  it("reads the active tab of the panel's window, not a newer ticket tab nor the last focused window's", async () => {
    const tabs = [zendesk(1, { active: true }), zendesk(2, {}), zendesk(3, { windowId: 9, active: true, lastAccessed: 99 })]
    expect(await ticketCustomerTab(1, queryOver(tabs))).toEqual({ tabId: 1, url: tabs[0]!.url })
    tabs[0]!.active = false
    tabs[1]!.active = true
    expect(await ticketCustomerTab(1, queryOver(tabs))).toEqual({ tabId: 2, url: tabs[1]!.url })
  })

  it('with the panel open as a tab of its own, reads the ticket used last in its window, then anywhere', async () => {
    const tabs = [
      zendesk(1, { lastAccessed: 50 }),
      zendesk(2, { lastAccessed: 10 }),
      { id: 5, url: PANEL, windowId: 1, active: true, lastAccessed: 60 },
      zendesk(3, { windowId: 9, lastAccessed: 99 }),
    ]
    expect(await ticketCustomerTab(1, queryOver(tabs))).toEqual({ tabId: 1, url: tabs[0]!.url })
    expect(await ticketCustomerTab(4, queryOver(tabs))).toEqual({ tabId: 3, url: tabs[3]!.url })
    expect(await ticketCustomerTab(1, queryOver([tabs[2]!]))).toBeNull()
  })
})
