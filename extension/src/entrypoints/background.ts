import { browser, defineBackground } from '#imports'
import { createRelay } from '../background/relay-client.ts'
import { registerHandlers } from '../background/handlers.ts'
import { registerAuditExport } from '../background/audit-export-relay.ts'
import { registerClipboard } from '../background/clipboard.ts'
import { browserWatchApis, registerWatches } from '../background/watch-register.ts'
import { browserChangeAnnouncer, registerObjectChanges } from '../background/object-changes.ts'
import { registerInlineLookups } from '../background/page-lookups.ts'
import { browserPageScope } from '../background/page-scope.ts'
import { sessionLookupBudget } from '../background/lookup-budget.ts'
import { restrictStorageToExtension } from '../background/storage-access.ts'
import { registerManagedCache } from '../background/managed-cache.ts'
import { warmPopupListOnce } from '../background/popup-warmup.ts'
import { readEffectiveSettings } from '../lib/effective-settings.ts'

export default defineBackground(() => {
  // Listeners first and synchronously: Chrome only delivers the event that woke the worker to
  // listeners registered in its first turn.
  const budget = sessionLookupBudget()
  const relay = createRelay({ getSettings: readEffectiveSettings, origin: new URL(browser.runtime.getURL('/')).origin })
  // Which frames' IDs are looked up: the page the agent works on, of the team's tenants (page-scope.ts).
  const scope = browserPageScope()
  // "Object X changed, re-read it": actions, live events and watch re-checks (background/object-changes.ts).
  const announce = browserChangeAnnouncer()
  registerObjectChanges(announce)
  registerHandlers(relay, { budget, scope, announce })
  // Admins' audit export, streamed to the admin page over a port (background/audit-export-relay.ts).
  registerAuditExport(relay)
  registerInlineLookups(browser, { budget, scope })
  // The card's copies, written from our own context (background/clipboard.ts).
  registerClipboard()
  // Watched IDs: re-checked by alarm, changes notified and announced (background/watch-register.ts).
  registerWatches(relay, { ...browserWatchApis(), announce })
  void restrictStorageToExtension()
  // Policy is read in the background, never on a path the agent waits for.
  registerManagedCache()
  // The popup's first open after a browser start paints this page instead of waiting for the relay.
  void warmPopupListOnce(relay.handlers).catch(() => {})
})
