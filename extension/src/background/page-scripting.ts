import { browser } from '#imports'
import { CONTENT_SCRIPT_FILE, sendToContent } from '../lib/content-messages.ts'
import type { BackgroundApi } from './listeners.ts'
import { forgetTab } from './tab-badge.ts'

/*
Starting, asking and stopping the content script in a tab: for the keyboard command, the context
menu, the popup's "Find IDs on this page" and "Stop", sites just enabled, and open tabs after an update.
*/

type Scripting = Pick<BackgroundApi, 'scripting'>

/** Starts inline lookups in a tab now (tabs already open on a site that was just enabled, the keyboard command). */
async function injectInlineLookups(tabId: number, api: Scripting = browser, allFrames = false): Promise<boolean> {
  try {
    await api.scripting.executeScript({ target: allFrames ? { tabId, allFrames } : { tabId }, files: [CONTENT_SCRIPT_FILE] })
    return true
  } catch {
    return false // a page no extension may script (chrome://, the Web Store), or the tab closed
  }
}

/** Whether the content script runs in a tab now (it answers for its top frame). */
export function isRunningIn(tabId: number): Promise<boolean> {
  return sendToContent('ping', undefined, tabId).then(
    (answer) => answer === true,
    () => false,
  )
}

/**
 * Starts inline lookups in a tab unless they already run there (a second copy would replace the
 * first). `allFrames` for a site just enabled: its frames are the site's too (a frame that already
 * runs the script keeps its copy: claimFrame).
 */
export async function startIn(tabId: number, api: Scripting, options: { allFrames?: boolean } = {}): Promise<boolean> {
  return (await isRunningIn(tabId)) || injectInlineLookups(tabId, api, options.allFrames === true)
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The keyboard command: the content script opens its list (or moves into the open card). On a
 * page without it, the command's activeTab grant lets us inject it first.
 */
export async function showPageIdsIn(tabId: number, api: Scripting = browser): Promise<boolean> {
  const ask = () =>
    sendToContent('showPageIds', undefined, tabId).then(
      (ok) => ok === true,
      () => false,
    )
  if (await ask()) return true
  if (!(await injectInlineLookups(tabId, api))) return false
  // The new script registers its listener first thing, but needs a moment to start.
  for (let attempt = 0; attempt < 30; attempt++) {
    if (await ask()) return true
    await pause(100)
  }
  return false
}

/**
 * The popup's "Find IDs on this page": as the keyboard command, then the page reports its IDs at
 * once, so the popup can list them as soon as this resolves (later changes follow as usual).
 */
export async function findPageIdsIn(tabId: number, api: Scripting = browser): Promise<boolean> {
  if (!(await showPageIdsIn(tabId, api))) return false
  await sendToContent('reportPageIdsAgain', undefined, tabId).catch(() => {})
  return true
}

/** The agent stopped inline lookups on a site: the page drops them now, and the tab's IDs and badge go. */
export async function stopInlineLookupsIn(tabId: number): Promise<void> {
  await sendToContent('stop', undefined, tabId).catch(() => {})
  await forgetTab(tabId)
}

/**
 * After an update, the content scripts in open tabs are orphaned (cut off from the new background):
 * marks would stay grey and nothing new would be found until the agent reloads. Chrome does not
 * re-inject manifest scripts, so we do: into every open tab of an agent workspace and of the sites
 * the agent enabled. tabs.query by URL sees these tabs through our host permissions, without the
 * `tabs` permission. The new copy stops the orphaned one as it starts (script-guard.ts).
 */
export async function reinjectOpenTabs(
  api: Pick<BackgroundApi, 'runtime' | 'scripting' | 'tabs'>,
  matches: readonly string[],
): Promise<number[]> {
  const allFrames = api.runtime.getManifest().content_scripts?.some((c) => c.all_frames === true) ?? false
  const tabs = await api.tabs.query({ url: [...matches] })
  const injected: number[] = []
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || tab.discarded) return
      try {
        await api.scripting.executeScript({ target: { tabId: tab.id, allFrames }, files: [CONTENT_SCRIPT_FILE] })
        injected.push(tab.id)
      } catch {
        // The tab navigated away or closed meanwhile.
      }
    }),
  )
  return injected
}
