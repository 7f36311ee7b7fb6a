import { browser, ContentScriptContext } from '#imports'
import { LIVE_COPY, world } from './world-keys.ts'

/*
WXT stops an older copy of a content script when a newer one starts (after an extension update)
through a CustomEvent on `document` whose name is made of the extension's ID and the script's name.
A page can dispatch that event too: IDs of store extensions are public, and a CustomEvent's detail
reaches our isolated world. A page could so switch inline lookups off. Only an orphaned copy (its
extension was updated or removed: `runtime.id` is gone) may be stopped that way; a live one
swallows the event before WXT's listener sees it (capture on window runs before listeners on document).
*/

/** Whether this copy's extension is still there (an update or removal disconnects it). */
const connected = () => browser.runtime?.id != null

/** Lets the "newer script started" event stop this copy only once it is orphaned. */
export function ignoreForgedStops(ctx: ContentScriptContext, isConnected: () => boolean = connected): void {
  ctx.addEventListener(
    window,
    // Public at run time, private in WXT's types.
    (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE,
    (e: Event) => {
      if (isConnected()) e.stopImmediatePropagation()
    },
    { capture: true },
  )
}

/**
 * One live copy per frame: a second injection of the same version (the keyboard command racing the
 * manifest's own injection) finds the first one running and does nothing. An orphaned copy counts
 * as gone. Returns false when another live copy runs here.
 */
export function claimFrame(ctx: ContentScriptContext): boolean {
  const live = world[LIVE_COPY] as (() => boolean) | undefined
  if (live?.()) return false
  world[LIVE_COPY] = () => ctx.isValid
  return true
}
