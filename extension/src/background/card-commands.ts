import { sendToContent, type CardCopy, type CardTarget } from '../lib/content-messages.ts'
import { framesWithIds, frameReported } from './tab-badge.ts'

/*
The card's keys as browser commands (the manifest's `commands`, wxt.config.ts): the browser takes the
key, so the page never sees it and gets no user activation from it. A command acts on the open card
(the one under the pointer, or picked from the list), else on the last card opened in the tab.
A new card command is one entry in CARD_COMMANDS and one content message; OPEN_PANEL_COMMAND opens
the side panel on the card's ID (menus-and-commands.ts opens the panel first, within the key's gesture).
*/

/** The manifest's command names and what each does to the card. */
export const CARD_COMMANDS: Record<string, { copy: CardCopy }> = {
  'copy-reply': { copy: 'reply' },
  'copy-note': { copy: 'note' },
}

/** The manifest command that opens the side panel on the card's ID. */
export const OPEN_PANEL_COMMAND = 'open-card-in-panel'

export type CardCommandDeps = {
  /** The tab's frames that reported IDs (the top frame is asked too). */
  frames: (tabId: number) => Promise<number[]>
  target: (tabId: number, frameId: number) => Promise<CardTarget | null>
  copy: (tabId: number, frameId: number, what: CardCopy) => Promise<boolean>
  /** Whether the frame reported the ID: a frame names only its own IDs to the panel. */
  reported: (tabId: number, frameId: number, id: string) => Promise<boolean>
}

const defaultDeps: CardCommandDeps = {
  frames: framesWithIds,
  target: (tabId, frameId) => sendToContent('cardTarget', undefined, { tabId, frameId }),
  copy: (tabId, frameId, what) => sendToContent('copyFromCard', { what }, { tabId, frameId }),
  reported: frameReported,
}

/** The frame whose card the command is for: an open card before a closed one, then the newest. */
export function pickCard(targets: readonly { frameId: number; target: CardTarget | null }[]): number | null {
  let best: { frameId: number; target: CardTarget } | null = null
  for (const { frameId, target } of targets) {
    if (!target) continue
    const better =
      !best || (target.open && !best.target.open) || (target.open === best.target.open && target.openedAt > best.target.openedAt)
    if (better) best = { frameId, target }
  }
  return best?.frameId ?? null
}

/** The tab's card a command acts on (its frame and target), or null when no frame has had one. */
async function findCard(tabId: number, deps: CardCommandDeps): Promise<{ frameId: number; target: CardTarget } | null> {
  const frames = [...new Set([0, ...(await deps.frames(tabId))])]
  const targets = await Promise.all(
    frames.map(async (frameId) => ({ frameId, target: await deps.target(tabId, frameId).catch(() => null) })),
  )
  const frameId = pickCard(targets)
  const target = targets.find((t) => t.frameId === frameId)?.target
  return frameId === null || !target ? null : { frameId, target }
}

/** Runs a card command in a tab; false when the command is not a card's or no frame has a card. */
export async function runCardCommand(command: string, tabId: number, deps: CardCommandDeps = defaultDeps): Promise<boolean> {
  const what = CARD_COMMANDS[command]
  if (!what) return false
  const card = await findCard(tabId, deps)
  if (!card) return false
  return deps.copy(tabId, card.frameId, what.copy).catch(() => false)
}

/** The ID of the card OPEN_PANEL_COMMAND opens the panel on: only one its frame reported; null when there is none. */
export async function cardIdForPanel(tabId: number, deps: CardCommandDeps = defaultDeps): Promise<string | null> {
  const card = await findCard(tabId, deps)
  if (!card || typeof card.target.id !== 'string') return null
  return (await deps.reported(tabId, card.frameId, card.target.id).catch(() => false)) ? card.target.id : null
}
