import type { Browser } from '#imports'
import { sendToContent } from '../lib/content-messages.ts'
import { idFromSelection } from '../lib/selection-id.ts'
import { t } from '../lib/i18n.ts'
import type { BackgroundApi, Listen } from './listeners.ts'
import { openDetailView } from './open-detail.ts'
import { showPageIdsIn } from './page-scripting.ts'
import { cardIdForPanel, OPEN_PANEL_COMMAND, runCardCommand } from './card-commands.ts'
import { openSidePanel } from '../lib/side-panel.ts'
import { pendingDetailItem, pendingSearchFocusItem } from '../lib/pending-detail.ts'
import { instrumentBackground } from './worker-instrumentation.ts'

/*
The "Look up in IDV Lens" and "Find IDs on this page" context menus and the keyboard commands.
*/

export const LOOKUP_MENU_ID = 'idv-lens-lookup-selection'
/** On any page: find the IDs on it (the context menu's activeTab grant lets us inject where we do not run). */
export const SCAN_PAGE_MENU_ID = 'idv-lens-scan-page'
/** The manifest `commands` entries (wxt.config.ts). */
export const SHOW_IDS_COMMAND = 'show-page-ids'
export const FOCUS_SEARCH_COMMAND = 'focus-search'

export function registerMenusAndCommands(api: BackgroundApi, listen: Listen): void {
  listen(api.runtime.onInstalled, () => {
    // Re-created on install and update; removed first so an update never fails on a duplicate ID.
    const menus = [
      { id: LOOKUP_MENU_ID, title: t('menuLookUp'), contexts: ['selection'] as ['selection'] },
      { id: SCAN_PAGE_MENU_ID, title: t('menuFindIds'), contexts: ['page'] as ['page'] },
    ]
    for (const menu of menus) {
      void Promise.resolve(api.contextMenus.remove(menu.id))
        .catch(() => {})
        .then(() => api.contextMenus.create(menu))
        .catch(() => {})
    }
  })

  listen(api.contextMenus.onClicked, (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => {
    if (info.menuItemId === SCAN_PAGE_MENU_ID && tab?.id !== undefined) return void showPageIdsIn(tab.id, api)
    if (info.menuItemId !== LOOKUP_MENU_ID) return
    const found = idFromSelection(info.selectionText)
    // No await before openDetailView: Chrome opens the side panel only during the click's gesture.
    if (found) return void openDetailView(found.id, tab?.id)
    if (tab?.id !== undefined) {
      void sendToContent('showNotice', { notice: 'no-id-in-selection' }, tab.id).catch(() => {})
    }
  })

  listen(api.commands.onCommand, (command: string, tab?: Browser.tabs.Tab) => void runCommand(command, tab, api))
  // Headless browsers cannot press a command's keys: the browser tests call what the listener calls.
  instrumentBackground({ command: (command, tab) => runCommand(command, tab, api) })
}

/**
 * A keyboard command in the tab it was pressed in: the page's IDs, the side panel, or one of the
 * card's (card-commands.ts). The panel opens before any await, while the browser counts the key as
 * the agent's action; what it shows follows through storage.session (lib/pending-detail.ts), which
 * an open panel watches. Resolves whether the command found what it acts on.
 */
async function runCommand(command: string, tab: Pick<Browser.tabs.Tab, 'id'> | undefined, api: BackgroundApi): Promise<boolean> {
  if (tab?.id === undefined) return false
  if (command === SHOW_IDS_COMMAND) return showPageIdsIn(tab.id, api)
  if (command !== OPEN_PANEL_COMMAND && command !== FOCUS_SEARCH_COMMAND) return runCardCommand(command, tab.id)
  const opening = openSidePanel({ tabId: tab.id })
  const found = command === FOCUS_SEARCH_COMMAND ? await focusPanelSearch() : await panelOnCard(tab.id)
  await opening
  return found
}

async function focusPanelSearch(): Promise<true> {
  await pendingSearchFocusItem.setValue(Date.now())
  return true
}

/** The open panel, or the one opening, shows the card's ID; false when the tab has no card (the panel shows its lists). */
async function panelOnCard(tabId: number): Promise<boolean> {
  const id = await cardIdForPanel(tabId)
  if (id) await pendingDetailItem.setValue({ id, at: Date.now() })
  return id !== null
}
