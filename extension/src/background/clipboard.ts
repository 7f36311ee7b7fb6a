import type { SummaryFacts } from '../lib/copy-summary.ts'
import { customerReply } from '../lib/customer-reply.ts'
import type { CardReplyFacts, CopyOutcome } from '../lib/messages.ts'
import { readTeamSetting } from '../lib/managed-policy.ts'
import { onMessage } from '../lib/messages.ts'
import { sendToOffscreen } from '../lib/offscreen-messages.ts'
import { offscreenDocuments, offscreenPage, type OffscreenDocuments } from './offscreen-document.ts'
import { checkCopy, RefusedMessage, requireContentScript, type Sender } from './sender-policy.ts'

/** The page that writes the clipboard in Chrome (entrypoints/clipboard/). */
export const CLIPBOARD_PAGE = offscreenPage('/clipboard.html', 'CLIPBOARD', 'Write the ID, reply or note the agent copied from a card to the clipboard')

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

/** The customer reply for a card's facts, in the team's words where policy gives some (the background's cached copy). */
export async function cardReply(id: string, reply: CardReplyFacts): Promise<string> {
  const facts: SummaryFacts = {
    ...reply,
    id,
    reason: reply.reason,
    case: null,
    createdAt: null,
    updatedAt: null,
    dashboardUrl: '',
  }
  return customerReply(facts, { texts: (await readTeamSetting('replyTexts')).value ?? {} })
}

/**
 * copyForCard: the card's "Copy ID", "Copy reply" (S) and "Copy internal note" (Shift+S), from the
 * content script of the tab the agent is in (a tab in the background does not write the agent's
 * clipboard), checked by checkCopy. The reply is worded here: the team's texts never reach a page.
 */
export function registerClipboard(write: (text: string) => Promise<CopyOutcome> = (text) => writeClipboard(text)): () => void {
  return onMessage('copyForCard', async ({ data, sender }) => {
    const copy = checkCopy(data)
    requireContentScript(sender as Sender, 'copyForCard')
    if ((sender as Sender).tab?.active !== true) throw new RefusedMessage('copying is for the tab the agent is in')
    return write('reply' in copy ? await cardReply(copy.id, copy.reply) : copy.text)
  })
}
