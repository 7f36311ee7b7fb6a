import { browser } from '#imports'
import type { HistoryResponse } from '@idv-lens/shared/api'
import type { RelayResult, TicketCustomer } from '../lib/messages.ts'
import type { BackgroundApi } from './listeners.ts'
import { readInTab, requesterSpotsFor } from './ticket-requester.ts'

/*
"Show this ticket's customer" (the side panel's button): on that click only, the requester is read in
the ticket's tab through the workspace's spots (sites/requester-spots.ts), and the relay's history is
asked by the customer reference, what every vendor searches by. Without one, by the email, which the
relay answers with a "not searched" line per vendor and no vendor call. Only that one value goes to the
relay; the panel gets the name and the reference to title the answer, never the email.
*/

type ReadHistory = (req: { referenceId: string } | { email: string }) => Promise<RelayResult<HistoryResponse>>
type Tab = { id?: number; url?: string; windowId?: number; lastAccessed?: number }
type TabsQuery = (query: { active?: true; windowId?: number; lastFocusedWindow?: true }) => Promise<Tab[]>

/**
 * The ticket the agent looks at: the active tab of the side panel's window (`windowId`; unknown: the
 * last focused window) where it is a workspace the extension reads; else (the panel opened as a tab of
 * its own) the workspace tab used last, in that window first. Never merely the newest ticket tab.
 */
export async function ticketCustomerTab(
  windowId?: number,
  query: TabsQuery = (q) => browser.tabs.query(q),
): Promise<{ tabId: number; url: string } | null> {
  const ticket = (tab: Tab | undefined): tab is Tab & { id: number; url: string } =>
    tab?.id !== undefined && requesterSpotsFor(tab.url) !== null
  const [active] = await query({ active: true, ...(windowId === undefined ? { lastFocusedWindow: true } : { windowId }) }).catch(
    (): Tab[] => [],
  )
  const usedLast = (tabs: Tab[]) => tabs.filter(ticket).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0]
  const all = ticket(active) ? [] : await query({}).catch((): Tab[] => [])
  const found = ticket(active) ? active : (usedLast(all.filter((tab) => tab.windowId === windowId)) ?? usedLast(all))
  return found ? { tabId: found.id, url: found.url } : null
}

/** Reads the customer in the tab's top frame and asks the relay for their verifications at every vendor. */
export async function readTicketCustomer(
  deps: { api: Pick<BackgroundApi, 'scripting'>; readHistory: ReadHistory },
  tab: { tabId: number; url: string } | null,
): Promise<TicketCustomer> {
  const spots = tab ? requesterSpotsFor(tab.url) : null
  if (!tab || !spots) return { read: 'no-ticket' }
  const [parts] = await readInTab(deps.api, tab.tabId, [0], spots)
  if (!parts || (!parts.reference && !parts.email)) return { read: 'none', name: parts?.name ?? null }
  const answer = await deps.readHistory(parts.reference ? { referenceId: parts.reference } : { email: parts.email! })
  return { read: parts.reference ? 'reference' : 'email', name: parts.name, reference: parts.reference, answer }
}
