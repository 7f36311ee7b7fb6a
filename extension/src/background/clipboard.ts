import type { CopyOutcome } from '../lib/messages.ts'
import { onMessage } from '../lib/messages.ts'
import { sendToOffscreen } from '../lib/offscreen-messages.ts'
import { offscreenDocuments, offscreenPage, type OffscreenDocuments } from './offscreen-document.ts'
import { checkCopy, RefusedMessage, requireContentScript, type Sender } from './sender-policy.ts'

/** The page that writes the clipboard in Chrome (entrypoints/clipboard/). */
export const CLIPBOARD_PAGE = offscreenPage('/clipboard.html', 'CLIPBOARD', 'Write the ID or summary the agent copied from a card to the clipboard')

export type ClipboardDeps = {
  /** Chrome's offscreen document (undefined in Firefox). */
  documents: OffscreenDocuments | undefined
  /** The background page's own clipboard (Firefox, with clipboardWrite); a service worker has none. */
  clipboard: Pick<Clipboard, 'writeText'> | undefined
  askPage: (text: string) => Promise<boolean>
}

const defaultDeps = (): ClipboardDeps => ({
  documents: offscreenDocuments(),
  clipboard: (globalThis.navigator as Navigator | undefined)?.clipboard,
  askPage: (text) => sendToOffscreen('writeClipboard', { text }),
})

/**
 * Writes `text` from the extension's own context, never from a page's document: in Chrome from our
 * offscreen page, in Firefox from the background page. `blocked` when neither could.
 */
export async function writeClipboard(text: string, deps: ClipboardDeps = defaultDeps()): Promise<CopyOutcome> {
  try {
    if (deps.documents) return (await deps.documents.use(CLIPBOARD_PAGE, () => deps.askPage(text))) === true ? 'copied' : 'blocked'
    if (deps.clipboard) {
      await deps.clipboard.writeText(text)
      return 'copied'
    }
  } catch {
    // refused by the browser, or the page did not answer: nothing was written
  }
  return 'blocked'
}

/**
 * copyForCard: the card's "Copy ID" and "Copy summary" (S), from the content script of the tab the
 * agent is in (a tab in the background does not write the agent's clipboard), checked by checkCopy.
 */
export function registerClipboard(write: (text: string) => Promise<CopyOutcome> = (text) => writeClipboard(text)): () => void {
  return onMessage('copyForCard', async ({ data, sender }) => {
    const { text } = checkCopy(data)
    requireContentScript(sender as Sender, 'copyForCard')
    if ((sender as Sender).tab?.active !== true) throw new RefusedMessage('copying is for the tab the agent is in')
    return write(text)
  })
}
