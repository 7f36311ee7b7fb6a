import { Fragment } from 'preact'
import { useEffect, useLayoutEffect, useRef, useState, type MutableRef } from 'preact/hooks'
import type { CardField } from '../../lib/card-fields.ts'
import type { LookupFound } from '@idv-lens/shared/api'
import { dashboardUrl, getIdPattern, saysTestMode, type IdKind } from '@idv-lens/shared/ids'
import { countdown, parseTime } from '../../lib/format.ts'
import { LocalTime } from '../../components/LocalTime.tsx'
import { CARD_SIZE, placeCard, type Placement } from '../../content/card/card-position.ts'
import { isWaiting, type LookupState } from '../../content/lookups/lookup-queue.ts'
import type { CardView, UiActions } from '../../content/card/ui-model.ts'
import type { CopyOutcome, DetailSection } from '../../lib/messages.ts'
import type { ActionName } from '../../lib/actions.ts'
import { failureText } from '../../lib/failure-text.ts'
import { moveFocus, syncTabStops } from './roving-focus.ts'
import { reasonLine } from '../../lib/check-words.ts'
import { summaryText } from '../../lib/copy-summary.ts'
import { replyCoverage } from '../../lib/customer-reply.ts'
import { factsOfLookup } from '../../components/detail/summary-facts.ts'
import { statusWords, StatusText } from './StatusText.tsx'
import { now } from '../../stores/clock.ts'
import { kindLabel } from '../../lib/failure-text.ts'
import { t, type MessageKey } from '../../lib/i18n.ts'
import { vendorWord } from '../../lib/vendor-words.ts'
import { vendorLabel, vendorRecord } from '../../vendors/index.ts'
import { WatchToggle } from '../../components/WatchToggle.tsx'
import { seenOf } from '../../lib/watches.ts'

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

const snake = (kind: IdKind) => kind.replace(/-/g, '_')

/** The vendor's name as it writes it (vendors/index.ts). */
const vendorName = (kind: IdKind) => vendorLabel(getIdPattern(kind).provider) ?? ''

/**
 * The status card for one ID. It sits above or below the text it describes, never over it, and
 * flips at the viewport's edges. A non-modal dialog with one Tab stop: the arrow keys move between
 * its controls (roving-focus.ts), Esc closes it. Its size, its controls and what every key does are
 * the same whatever the answer (a control with nothing to do is aria-disabled), so a page that
 * watches our host's box, its keys and its focus learns only that a card opened.
 */
export function LookupCard({ card, state, version, actions, cardFields, onEscape }: Props) {
  const root = useRef<HTMLDivElement>(null)
  const tabStop = useRef<HTMLElement | null>(null)
  const place = useCardPlacement(root, card, version, state)
  // What the last copy did, shown for a moment: copied, or blocked (the background could not write it; nothing was tried in the page).
  const [copied, setCopied] = useState<CopyOutcome | null>(null)

  useLayoutEffect(() => {
    if (root.current) tabStop.current = syncTabStops(root.current, tabStop.current)
  })
  useEffect(() => {
    if (card.takeFocus) root.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus()
  }, [card.takeFocus])

  const { replaced, lastCopy, keepOutcome } = useCopyOutcomes()
  const copy = async () => {
    setCopied(keepOutcome(await actions.copy(card.id, card.id)))
    setTimeout(() => setCopied(null), 1500)
  }

  const [summaryCopied, copySummary] = useSummaryCopy(card, state, actions, keepOutcome)

  return (
    <div
      ref={root}
      class={`card card-${place?.side ?? 'below'}`}
      role="dialog"
      aria-label={t('labelWithValue', kindLabel(card.kind), card.id)}
      data-testid="card"
      data-id={card.id}
      data-copy={lastCopy}
      style={{
        width: `${CARD_SIZE.width}px`,
        height: `${CARD_SIZE.height}px`,
        left: `${place?.left ?? 0}px`,
        top: `${place?.top ?? 0}px`,
        visibility: place ? 'visible' : 'hidden',
        ...(place?.maxHeight !== undefined ? { maxHeight: `${place.maxHeight}px` } : {}),
      }}
      onFocusCapture={(e) => {
        if (root.current && e.target instanceof HTMLElement && e.target !== root.current) tabStop.current = syncTabStops(root.current, e.target)
      }}
      onKeyDown={(e) => {
        // Every key is handled alike whatever the card shows: S copies only a found ID's reply or note, yet is taken in every state.
        if (e.key === 'Escape') {
          e.preventDefault()
          onEscape()
        } else if (isSummaryShortcut(e)) {
          // S: the reply for the customer; Shift+S: the internal note (the button's title says so).
          e.preventDefault()
          void copySummary(e.shiftKey ? 'note' : 'reply')
        } else if (root.current) moveFocus(root.current, e)
      }}
      onPointerEnter={() => actions.pointerInCard(true)}
      onPointerLeave={() => actions.pointerInCard(false)}
    >
      <header class="card-head">
        <span class="card-kind">{kindLabel(card.kind)}</span>
        <StatusText state={state} />
        <button type="button" class="icon" aria-label={t('close')} aria-keyshortcuts="Escape" onClick={onEscape}>
          ×
        </button>
      </header>
      <p class="card-id mono" data-testid="card-id">
        {card.id}
      </p>
      <div class="card-body">
        {replaced && <CopyReplaced />}
        {state?.state === 'found' && <Verdict entry={state.entry} />}
        <CardBody state={state} kind={card.kind} cardFields={cardFields} />
      </div>
      <CardActions card={card} state={state} actions={actions} copied={copied} onCopy={copy} summaryCopied={summaryCopied} onCopySummary={() => void copySummary('reply')} />
      <Announcements card={card} state={state} copied={copied} summaryCopied={summaryCopied} />
    </div>
  )
}

/**
 * Whether a read back found other text over the last copy (a page wrote over it: shown until a copy
 * stays), and the copies' count and last outcome ("2 copied", the card's data-copy: the browser
 * tests wait for it, as the words on the buttons last only a moment).
 */
function useCopyOutcomes() {
  const [replaced, setReplaced] = useState(false)
  const [last, setLast] = useState<{ outcome: CopyOutcome; n: number } | null>(null)
  const keepOutcome = (outcome: CopyOutcome) => {
    if (outcome !== 'blocked') setReplaced(outcome === 'replaced')
    setLast((before) => ({ outcome, n: (before?.n ?? 0) + 1 }))
    return outcome
  }
  return { replaced, lastCopy: last ? `${last.n} ${last.outcome}` : undefined, keepOutcome }
}

/** The page wrote over our last copy (background/clipboard.ts): first in the card, until a copy stays. */
const CopyReplaced = () => (
  <p class="card-message card-warning" role="alert" data-testid="copy-replaced">
    {t('copyReplaced')}
  </p>
)

/**
 * S: the customer reply, worded by the background in the team's texts; Shift+S: the internal note
 * (Markdown). What the last one did, for a moment, and the copy itself. A card command (the
 * browser's keys, which the page never sees) copies as S or Shift+S.
 */
function useSummaryCopy(card: CardView, state: LookupState | undefined, actions: UiActions, seen: (outcome: CopyOutcome) => CopyOutcome) {
  const [summaryCopied, setSummaryCopied] = useState<SummaryCopy | null>(null)
  const found = state?.state === 'found' ? state.entry : null
  const copySummary = async (what: SummaryCopy['what']) => {
    if (!found) return
    const r = found.reason
    const reply = { kind: found.kind, status: found.status, reason: r && { check: r.check, reasons: r.reasons, failed: r.failed ?? [{ check: r.check, reasons: r.reasons }], failedChecks: r.failedChecks } }
    const outcome = seen(what === 'reply' ? await actions.copyReply(card.id, reply) : await actions.copy(card.id, summaryText(factsOfLookup(found), 'markdown')))
    setSummaryCopied({ what, outcome })
    setTimeout(() => setSummaryCopied(null), 1500)
  }
  useEffect(() => {
    if (card.command) void copySummary(card.command.what)
  }, [card.command?.seq])
  return [summaryCopied, copySummary] as const
}

/**
 * Places the card before paint, so it never shows in the wrong spot. Its size is the same for every
 * answer (CARD_SIZE), so where it goes says nothing about what it shows; only a narrow viewport narrows it.
 */
function useCardPlacement(root: MutableRef<HTMLDivElement | null>, card: CardView, version: number, state: LookupState | undefined): Placement | null {
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

type ActionProps = {
  card: CardView
  state: LookupState | undefined
  actions: UiActions
  copied: CopyOutcome | null
  onCopy: () => void
  summaryCopied: SummaryCopy | null
  onCopySummary: () => void
}

/** What the last S or Shift+S copied (the customer reply or the internal note) and how it went. */
type SummaryCopy = { what: 'reply' | 'note'; outcome: CopyOutcome }

/** "Reply copied", "Internal note copied", "Copying is blocked…", or null when the last copy's moment is over. */
const summaryCopyWords = (c: SummaryCopy | null) => (!c ? null : c.outcome === 'blocked' ? t('copyBlocked') : c.what === 'reply' ? t('replyCopied') : t('noteCopied'))

/** A control with nothing to do for this answer: still there and focusable, announced as unavailable. */
const unavailable = (off: boolean) => (off ? { 'aria-disabled': 'true' as const } : {})

/**
 * The card's controls, the same for every answer of one kind of ID: copy the ID, the side panel, the
 * vendor's dashboard, watching, the reply or note for the ticket, the requester check and the other attempts
 * (the last two in the side panel). Each does the same in every state, Enter and a click alike: those
 * that lead elsewhere (the side panel, the vendor's page) always go, and the detail or the vendor says
 * what there is. Watching and the reply, which act only in our own context, are aria-disabled until found.
 */
function CardActions({ card, state, actions, copied, onCopy, summaryCopied, onCopySummary }: ActionProps) {
  const found = state?.state === 'found' ? state.entry : null
  const d = found?.details
  const record = vendorRecord(card.kind)
  // About a person: the card can check the requester (a kind the page's text already tells). Earlier
  // attempts, wherever the vendor keeps a customer's reference.
  const person = record?.person === true
  const history = record?.reference !== undefined
  // The reply leaves failed checks out (a suspicion's "not verified", or one problem of several): say so beside it.
  const coverage = found ? replyCoverage(factsOfLookup(found)) : null
  return (
    <div class="card-actions" role="toolbar" aria-label={t('cardActions')}>
      <div class="card-buttons">
        <button type="button" onClick={onCopy} data-testid="copy-id" data-autofocus>
          {copied === 'blocked' ? t('copyBlocked') : copied ? t('copied') : t('copyId')}
        </button>
        <button type="button" onClick={() => actions.openDetail(card.id)} data-testid="open-detail">
          {t('openInSidePanel')}
        </button>
        {/* A link in every state, an unknown ID's too (the vendor says it does not know it): Enter and a
            click do the same whatever the answer, so the page's key and click events cannot tell. */}
        <a
          href={dashboardUrl(card.kind, card.id, { testMode: saysTestMode(d) })}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="open-dashboard"
        >
          {t('openInVendor', vendorName(card.kind))}
        </a>
        <WatchToggle id={card.id} seen={found ? seenOf(found) : undefined} read={actions.watchState} write={actions.setWatch} inCard={{ available: !!found }} />
      </div>
      {/* What to do next about the person: text buttons, so the row stays short. */}
      <div class="card-links">
        <button type="button" class="link" onClick={() => found && onCopySummary()} {...unavailable(!found)} title={t('copyReplyHelp')} aria-keyshortcuts="S Shift+S" data-testid="copy-summary">
          {summaryCopyWords(summaryCopied) ?? t('copyReply')}
        </button>
        {person && (
          <button type="button" class="link" onClick={() => actions.openDetail(card.id, 'requester')} title={t('cardCheckRequesterHelp')} data-testid="card-check-requester">
            {t('cardCheckRequester')}
          </button>
        )}
        {history && (
          <button type="button" class="link" onClick={() => actions.openDetail(card.id, 'history')} title={t('cardHistoryHelp')} data-testid="card-history">
            {t('cardHistory')}
          </button>
        )}
        {record?.actions && <CardAgentActions id={card.id} actions={actions} />}
      </div>
      {coverage && (
        <p class="card-reply-coverage" data-testid="card-reply-coverage">
          {coverage}
        </p>
      )}
    </div>
  )
}

/** The card's action buttons, by what the relay offers the agent (never by the ID's status); the side panel's detail does the action. */
const CARD_ACTIONS: { action: ActionName[]; section: DetailSection; label: MessageKey; help: MessageKey; testId: string }[] = [
  { action: ['one-time-link'], section: 'link', label: 'cardSendLink', help: 'cardSendLinkHelp', testId: 'card-action-link' },
  { action: ['tags'], section: 'tags', label: 'cardTags', help: 'cardTagsHelp', testId: 'card-action-tags' },
  { action: ['case-assign', 'case-status'], section: 'case', label: 'cardCaseActions', help: 'cardCaseActionsHelp', testId: 'card-action-case' },
]

/**
 * An inquiry's actions: opening the detail at that action keeps every write, its confirm step and
 * the new link out of the page (the content script only learns which actions the agent has).
 */
function CardAgentActions({ id, actions }: { id: string; actions: UiActions }) {
  const [offered, setOffered] = useState<ActionName[]>([])
  useEffect(() => {
    let live = true
    void actions.agentActions().then((names) => live && setOffered(names))
    return () => void (live = false)
  }, [id])
  return (
    <>
      {CARD_ACTIONS.filter((c) => c.action.some((a) => offered.includes(a))).map((c) => (
        <button key={c.testId} type="button" class="link" onClick={() => actions.openDetail(id, c.section)} title={t(c.help)} data-testid={c.testId}>
          {t(c.label)}
        </button>
      ))}
    </>
  )
}

/** What a screen reader hears: a copy, and the answer once it arrives (the regions exist from the first render, so the change is heard). */
function Announcements({ card, state, copied, summaryCopied }: { card: CardView; state: LookupState | undefined; copied: CopyOutcome | null; summaryCopied: SummaryCopy | null }) {
  const answered = state?.state === 'found' || state?.state === 'missing' || state?.state === 'failed'
  return (
    <>
      <span class="sr-only" aria-live="polite">
        {copied === 'blocked' ? t('copyBlocked') : copied ? t('copiedAnnounce') : (summaryCopyWords(summaryCopied) ?? '')}
      </span>
      <span class="sr-only" role="status" data-testid="card-announcement">
        {answered ? t('labelWithValue', kindLabel(card.kind), statusWords(state)) : ''}
      </span>
    </>
  )
}

/** S or Shift+S alone, not typed into a field. */
const isSummaryShortcut = (e: KeyboardEvent) =>
  (e.key === 's' || e.key === 'S') && !e.ctrlKey && !e.metaKey && !e.altKey && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)

/** The outcome and its main reason in one line, and the review case's status: what the lookup summary already holds. */
function Verdict({ entry }: { entry: LookupFound }) {
  const line = reasonLine(entry.status, entry.reason)
  if (!line && !entry.case) return null
  return (
    <p class="card-verdict" data-testid="card-verdict">
      {line && (
        <span class="card-reason" data-testid="card-reason" title={entry.reason ? [entry.reason.check, ...entry.reason.reasons].join(' · ') : undefined}>
          {line}
        </span>
      )}
      {entry.case && (
        <span class="card-case" data-testid="card-case" title={entry.case.status}>
          {t('cardCase', vendorWord(entry.case.status))}
        </span>
      )}
    </p>
  )
}

function CardBody({ state, kind, cardFields }: { state: LookupState | undefined; kind: IdKind; cardFields: readonly CardField[] }) {
  switch (state?.state) {
    case 'found':
      return (
        <>
          <Fields entry={state.entry} cardFields={cardFields} />
          {/* Asking again failed (relay not reached): the answer stays, said to be the last one. */}
          {state.notCurrent && (
            <p class="card-message card-not-current" data-testid="card-not-current">
              {t('cardNotCurrent', statusWords({ state: 'failed', failure: state.notCurrent.failure, at: state.notCurrent.at }))}
            </p>
          )}
        </>
      )
    case 'missing': {
      const { error, provider } = state.entry
      // The team's budget (or the vendor) says wait: not an error; the queue asks again by itself.
      const waiting = isWaiting(state.entry)
      const left = error.retryAfter !== undefined ? error.retryAfter - (now.value - state.at) / 1000 : undefined
      return (
        <p class="card-message" data-testid="card-message">
          {error.code === 'not-found'
            ? t(`cardNotFound_${snake(kind)}` as MessageKey)
            : waiting
              ? `${t('cardWaitingVendor', vendorLabel(provider) ?? provider)}${left !== undefined && left > 0 ? ` ${t('cardTryingAgain', countdown(left))}` : ''}`
              : error.detail}
        </p>
      )
    }
    case 'failed': {
      const { failure } = state
      const wait = failure.kind === 'rate-limited' && failure.retryAfter !== undefined ? ` ${t('cardTryingAgain', countdown(failure.retryAfter))}` : ''
      return (
        <p class="card-message" data-testid="card-message">
          {failureText(failure)}
          {wait}
        </p>
      )
    }
    default:
      return (
        <p class="card-message muted" aria-busy="true">
          {t('cardLooking')}
        </p>
      )
  }
}

function When({ labelKey, iso }: { labelKey: MessageKey; iso: string | null }) {
  if (parseTime(iso) === null) return null
  return (
    <>
      <dt>{t(labelKey)}</dt>
      <dd>
        {/* The local date and time; "5 min. ago" beside it for a recent one, kept true by the shared clock. */}
        <LocalTime iso={iso} />
      </dd>
    </>
  )
}

function Field({ labelKey, value, testId }: { labelKey: MessageKey; value: string | null | undefined; testId?: string }) {
  if (!value) return null
  return (
    <>
      <dt>{t(labelKey)}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  )
}

type FactRows = Partial<Record<CardField, preact.JSX.Element>>

/** The facts this kind of ID has, by key (its vendor's, vendors/vendor.ts `facts`); which of them show, and in which order, is the team's or the agent's (lib/card-fields.ts). */
function factRows(entry: LookupFound): FactRows {
  const rows: FactRows = { created: <When labelKey="fieldCreated" iso={entry.createdAt} />, updated: <When labelKey="fieldUpdated" iso={entry.updatedAt} /> }
  const facts = vendorRecord(entry.kind)?.facts?.(entry.details) ?? {}
  for (const [key, fact] of Object.entries(facts)) rows[key as CardField] = <Field labelKey={fact.label} value={fact.value} testId={fact.testId} />
  return rows
}

/** Only what helps decide at a glance, as the team or the agent chose it; the side panel has the rest. */
function Fields({ entry, cardFields }: { entry: LookupFound; cardFields: readonly CardField[] }) {
  const rows = factRows(entry)
  return (
    <dl class="fields" data-testid="card-fields">
      {cardFields.map((key) => rows[key] && <Fragment key={key}>{rows[key]}</Fragment>)}
    </dl>
  )
}
