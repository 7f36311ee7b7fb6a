import { browser } from '#imports'
import type { DetailSection } from '../lib/messages.ts'
import { pendingDetailItem } from '../lib/pending-detail.ts'
import { openSidePanel, showPanelWithoutGesture } from '../lib/side-panel.ts'
import { RefusedMessage } from './sender-policy.ts'
import { frameReported, frameReportedNow } from './tab-badge.ts'

/**
 * Opens the side panel on `id`'s detail view. Called by the `openDetail` message and by the
 * context menu. The panel is opened first, synchronously, while the browser still counts the user's
 * click; the ID travels through storage.session, which the panel reads on start and watches.
 * When Chrome refuses to open the panel (no gesture), the ID waits there for the next opening.
 * `fromPage`: the click was in a page's card, whose message Firefox never counts as a gesture; there
 * the detail shows in the open sidebar or, failing that, in the panel opened as a tab.
 */
export async function openDetailView(
  id: string,
  tabId?: number,
  { fromPage = false, section }: { fromPage?: boolean; section?: DetailSection | undefined } = {},
): Promise<void> {
  const opening =
    tabId !== undefined
      ? openSidePanel({ tabId })
      : browser.windows.getLastFocused().then(
          (w) => (w.id !== undefined ? openSidePanel({ windowId: w.id }) : false),
          () => false,
        )
  await pendingDetailItem.setValue({ id, at: Date.now(), ...(section ? { section } : {}) })
  if (!(await opening) && fromPage) await showPanelWithoutGesture(tabId)
}

/**
 * A card's "Open in side panel" (a content script's `openDetail`): only for an ID its own frame
 * reported, like its watch messages; any other is refused and nothing opens. The worker's memory
 * answers at once in the usual case, so the panel still opens within the click's gesture; after a
 * worker restart the reports are read first, and Chrome may then keep the detail for the next opening.
 */
export function openDetailFromCard(
  card: { tabId: number; frameId: number },
  id: string,
  section: DetailSection | undefined,
): Promise<void> {
  const open = () => openDetailView(id, card.tabId, { fromPage: true, section })
  const known = frameReportedNow(card.tabId, card.frameId, id)
  if (known === true) return open()
  return (async () => {
    if (known === false || !(await frameReported(card.tabId, card.frameId, id)))
      throw new RefusedMessage('openDetail is only accepted for an ID the frame reported')
    return open()
  })()
}
