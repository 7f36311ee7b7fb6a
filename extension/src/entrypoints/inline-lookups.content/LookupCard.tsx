import { useEffect, useLayoutEffect, useRef, useState, type MutableRef } from 'preact/hooks'
import type { CardField } from '../../lib/card-fields.ts'
import { CARD_SIZE, placeCard, type Placement } from '../../content/card/card-position.ts'
import { answerOf, type LookupState } from '../../content/lookups/lookup-queue.ts'
import type { CardView, UiActions } from '../../content/card/ui-model.ts'
import type { CopyOutcome } from '../../lib/messages.ts'
import { moveFocus, syncTabStops } from './roving-focus.ts'
import { StatusText } from './StatusText.tsx'
import { t } from '../../lib/i18n.ts'
import { CardActions, ReplyCoverage } from './CardActions.tsx'
import {
  Announcements,
  CopyReplaced,
  CopyUnchecked,
  isSummaryShortcut,
  useCopyOutcomes,
  useSummaryCopy,
  type SummaryCopy,
} from './CardCopy.tsx'
import { CardBody, Headline } from './CardFacts.tsx'
import { answeredKind, answeredKindLabel } from '../../lib/uuid-owner.ts'
import { useBrief } from '../../components/use-brief.ts'

type Props = {
  card: CardView
  state: LookupState | undefined
  /** Changes with every lookup answer, so the card re-renders (and re-measures) when its answer arrives. */
  version: number
  actions: UiActions
  /** The facts the card lists, in order (the team's choice or the agent's); its controls and size do not change with them. */
  cardFields: readonly CardField[]
  onEscape: () => void
}

/**
 * The status card for one ID. It sits above or below the text it describes, never over it, and
 * flips at the viewport's edges. A non-modal dialog with one Tab stop: the arrow keys move between
 * its controls (roving-focus.ts), Esc closes it. Its size, its controls and what every key does are
 * the same whatever the answer (a control with nothing to do is aria-disabled), so a page that
 * watches our host's box, its keys and its focus learns only that a card opened.
 */
export function LookupCard({ card: marked, state, version, actions, cardFields, onEscape }: Props) {
  const card = withAnsweredKind(marked, state)
  const root = useRef<HTMLDivElement>(null)
  const place = useCardPlacement(root, card, version, state)
  // What the last copy did, shown for a moment: copied, or blocked (the background could not write it; nothing was tried in the page).
  const [copied, showCopied] = useBrief<CopyOutcome>(1500)

  const onRovingFocus = useRovingFocus(root, card.takeFocus && place !== null)
  const onFocusEntering = useFocusBack(root, actions.giveFocusBack)
  const { replaced, unchecked, lastCopy, keepOutcome } = useCopyOutcomes()
  const copy = async () => {
    const outcome = keepOutcome(await actions.copy(card.id, card.id))
    if (outcome !== 'superseded') showCopied(outcome)
  }

  const [summaryCopied, copySummary] = useSummaryCopy(card, state, actions, keepOutcome)

  return (
    <div
      ref={root}
      class={`card card-${place?.side ?? 'below'}`}
      role="dialog"
      aria-label={t('labelWithValue', answeredKindLabel(card.kind, answerOf(state)), card.id)}
      data-testid="card"
      data-id={card.id}
      data-copy={lastCopy}
      style={cardStyle(place)}
      onFocusCapture={(e) => {
        onFocusEntering(e)
        onRovingFocus(e)
      }}
      onKeyDown={(e) => onCardKey(e, { root: root.current, onEscape, copySummary })}
      onPointerEnter={() => actions.pointerInCard(true)}
      onPointerLeave={() => actions.pointerInCard(false)}
    >
      <CardHead card={card} state={state} onEscape={onEscape} />
      <div class="card-lead" data-testid="card-lead">
        <Headline state={state} kind={card.kind} />
      </div>
      <CardActions
        card={card}
        state={state}
        actions={actions}
        copied={copied}
        onCopy={copy}
        summaryCopied={summaryCopied}
        onCopySummary={() => void copySummary('reply')}
      />
      <CardBodyArea state={state} cardFields={cardFields} onOpenSettings={actions.openSettings} replaced={replaced} unchecked={unchecked} />
      <Announcements card={card} state={state} copied={copied} summaryCopied={summaryCopied} />
    </div>
  )
}

/**
 * One Tab stop kept on the control last focused (roving-focus.ts); the card's first control focused
 * when the card takes focus, once it is placed: a hidden card (visibility, until placed) takes none,
 * and the keyboard command's card, replacing an open one, was still hidden after its first paint.
 */
function useRovingFocus(root: MutableRef<HTMLDivElement | null>, takeFocus: boolean) {
  const tabStop = useRef<HTMLElement | null>(null)
  useLayoutEffect(() => {
    if (root.current) tabStop.current = syncTabStops(root.current, tabStop.current)
  })
  useEffect(() => {
    if (takeFocus) root.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus({ preventScroll: true })
  }, [takeFocus])
  return (e: FocusEvent) => {
    if (root.current && e.target instanceof HTMLElement && e.target !== root.current) tabStop.current = syncTabStops(root.current, e.target)
  }
}

/**
 * Where focus came into the card from (the page's reply box the agent clicked "Copy ID" from, the
 * link they tabbed to, a list row): a card that closes holding focus gives it back there, so the
 * page's focus is where it was and the agent pastes where they were typing, not into <body>.
 */
function useFocusBack(root: MutableRef<HTMLDivElement | null>, giveBack: UiActions['giveFocusBack']) {
  const cameFrom = useRef<HTMLElement | null>(null)
  useLayoutEffect(
    () => () => {
      const from = cameFrom.current
      const active = (root.current?.getRootNode() as ShadowRoot | undefined)?.activeElement
      if (from?.isConnected && active && root.current?.contains(active)) giveBack(from)
    },
    [],
  )
  return (e: FocusEvent) => {
    const from = e.relatedTarget
    if (from instanceof HTMLElement && !root.current?.contains(from)) cameFrom.current = from
  }
}

/** The answer's facts, with what a copy left to say around them. */
function CardBodyArea(props: {
  state: LookupState | undefined
  cardFields: readonly CardField[]
  onOpenSettings: UiActions['openSettings']
  replaced: boolean
  unchecked: boolean
}) {
  const { state, cardFields, onOpenSettings, replaced, unchecked } = props
  return (
    <div class="card-body" data-testid="card-body">
      {replaced && <CopyReplaced />}
      <CardBody state={state} cardFields={cardFields} onOpenSettings={onOpenSettings} />
      <ReplyCoverage state={state} />
      {/* Last: it comes a moment after the copy, and must not push what the agent is reading. */}
      {unchecked && <CopyUnchecked />}
    </div>
  )
}

/** The card as its answer names it (a UUID's vendor); the same object while nothing changes, so effects keyed on it do not rerun. */
function withAnsweredKind(card: CardView, state: LookupState | undefined): CardView {
  const kind = answeredKind(card.kind, answerOf(state))
  return kind === card.kind ? card : { ...card, kind }
}

/**
 * Places the card before paint, so it never shows in the wrong spot. Its size is the same for every
 * answer (CARD_SIZE), so where it goes says nothing about what it shows; only a narrow viewport narrows it.
 */
function useCardPlacement(
  root: MutableRef<HTMLDivElement | null>,
  card: CardView,
  version: number,
  state: LookupState | undefined,
): Placement | null {
  const [place, setPlace] = useState<Placement | null>(null)
  useLayoutEffect(() => {
    const el = root.current
    if (!el) return
    const next = placeCard({
      anchor: card.anchor,
      card: { width: el.offsetWidth, height: CARD_SIZE.height },
      viewport: { width: window.innerWidth, height: window.innerHeight },
    })
    if (!place || next.left !== place.left || next.top !== place.top || next.maxHeight !== place.maxHeight) setPlace(next)
  }, [card.anchor, version, state?.state])
  return place
}

/** The card's size is the same for every answer (CARD_SIZE); hidden until placed. */
const cardStyle = (place: Placement | null) => ({
  width: `${CARD_SIZE.width}px`,
  height: `${CARD_SIZE.height}px`,
  left: `${place?.left ?? 0}px`,
  top: `${place?.top ?? 0}px`,
  visibility: place ? 'visible' : 'hidden',
  ...(place?.maxHeight !== undefined ? { maxHeight: `${place.maxHeight}px` } : {}),
})

type CardKeys = { root: HTMLDivElement | null; onEscape: () => void; copySummary: (what: SummaryCopy['what']) => Promise<void> }

/** Every key is handled alike whatever the card shows: S copies only a found ID's reply or note, yet is taken in every state. */
function onCardKey(e: KeyboardEvent, { root, onEscape, copySummary }: CardKeys): void {
  if (e.key === 'Escape') {
    e.preventDefault()
    onEscape()
  } else if (isSummaryShortcut(e)) {
    // S: the reply for the customer; Shift+S: the internal note (the button's title says so).
    e.preventDefault()
    void copySummary(e.shiftKey ? 'note' : 'reply')
  } else if (root) moveFocus(root, e)
}

/** The kind of ID, its status and the close button, then the ID itself. */
function CardHead({ card, state, onEscape }: { card: CardView; state: LookupState | undefined; onEscape: () => void }) {
  return (
    <>
      <header class="card-head">
        <span class="card-kind" data-testid="card-kind">
          {answeredKindLabel(card.kind, answerOf(state))}
        </span>
        <StatusText state={state} />
        <button type="button" class="icon" aria-label={t('close')} aria-keyshortcuts="Escape" onClick={onEscape}>
          ×
        </button>
      </header>
      <p class="card-id mono" data-testid="card-id">
        {card.id}
      </p>
    </>
  )
}
