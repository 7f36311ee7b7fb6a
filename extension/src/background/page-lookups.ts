import { browser } from '#imports'
import { createListeners, type BackgroundApi } from './listeners.ts'
import type { LookupBudget } from './lookup-budget.ts'
import { stopOutsideTenants, type PageScope } from './page-scope.ts'
import { registerMenusAndCommands } from './menus-and-commands.ts'
import { registerPageMessages } from './page-messages.ts'
import { registerSiteRegistration } from './site-registration.ts'
import { startTabBadges, type TabBadgeTiming } from './tab-badge.ts'

/**
 * The background half of inline lookups, one concern a module: each tab's IDs and badge
 * (tab-badge.ts), what pages and the popup ask (page-messages.ts), the context menus and keyboard
 * command (menus-and-commands.ts), and the content script's registration on the sites the agent
 * enabled (site-registration.ts). Listeners are added synchronously, in the service worker's first
 * turn, so the event that woke it is delivered. Returns a function that removes them (tests).
 */
export function registerInlineLookups(
  api: BackgroundApi = browser,
  deps: { budget?: LookupBudget; scope?: PageScope } & TabBadgeTiming = {},
): () => void {
  const { listen, removers } = createListeners()
  startTabBadges(api, deps)
  registerPageMessages(api, listen, removers, deps)
  registerMenusAndCommands(api, listen)
  registerSiteRegistration(api, listen, removers)
  removers.push(stopOutsideTenants(api))
  return () => removers.forEach((remove) => remove())
}
