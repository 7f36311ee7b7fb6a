import type { Browser } from '#imports'
import { onMessage } from '../lib/messages.ts'
import { CONTENT_SCRIPT_FILE, sendToContent } from '../lib/content-messages.ts'
import { fallbackFrameTarget } from './fallback-frames.ts'
import { createContentSettings } from './content-settings.ts'
import { browserPageScope, requireAgentPage, type PageScope } from './page-scope.ts'
import type { LookupBudget } from './lookup-budget.ts'
import type { BackgroundApi, Listen } from './listeners.ts'
import { findPageIdsIn, isRunningIn, stopInlineLookupsIn } from './page-scripting.ts'
import { checkReportedIds, checkTabId, inlinePartFile, requireContentScript, requireExtensionPage, type Sender } from './sender-policy.ts'
import { forgetTab, pruneGoneFrames, recordPageIds } from './tab-badge.ts'

/*
What content scripts and the popup ask about a page: the IDs a frame reports, a site's settings,
the inline UI and fallback frames to start, the popup's "is it running", "Find IDs" and "Stop";
and a tab's IDs dropped as it loads a new page or closes. Everything a content script sends here is
IDs; nothing else of the page leaves it. A frame outside the page the agent works on
(page-scope.ts) is told so, and its reports and requests for our UI are refused. The relay's own
messages are handlers.ts's.
*/

/** Settings changed: a tab's (or every tab's) content scripts ask again for theirs (the values never travel in the notice). */
const settingsNotice = (api: BackgroundApi) => (tabId: number | null) =>
  void (tabId !== null ? Promise.resolve([{ id: tabId }]) : Promise.resolve(api.tabs.query({})))
    .then((tabs) => {
      for (const tab of tabs) if (tab.id !== undefined) void sendToContent('settingsChanged', undefined, tab.id).catch(() => {})
    })
    .catch(() => {})

export function registerPageMessages(
  api: BackgroundApi,
  listen: Listen,
  removers: (() => void)[],
  deps: { budget?: LookupBudget; scope?: PageScope },
): void {
  const scope = deps.scope ?? browserPageScope()
  const contentSettings = createContentSettings({ notify: settingsNotice(api) })
  removers.push(contentSettings.stop)

  removers.push(
    onMessage('reportPageIds', async ({ data, sender, timestamp }) => {
      // Only content scripts report, and only IDs; each frame's list counts once in the tab's union.
      const tabId = requireContentScript(sender as Sender, 'reportPageIds')
      const ids = checkReportedIds(data?.ids ?? [])
      await requireAgentPage(scope, sender as Sender, 'reportPageIds')
      await recordPageIds(tabId, ids, sender.frameId ?? 0, timestamp)
    }),
    onMessage('contentSettings', ({ sender }) => {
      const tabId = requireContentScript(sender as Sender, 'contentSettings')
      return contentSettings.forSender(sender as Sender, tabId)
    }),
    onMessage('inlineLookupsHere', ({ sender }) => {
      requireContentScript(sender as Sender, 'inlineLookupsHere')
      return scope.allows(sender as Sender)
    }),
    onMessage('loadInlineUi', async ({ data, sender }) => {
      // Into the asking frame only, and only one of our own files, named by the table (never by the sender).
      const tabId = requireContentScript(sender as Sender, 'loadInlineUi')
      const file = inlinePartFile(data?.part)
      await requireAgentPage(scope, sender as Sender, 'loadInlineUi')
      await api.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [file] })
      return true
    }),
    onMessage('startInFallbackFrame', async ({ sender }) => {
      // Only into the asking frame, only where its tab is an agent workspace (fallback-frames.ts) of the team's tenants.
      const target = fallbackFrameTarget(sender as Sender)
      if (!target || !(await scope.allows(sender as Sender))) return false
      await api.scripting.executeScript({ target: { tabId: target.tabId, frameIds: [target.frameId] }, files: [CONTENT_SCRIPT_FILE] })
      return true
    }),
    onMessage('framesRemoved', async ({ sender }) => {
      // A content script's own tab only: the background then drops the frames that no longer answer.
      await pruneGoneFrames(requireContentScript(sender as Sender, 'framesRemoved'))
    }),
    ...popupMessages(api),
  )
  followTabLoads(api, listen, deps.budget)
}

/** The popup's "is it running", "Find IDs" and "Stop" for a tab: only from the extension's own pages. */
function popupMessages(api: BackgroundApi): (() => void)[] {
  return [
    onMessage('inlineLookupsRunning', ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'inlineLookupsRunning')
      return isRunningIn(checkTabId(data?.tabId))
    }),
    onMessage('findPageIds', ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'findPageIds')
      return findPageIdsIn(checkTabId(data?.tabId), api)
    }),
    onMessage('stopInlineLookups', ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'stopInlineLookups')
      return stopInlineLookupsIn(checkTabId(data?.tabId))
    }),
  ]
}

/** A tab's IDs dropped as it loads a new page or closes. */
function followTabLoads(api: BackgroundApi, listen: Listen, budget: LookupBudget | undefined): void {
  // A tab that had IDs and starts loading: clear now; if the page survives (single-page apps may
  // report a load for a history change), its content script is asked to report again.
  const reloading = new Set<number>()
  listen(api.tabs.onRemoved, (tabId: number) => {
    reloading.delete(tabId)
    void forgetTab(tabId, true)
    void budget?.forget(tabId).catch(() => {})
  })
  listen(api.tabs.onUpdated, (tabId: number, change: Browser.tabs.OnUpdatedInfo) => {
    if (change.status === 'loading') {
      void forgetTab(tabId).then((had) => had && reloading.add(tabId))
    } else if (change.status === 'complete' && reloading.delete(tabId)) {
      void sendToContent('reportPageIdsAgain', undefined, tabId).catch(() => {})
    }
  })
}
