import type { SummaryFacts } from '../lib/copy-summary.ts'
import { customerReply } from '../lib/customer-reply.ts'
import type { CardReplyFacts, CopyOutcome } from '../lib/messages.ts'
import { copyCheckOn, offerCopyCheck } from '../lib/copy-check.ts'
import { readTeamSetting } from '../lib/managed-policy.ts'
import { onMessage } from '../lib/messages.ts'
import { sendToOffscreen } from '../lib/offscreen-messages.ts'
import { offscreenDocuments, offscreenPage, type OffscreenDocuments } from './offscreen-document.ts'
import { checkCopy, RefusedMessage, requireContentScript, type Sender } from './sender-policy.ts'

/** The page that writes the clipboard in Chrome (entrypoints/clipboard/). */
export const CLIPBOARD_PAGE = offscreenPage(
  '/clipboard.html',
  'CLIPBOARD',
  'Write the ID, reply or note the agent copied from a card to the clipboard, and check that it stays there',
)

export type ClipboardDeps = {
  /** Chrome's offscreen document (undefined in Firefox). */
  documents: OffscreenDocuments | undefined
  /** The background page's own clipboard (Firefox, with clipboardWrite, and clipboardRead for the check); a service worker has none. */
  clipboard: Pick<Clipboard, 'writeText' | 'readText'> | undefined
  /** Whether the agent turned the copy check on (the optional clipboardRead, lib/copy-check.ts). */
  checkOn: () => Promise<boolean>
  askPage: (text: string) => Promise<boolean>
  /** Whether the offscreen page finds `text` still on the clipboard (null: it could not read). */
  askHolds: (text: string) => Promise<boolean | null>
  /** Resolves after `ms` (the read-backs' spacing; tests pass one that does not wait). */
  wait: (ms: number) => Promise<void>
}

/**
 * When the copy is read back, in ms after it was written: a page that writes its own text right
 * after ours (on the agent's key or click, or on a timer) is seen within the last. Bounded: a later
 * write cannot be told from the agent's own next copy.
 */
export const READ_BACK_AFTER_MS = [100, 400, 1000] as const

const defaultDeps = (): ClipboardDeps => ({
  documents: offscreenDocuments(),
  clipboard: (globalThis.navigator as Navigator | undefined)?.clipboard,
  askPage: (text) => sendToOffscreen('writeClipboard', { text }),
  askHolds: (text) => sendToOffscreen('clipboardHolds', { text }),
  checkOn: () => copyCheckOn(),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
})

/** Whether a newer card copy was asked for since this one (it takes over the clipboard). */
type Outdated = () => boolean

/**
 * Reads the clipboard back at READ_BACK_AFTER_MS: `replaced` at the first read that finds other
 * text, else `copied` (a read that fails proves nothing either way, and says nothing). A newer copy
 * ends the reading: the text stayed until then, and the newer one's own reads watch from there.
 */
async function readBack(holds: () => Promise<boolean | null>, wait: ClipboardDeps['wait'], outdated: Outdated): Promise<CopyOutcome> {
  let waited = 0
  for (const at of READ_BACK_AFTER_MS) {
    await wait(at - waited)
    waited = at
    const ours = await holds().catch(() => null)
    // Other text after a newer copy was asked for may be that copy's own (Firefox writes at once).
    if (outdated()) break
    if (ours === false) return 'replaced'
  }
  return 'copied'
}

/**
 * Writes `text` from the extension's own context, never from a page's document: in Chrome from our
 * offscreen page, in Firefox from the background page; then, with the copy check on, reads it back
 * for a moment. `blocked` when neither could write, `replaced` when something wrote over it,
 * `unchecked` when it was written and the check is off (nothing read), `superseded` (nothing
 * written) when `outdated` says a newer copy was asked for before this one's turn.
 */
export async function writeClipboard(
  text: string,
  deps: ClipboardDeps = defaultDeps(),
  outdated: Outdated = () => false,
): Promise<CopyOutcome> {
  // Asked before writing: the read-back's first read comes 100 ms after the write, not later.
  const checking = deps.checkOn()
  const readBackIfOn = async (holds: () => Promise<boolean | null>) =>
    (await checking) ? readBack(holds, deps.wait, outdated) : 'unchecked'
  try {
    if (deps.documents) {
      return await deps.documents.use(CLIPBOARD_PAGE, async () => {
        if (outdated()) return 'superseded'
        return (await deps.askPage(text)) === true ? readBackIfOn(() => deps.askHolds(text)) : 'blocked'
      })
    }
    if (deps.clipboard) {
      const { clipboard } = deps
      await clipboard.writeText(text)
      return await readBackIfOn(async () => (await clipboard.readText()) === text)
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
 * Copies take turns at the clipboard; one the agent asked for again before its turn is not written,
 * so a burst of presses writes the last, not each in turn for seconds after.
 */
export function registerClipboard(
  write: (text: string, outdated: Outdated) => Promise<CopyOutcome> = (text, outdated) => writeClipboard(text, defaultDeps(), outdated),
): () => void {
  let asked = 0
  return onMessage('copyForCard', async ({ data, sender }) => {
    const copy = checkCopy(data)
    requireContentScript(sender as Sender, 'copyForCard')
    if ((sender as Sender).tab?.active !== true) throw new RefusedMessage('copying is for the tab the agent is in')
    // Counted before the reply is worded, so the order is the agent's.
    const mine = ++asked
    const outcome = await write('reply' in copy ? await cardReply(copy.id, copy.reply) : copy.text, () => mine !== asked)
    // The copy landed unchecked: the popup and side panel offer the check, once.
    if (outcome === 'unchecked') await offerCopyCheck().catch(() => {})
    return outcome
  })
}
