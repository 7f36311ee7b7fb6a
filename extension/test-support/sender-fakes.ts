import { fakeBrowser } from 'wxt/testing/fake-browser'
import type { ProtocolMap } from '../src/lib/messages.ts'
import type { Sender } from '../src/background/sender-policy.ts'

/*
Test helpers: WXT's fake browser delivers every runtime message with an empty sender, so tests that
need a real one (an extension page, a content script in a tab) deliver it here, through the same
runtime.onMessage the messaging library listens on.
*/

/** The popup (or any page of the extension). */
export const extensionPage = (page = 'popup.html'): Sender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL(`/${page}`) })

/**
 * The content script in a tab's frame (the top one by default); `top` is the tab's page, as the
 * browser gives it (for the top frame: its own URL; below it, an agent workspace unless named).
 */
export const contentScript = (
  tabId: number,
  url = 'https://acme.zendesk.com/agent/tickets/1',
  frameId = 0,
  top = frameId === 0 ? url : 'https://acme.zendesk.com/agent/tickets/1',
): Sender => ({
  id: fakeBrowser.runtime.id,
  url,
  origin: new URL(url).origin,
  frameId,
  // Only the fields the background reads.
  tab: { id: tabId, windowId: 1, url: top } as Sender['tab'],
})

let nextId = 1

/** Sends `type` as `sender` would; rejects with the handler's error (a refusal) like the real messaging does. */
export async function sendAs<K extends keyof ProtocolMap>(
  sender: Sender,
  type: K,
  ...[data]: Parameters<ProtocolMap[K]> extends [] ? [] : Parameters<ProtocolMap[K]>
): Promise<ReturnType<ProtocolMap[K]>> {
  let respond!: (reply: { res?: unknown; err?: { message?: string } }) => void
  const reply = new Promise<{ res?: unknown; err?: { message?: string } }>((resolve) => (respond = resolve))
  const message = { id: nextId++, type, data, timestamp: Date.now() }
  const handled = await fakeBrowser.runtime.onMessage.trigger(message as never, sender as never, respond as never)
  if (!handled.some((r) => (r as unknown) === true)) throw new Error(`No listener for ${type}`)
  const { res, err } = await reply
  if (err) throw new Error(err.message ?? 'refused')
  return res as ReturnType<ProtocolMap[K]>
}
