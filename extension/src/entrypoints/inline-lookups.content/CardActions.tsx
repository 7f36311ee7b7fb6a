import { useEffect, useState } from 'preact/hooks'
import { dashboardUrl, getIdPattern, saysTestMode, type IdKind } from '@idv-lens/shared/ids'
import type { LookupState } from '../../content/lookups/lookup-queue.ts'
import type { CardView, UiActions } from '../../content/card/ui-model.ts'
import type { CopyOutcome } from '../../lib/messages.ts'
import type { ActionName } from '../../lib/actions.ts'
import { replyCoverage } from '../../lib/customer-reply.ts'
import { flaggedReason } from '../../lib/check-words.ts'
import { factsOfLookup } from '../../components/detail/summary-facts.ts'
import { t } from '../../lib/i18n.ts'
import { actionButtons, vendorLabel, vendorRecord } from '../../vendors/index.ts'
import type { ActionButton } from '../../vendors/vendor.ts'
import { WatchToggle } from '../../components/WatchToggle.tsx'
import { seenOf } from '../../lib/watches.ts'
import { summaryCopyWords, type SummaryCopy } from './CardCopy.tsx'
import { CardRequesterAnswer, useTicketRequester } from './CardRequester.tsx'
import { WideAs } from './WideAs.tsx'

/** The vendor's name as it writes it (vendors/index.ts). */
const vendorName = (kind: IdKind) => vendorLabel(getIdPattern(kind).provider) ?? ''

type ActionProps = {
  card: CardView
  state: LookupState | undefined
  actions: UiActions
  copied: CopyOutcome | null
  onCopy: () => void
  summaryCopied: SummaryCopy | null
  onCopySummary: () => void
}

/** A control with nothing to do for this answer: still there and focusable, announced as unavailable. */
const unavailable = (off: boolean) => (off ? { 'aria-disabled': 'true' as const } : {})

/**
 * The card's controls, the same for every answer of one kind of ID: copy the ID, the side panel, the
 * vendor's dashboard, watching, the reply or note for the ticket, the ticket's requester check (here) and
 * the other attempts (in the side panel). Each does the same in every state, Enter and a click alike: those
 * that lead elsewhere (the side panel, the vendor's page) always go, and the detail or the vendor says
 * what there is. Watching and the reply, which act only in our own context, are aria-disabled until found.
 */
export function CardActions({ card, state, actions, copied, onCopy, summaryCopied, onCopySummary }: ActionProps) {
  const found = state?.state === 'found' ? state.entry : null
  const d = found?.details
  const flagged = !!found && flaggedReason(found.reason) !== null
  const [requester, checkRequester] = useTicketRequester(card.id, actions)
  return (
    <div class="card-actions" role="toolbar" aria-label={t('cardActions')}>
      <div class="card-buttons">
        <button type="button" onClick={onCopy} data-testid="copy-id" data-autofocus>
          <WideAs text={copied === 'blocked' ? t('copyBlocked') : copied ? t('copied') : t('copyId')} also={[t('copyId'), t('copied')]} />
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
        <WatchToggle
          id={card.id}
          seen={found ? seenOf(found) : undefined}
          read={actions.watchState}
          write={actions.setWatch}
          inCard={{ available: !!found }}
        />
      </div>
      {/* What to do next about the person: text buttons, so the row stays short. */}
      <CardLinks
        card={card}
        found={!!found}
        flagged={flagged}
        actions={actions}
        summaryCopied={summaryCopied}
        onCopySummary={onCopySummary}
        onCheckRequester={checkRequester}
      />
      <CardRequesterAnswer id={card.id} state={requester} actions={actions} />
    </div>
  )
}

/**
 * The reply leaves failed checks out (a suspicion's "not verified", or one problem of several): said
 * under the facts, below the controls, so its arrival moves none of them.
 */
export function ReplyCoverage({ state }: { state: LookupState | undefined }) {
  const coverage = state?.state === 'found' ? replyCoverage(factsOfLookup(state.entry)) : null
  return coverage ? (
    <p class="card-reply-coverage" data-testid="card-reply-coverage">
      {coverage}
    </p>
  ) : null
}

type LinksProps = Pick<ActionProps, 'card' | 'actions' | 'summaryCopied' | 'onCopySummary'> & {
  found: boolean
  flagged: boolean
  onCheckRequester: () => void
}

/** The reply or note, the requester check, the other attempts and the agent's actions, as text buttons. */
function CardLinks({ card, found, flagged, actions, summaryCopied, onCopySummary, onCheckRequester }: LinksProps) {
  const record = vendorRecord(card.kind)
  // About a person: the card can check the requester (a kind the page's text already tells). Earlier
  // attempts, wherever the vendor keeps a customer's reference.
  const person = record?.person === true
  const history = record?.reference !== undefined
  return (
    <div class="card-links">
      <button
        type="button"
        class="link"
        onClick={() => found && onCopySummary()}
        {...unavailable(!found)}
        title={t('copyReplyHelp')}
        aria-keyshortcuts="S Shift+S"
        data-testid="copy-summary"
      >
        <WideAs text={summaryCopyWords(summaryCopied) ?? t('copyReply')} also={[t('replyCopied'), t('noteCopied')]} />
      </button>
      {person && (
        <button type="button" class="link" onClick={onCheckRequester} title={t('ticketRequesterHelp')} data-testid="card-check-requester">
          {t('ticketRequesterCheck')}
        </button>
      )}
      {history && (
        <button
          type="button"
          class="link"
          onClick={() => actions.openDetail(card.id, 'history')}
          title={t('cardHistoryHelp')}
          data-testid="card-history"
        >
          {t('cardHistory')}
        </button>
      )}
      {record?.actions && (
        <CardAgentActions
          id={card.id}
          buttons={actionButtons(card.kind).filter((b) => !flagged || b.section !== 'link')}
          actions={actions}
        />
      )}
    </div>
  )
}

/**
 * The vendor's action buttons (vendors/vendor.ts `ActionButton`), by what the relay offers the agent
 * (never by the ID's status): opening the detail at that action keeps every write, its confirm step
 * and the new link out of the page (the content script only learns which actions the agent has).
 */
function CardAgentActions({ id, buttons, actions }: { id: string; buttons: readonly ActionButton[]; actions: UiActions }) {
  const [offered, setOffered] = useState<ActionName[]>([])
  useEffect(() => {
    let live = true
    void actions.agentActions().then((names) => live && setOffered(names))
    return () => void (live = false)
  }, [id])
  return (
    <>
      {buttons
        .filter((c) => c.actions.some((a) => offered.includes(a)))
        .map((c) => (
          <button
            key={c.testId}
            type="button"
            class="link"
            onClick={() => actions.openDetail(id, c.section)}
            title={t(c.help)}
            data-testid={c.testId}
          >
            {t(c.label)}
          </button>
        ))}
    </>
  )
}
