import { sendToContent, type CardCopy, type CardTarget } from '../lib/content-messages.ts'
import { framesWithIds } from './tab-badge.ts'

/*
The card's keys as browser commands (the manifest's `commands`, wxt.config.ts): the browser takes the
key, so the page never sees it and gets no user activation from it. A command acts on the open card
(the one under the pointer, or picked from the list), else on the last card opened in the tab.
A new card command is one entry in CARD_COMMANDS and one content message.
*/

/** The manifest's command names and what each does to the card. */
export const CARD_COMMANDS: Record<string, { copy: CardCopy }> = {
  'copy-reply': { copy: 'reply' },
  'copy-note': { copy: 'note' },
}

export type CardCommandDeps = {
  /** The tab's frames that reported IDs (the top frame is asked too). */
  frames: (tabId: number) => Promise<number[]>
  target: (tabId: number, frameId: number) => Promise<CardTarget | null>
  copy: (tabId: number, frameId: number, what: CardCopy) => Promise<boolean>
}

const defaultDeps: CardCommandDeps = {
  frames: framesWithIds,
  target: (tabId, frameId) => sendToContent('cardTarget', undefined, { tabId, frameId }),
  copy: (tabId, frameId, what) => sendToContent('copyFromCard', { what }, { tabId, frameId }),
}

/** The frame whose card the command is for: an open card before a closed one, then the newest. */
export function pickCard(targets: readonly { frameId: number; target: CardTarget | null }[]): number | null {
  let best: { frameId: number; target: CardTarget } | null = null
  for (const { frameId, target } of targets) {
    if (!target) continue
    const better = !best || (target.open && !best.target.open) || (target.open === best.target.open && target.openedAt > best.target.openedAt)
    if (better) best = { frameId, target }
  }
  return best?.frameId ?? null
}

/** Runs a card command in a tab; false when the command is not a card's or no frame has a card. */
export async function runCardCommand(command: string, tabId: number, deps: CardCommandDeps = defaultDeps): Promise<boolean> {
  const what = CARD_COMMANDS[command]
  if (!what) return false
  const frames = [...new Set([0, ...(await deps.frames(tabId))])]
  const targets = await Promise.all(frames.map(async (frameId) => ({ frameId, target: await deps.target(tabId, frameId).catch(() => null) })))
  const frameId = pickCard(targets)
  if (frameId === null) return false
  return deps.copy(tabId, frameId, what.copy).catch(() => false)
}
