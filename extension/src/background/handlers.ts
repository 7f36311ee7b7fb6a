import { browser } from '#imports'
import type { ConnectionReport, LookupIdsResult, RelayFailure } from '../lib/messages.ts'
import { onMessage } from '../lib/messages.ts'
import { relayUrl, type Relay, type RelayHandlers } from './relay-client.ts'
import {
  budgetPage,
  PAGE_LOOKUP_LIMIT,
  TAB_LOOKUP_LIMIT,
  TAB_LOOKUP_WINDOW_MS,
  type Admission,
  type LookupBudget,
} from './lookup-budget.ts'
import { openDetailFromCard, openDetailView } from './open-detail.ts'
import { browserPageScope, requireAgentPage, type PageScope } from './page-scope.ts'
import {
  checkId,
  checkListRequest,
  checkLookupIds,
  checkRecordRequest,
  checkSection,
  checkTabId,
  contentScriptTab,
  requireExtensionPage,
  type Sender,
} from './sender-policy.ts'
import { actionMessages } from './action-messages.ts'
import type { AnnounceChanged } from './object-changes.ts'
import { testConnection } from './test-connection.ts'
import { ticketRequesterMessages } from './ticket-requester-message.ts'
import { insertReplyMessage } from './reply-composer.ts'

/** Lists and details: the extension's pages only (a content script has no use for them). */
const PAGE_RELAY_MESSAGES = [
  'liveConnection',
  'readAudit',
  'readUsage',
  'readHistory',
  'agentInfo',
] as const satisfies readonly (keyof RelayHandlers)[]

const internal = (err: unknown): { ok: false; error: RelayFailure } => ({
  ok: false,
  error: { kind: 'internal', reason: { code: 'extension-failed', error: err instanceof Error ? err.message : String(err) } },
})

function overBudget(retryAfter: number, over: Admission['over']): RelayFailure {
  const page = over === 'page'
  return {
    kind: 'over-budget',
    reason: {
      code: 'over-budget',
      count: page ? PAGE_LOOKUP_LIMIT : TAB_LOOKUP_LIMIT,
      minutes: TAB_LOOKUP_WINDOW_MS / 60_000,
      ...(page ? { scope: 'page' as const } : {}),
    },
    retryAfter,
  }
}

/**
 * A content script's lookup: the IDs are checked (1 to 100, each an ID of the shared table), then
 * counted against its page's and its tab's budget; IDs over the budget are not sent to the relay.
 * The page is the tab's, whichever frame asks (the browser's URL, after any route change).
 */
async function lookupForTab(
  relay: Relay,
  budget: LookupBudget,
  sender: { tabId: number; url: string | undefined },
  req: { ids: string[]; refresh?: boolean; background?: boolean },
): Promise<LookupIdsResult> {
  const { admitted, refused, retryAfter, over } = await budget.admit(sender.tabId, budgetPage(sender.url), req.ids)
  if (admitted.length === 0) return { ok: false, error: overBudget(retryAfter, over) }
  const result: LookupIdsResult = await relay.handlers.lookupIds({
    ids: admitted,
    refresh: req.refresh === true,
    background: req.background === true,
  })
  return refused.length > 0 ? { ...result, overBudget: { ids: refused, failure: overBudget(retryAfter, over) } } : result
}

/** A card's "Open settings": from our content script in a tab or one of our pages; it only opens our own page. */
function openSettingsMessage(): () => void {
  return onMessage('openSettings', ({ sender }) => {
    if (contentScriptTab(sender as Sender) === null) requireExtensionPage(sender as Sender, 'openSettings')
    return browser.runtime.openOptionsPage()
  })
}

/** The extension pages' relay messages: passed through as they come (PAGE_RELAY_MESSAGES). */
function pageRelayMessages(relay: Relay): (() => void)[] {
  return PAGE_RELAY_MESSAGES.map((name) => {
    const handler = relay.handlers[name] as (req: unknown) => Promise<unknown>
    return onMessage(name, ({ data, sender }) => {
      requireExtensionPage(sender as Sender, name)
      return handler(data).catch(internal) as never
    })
  })
}

/** A vendor's list or record: the registry must know the list or the kind before anything is sent (sender-policy.ts). */
function recordMessages(relay: Relay): (() => void)[] {
  return [
    onMessage('listRecords', ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'listRecords')
      return relay.handlers.listRecords(checkListRequest(data)).catch(internal)
    }),
    onMessage('getRecord', ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'getRecord')
      return relay.handlers.getRecord(checkRecordRequest(data)).catch(internal)
    }),
  ]
}

/** A lookup from a content script (budgeted, on the agent's page only) or from one of our pages. */
function lookupIdsMessage(relay: Relay, budget: LookupBudget, scope: PageScope): () => void {
  return onMessage('lookupIds', async ({ data, sender }) => {
    const ids = checkLookupIds(data?.ids)
    const tabId = contentScriptTab(sender as Sender)
    const url = (sender as Sender).tab?.url ?? (sender as Sender).url
    if (tabId !== null) {
      // Only for the page the agent works on: never with the agent's token for a site that frames an agent URL (page-scope.ts).
      await requireAgentPage(scope, sender as Sender, 'lookupIds')
      return lookupForTab(relay, budget, { tabId, url }, { ids, refresh: data.refresh, background: data.background }).catch(internal)
    }
    requireExtensionPage(sender as Sender, 'lookupIds')
    return relay.handlers.lookupIds({ ids, refresh: data.refresh === true, background: data.background === true }).catch(internal)
  })
}

/** The options page's connection test and its question of how a relay signs in. */
function connectionMessages(relay: Relay): (() => void)[] {
  return [
    onMessage('testConnection', ({ data, sender }) => {
      // Only the options page tests a connection: from anywhere else it would be a probe of any URL.
      requireExtensionPage(sender as Sender, 'testConnection')
      return testConnection(relay, data).catch(
        (err): ConnectionReport => ({ relay: 'error', auth: 'skipped', outcome: { code: 'relay-failed', failure: internal(err).error } }),
      )
    }),
    onMessage('relayAuthMode', async ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'relayAuthMode')
      const target = relayUrl({ workerUrl: String(data?.workerUrl ?? ''), agentToken: '' })
      return 'problem' in target ? null : relay.authMode(target.base)
    }),
  ]
}

function openDetailMessage(): () => void {
  return onMessage('openDetail', ({ data, sender }) => {
    const id = checkId(data?.id)
    const section = checkSection(data?.section)
    // A content script opens the panel for its own tab, whatever the message says, on an ID its frame reported.
    const ownTab = contentScriptTab(sender as Sender)
    if (ownTab !== null) return openDetailFromCard({ tabId: ownTab, frameId: sender.frameId ?? 0 }, id, section)
    requireExtensionPage(sender as Sender, 'openDetail')
    return openDetailView(id, data.tabId === undefined ? undefined : checkTabId(data.tabId), { section })
  })
}

/**
 * Answers the relay messages, testConnection and openDetail, each only from the senders allowed to
 * send it (sender-policy.ts); a refused message rejects and does nothing. Relay handlers never
 * reject otherwise: a caller always gets a RelayResult, so no UI has to guard against a rejection.
 * `reportPageIds`, `contentSettings` and the popup's inline-lookup messages belong to
 * page-messages.ts; the messaging library allows one listener per message type.
 */
export function registerHandlers(
  relay: Relay,
  deps: { budget: LookupBudget; scope?: PageScope; announce?: AnnounceChanged; now?: () => number },
): () => void {
  const scope = deps.scope ?? browserPageScope()
  const removers = [
    ...pageRelayMessages(relay),
    ...recordMessages(relay),
    lookupIdsMessage(relay, deps.budget, scope),
    ...connectionMessages(relay),
    openDetailMessage(),
    openSettingsMessage(),
    ...ticketRequesterMessages(relay, scope, deps.now),
    insertReplyMessage(),
    ...actionMessages(relay, scope, deps.announce),
  ]
  return () => removers.forEach((remove) => remove())
}
