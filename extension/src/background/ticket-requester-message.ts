import { browser } from '#imports'
import type { TicketRequesterCheck } from '../lib/messages.ts'
import { onMessage } from '../lib/messages.ts'
import { requireAgentPage, type PageScope } from './page-scope.ts'
import type { Relay } from './relay-client.ts'
import { checkId, checkTabId, contentScriptTab, RefusedMessage, requireExtensionPage, type Sender } from './sender-policy.ts'
import { frameReported } from './tab-badge.ts'
import { checkTicketRequester, ticketTabOf } from './ticket-requester.ts'
import { readTicketCustomer, ticketCustomerTab } from './ticket-customer-read.ts'
import { heldRequesterMatch, holdingMatches } from './requester-matches.ts'

/**
 * `checkTicketRequester`: a card asks for its own frame's ID (one the frame reported, on the page the
 * agent works on); the side panel for the tab that reported the ID. `readTicketCustomer`: the side
 * panel's "Show this ticket's customer" (ticket-customer-read.ts). Anything else is refused. A
 * match, the card's or the panel's, is held for the link step (requester-matches.ts): `heldRequesterMatch`
 * tells the extension's pages alone. `now`: the clock of the hold.
 */
export function ticketRequesterMessages(relay: Relay, scope: PageScope, now: () => number = Date.now): (() => void)[] {
  const check = holdingMatches(relay.handlers.checkRequester, now)
  return [
    ticketRequesterMessage({ api: browser, check }, scope),
    onMessage('checkRequester', ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'checkRequester')
      return check(data)
    }),
    onMessage('readTicketCustomer', async ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'readTicketCustomer')
      const windowId = data?.windowId === undefined ? undefined : checkTabId(data.windowId)
      return readTicketCustomer({ api: browser, readHistory: relay.handlers.readHistory }, await ticketCustomerTab(windowId))
    }),
    onMessage('heldRequesterMatch', ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'heldRequesterMatch')
      return heldRequesterMatch(checkId(data?.id), now())
    }),
  ]
}

function ticketRequesterMessage(deps: Parameters<typeof checkTicketRequester>[0], scope: PageScope): () => void {
  return onMessage('checkTicketRequester', async ({ data, sender }): Promise<TicketRequesterCheck> => {
    const id = checkId(data?.id)
    const tabId = contentScriptTab(sender as Sender)
    if (tabId !== null) {
      const frameId = sender.frameId ?? 0
      await requireAgentPage(scope, sender as Sender, 'checkTicketRequester')
      if (!(await frameReported(tabId, frameId, id)))
        throw new RefusedMessage('checkTicketRequester is only accepted for an ID the frame reported')
      return checkTicketRequester(deps, { tabId, frameIds: [frameId], url: (sender as Sender).tab?.url, id })
    }
    requireExtensionPage(sender as Sender, 'checkTicketRequester')
    const tab = await ticketTabOf(id)
    return tab ? checkTicketRequester(deps, { ...tab, id }) : { read: 'none' }
  })
}
