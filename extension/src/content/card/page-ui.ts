import type { ContentScriptContext } from '#imports'
import { t } from '../../lib/i18n.ts'
import type { Send } from '../../lib/messages.ts'
import type { ActionName } from '../../lib/actions.ts'
import type { CardCopy } from '../../lib/content-messages.ts'
import type { LookupQueue } from '../lookups/lookup-queue.ts'
import type { Mark, MarkStore } from '../marks/mark-store.ts'
import { createPageInteraction } from './page-interaction.ts'
import type { PageCard } from './page-card.ts'
import type { InView } from './in-view.ts'
import type { UiActions, UiModel } from './ui-model.ts'

/** How long a notice stays. */
const NOTICE_MS = 5000

/** How long the agent's actions (GET /v1/me, through the background) serve this page's cards: a role change shows within a minute. */
const AGENT_ACTIONS_MS = 60_000

export type PageUiDeps = {
  ctx: ContentScriptContext
  doc: Document
  model: UiModel
  queue: LookupQueue
  store: MarkStore
  card: PageCard
  rangeOf: (mark: Mark) => Range | null
  /** A timer that does nothing once the extension was updated or removed. */
  later: (run: () => void, ms: number) => unknown
  /** The content script's messenger, so the controls bundle carries none of its own. */
  send: Send
  /** Text the agent is typing in (hovering it opens no card). */
  isEditable: (node: Node) => boolean
  /** Where a card goes with nothing scrolled (in-view.ts). */
  inView: (mark: Mark) => InView | null
}

/** What the card, the list, the launcher and the keyboard command can do, and the page's pointer and focus once our UI is there. */
export function createPageUi({ ctx, doc, model, queue, store, card, rangeOf, later, send, isEditable, inView }: PageUiDeps) {
  const { cards } = card
  /** Pointer, focus and scroll handling: set once the shadow root exists (attach). */
  let interaction: ReturnType<typeof createPageInteraction> | null = null
  const scrollTo = (mark: Mark) => interaction?.scrollIntoView(mark)
  const notify = notifier(model, later)
  const actions: UiActions = {
    agentActions: agentActionsFor(send),
    lookup: (key) => queue.stateOf(key),
    openList() {
      model.listOpen.value = true
      // The agent asked for the whole list: look everything up (batched, 100 per call).
      queue.request(store.ids())
    },
    closeList() {
      model.listOpen.value = false
      if (cards.shown?.source === 'list') cards.close()
    },
    previewRow: (key, goTo) => card.showFromList(key, false, goTo ? scrollTo : null),
    pickRow: (key) => card.showFromList(key, true, scrollTo),
    closeCard: () => cards.close(),
    giveFocusBack: (el) => interaction?.giveFocusBack(el),
    pointerInCard: (inside) => cards.pointerInCard(inside),
    ...backgroundActions(send, notify),
  }
  let commands = 0
  return {
    actions,
    notify,
    /**
     * A card command: the open card (else the last one, opened again) copies as its S or Shift+S would.
     * Nothing of the page scrolls: the page would hear it, and so learn of a key it never heard.
     */
    copyFromCard(what: CardCopy): boolean {
      if (!model.card.value && !card.reopenLast()) return false
      const view = model.card.value
      if (!view) return false
      model.card.value = { ...view, command: { what, seq: ++commands } }
      return true
    },
    /** The keyboard command: into the open card, or open the list. */
    showPageIds(): boolean {
      if (card.focusOpenCard()) return true
      actions.openList()
      model.focusList.value++
      return true
    },
    /** Called once the shadow root exists: pointer, focus and scroll handling need our host element. */
    attach(host: HTMLElement): void {
      interaction = createPageInteraction({ ctx, doc, host, store, cards, model, rangeOf, isEditable, inView })
    },
  }
}

/** What the card asks of the background: the detail, watching, and the copies (the background writes them). */
function backgroundActions(
  send: Send,
  notify: (text: string) => void,
): Pick<UiActions, 'openDetail' | 'openSettings' | 'watchState' | 'setWatch' | 'copy' | 'copyReply' | 'checkTicketRequester'> {
  return {
    openDetail(id, section) {
      send('openDetail', section ? { id, section } : { id }).catch(() => notify(t('noticeReload')))
    },
    openSettings() {
      send('openSettings').catch(() => notify(t('noticeReload')))
    },
    watchState: (id) => send('watchState', { id }).then((r) => r.watching),
    setWatch: (id, on, seen) => send('setWatch', { id, on, seen }),
    // A refusal or a background that does not answer is a copy that did not happen: nothing is tried in the page.
    copy: (id, text) => send('copyForCard', { id, text }).catch(() => 'blocked' as const),
    copyReply: (id, reply) => send('copyForCard', { id, reply }).catch(() => 'blocked' as const),
    checkTicketRequester: (id) => send('checkTicketRequester', { id }),
  }
}

/** A notice that goes after NOTICE_MS, unless another took its place. */
function notifier(model: UiModel, later: PageUiDeps['later']) {
  return (text: string): void => {
    model.notice.value = text
    later(() => {
      if (model.notice.value === text) model.notice.value = null
    }, NOTICE_MS)
  }
}

/** One answer for a minute's cards; an empty answer (none, or the relay could not be asked) is not kept. */
function agentActionsFor(send: Send): UiActions['agentActions'] {
  let agentActions: { at: number; answer: Promise<ActionName[]> } | null = null
  return () => {
    const at = Date.now()
    if (agentActions && at - agentActions.at < AGENT_ACTIONS_MS) return agentActions.answer
    const answer = send('agentActions', undefined).catch((): ActionName[] => [])
    agentActions = { at, answer }
    void answer.then((names) => {
      if (names.length === 0 && agentActions?.answer === answer) agentActions = null
    })
    return answer
  }
}
