import { useEffect, useState } from 'preact/hooks'
import { answeredKindLabel } from '../../lib/uuid-owner.ts'
import type { CardView, UiActions } from '../../content/card/ui-model.ts'
import { answerOf, type LookupState } from '../../content/lookups/lookup-queue.ts'
import type { CopyOutcome } from '../../lib/messages.ts'
import { summaryText } from '../../lib/copy-summary.ts'
import { factsOfLookup } from '../../components/detail/summary-facts.ts'
import { statusWords } from './StatusText.tsx'
import { t } from '../../lib/i18n.ts'
import { useBrief } from '../../components/use-brief.ts'

/* A card's copies: their outcomes, the warning when the page wrote over one, and what a screen reader hears. */

/**
 * Whether a read back found other text over the last copy (a page wrote over it: shown until a copy
 * stays), whether the last copy went unread because the copy check is off (lib/copy-check.ts), and the copies' count and last outcome ("2 copied", the card's data-copy: the browser
 * tests wait for it, as the words on the buttons last only a moment). Every answer counts, a copy a
 * newer one took over too, so a burst of presses is done when the count has them all.
 */
export function useCopyOutcomes() {
  const [replaced, setReplaced] = useState(false)
  const [unchecked, setUnchecked] = useState(false)
  const [last, setLast] = useState<{ outcome: CopyOutcome; n: number } | null>(null)
  const keepOutcome = (outcome: CopyOutcome) => {
    if (outcome === 'copied' || outcome === 'replaced' || outcome === 'unchecked') {
      setReplaced(outcome === 'replaced')
      setUnchecked(outcome === 'unchecked')
    }
    // The outcome said is the last written copy's: a skipped copy may answer after a newer one that was written.
    setLast((before) => ({ outcome: outcome === 'superseded' && before ? before.outcome : outcome, n: (before?.n ?? 0) + 1 }))
    return outcome
  }
  return { replaced, unchecked, lastCopy: last ? `${last.n} ${last.outcome}` : undefined, keepOutcome }
}

/** The page wrote over our last copy (background/clipboard.ts): first in the card, until a copy stays. */
export const CopyReplaced = () => (
  <p class="card-message card-warning" role="alert" data-testid="copy-replaced">
    {t('copyReplaced')}
  </p>
)

/** The last copy landed, but the agent has not turned the copy check on: a page writing over it would go unseen. */
export const CopyUnchecked = () => (
  <p class="card-message card-copy-unchecked" data-testid="copy-unchecked">
    {t('copyUnchecked')}
  </p>
)

/**
 * S: the customer reply, worded by the background in the team's texts; Shift+S: the internal note
 * (Markdown). What the last one did, for a moment, and the copy itself. A card command (the
 * browser's keys, which the page never sees) copies as S or Shift+S.
 */
export function useSummaryCopy(
  card: CardView,
  state: LookupState | undefined,
  actions: UiActions,
  seen: (outcome: CopyOutcome) => CopyOutcome,
) {
  const [summaryCopied, showSummaryCopied] = useBrief<SummaryCopy>(1500)
  const found = state?.state === 'found' ? state.entry : null
  const copySummary = async (what: SummaryCopy['what']) => {
    if (!found) return
    const r = found.reason
    const reply = {
      kind: found.kind,
      status: found.status,
      reason: r && {
        check: r.check,
        reasons: r.reasons,
        failed: r.failed ?? [{ check: r.check, reasons: r.reasons }],
        failedChecks: r.failedChecks,
      },
    }
    const outcome = seen(
      what === 'reply'
        ? await actions.copyReply(card.id, reply)
        : await actions.copy(card.id, summaryText(factsOfLookup(found), 'markdown')),
    )
    // A copy a newer one took over was never written: the newer one's outcome is the one to show.
    if (outcome !== 'superseded') showSummaryCopied({ what, outcome })
  }
  useEffect(() => {
    if (card.command) void copySummary(card.command.what)
  }, [card.command?.seq])
  return [summaryCopied, copySummary] as const
}

/** What the last S or Shift+S copied (the customer reply or the internal note) and how it went. */
export type SummaryCopy = { what: 'reply' | 'note'; outcome: CopyOutcome }

/** "Reply copied", "Internal note copied", "Copying is blocked…", or null when the last copy's moment is over. */
export const summaryCopyWords = (c: SummaryCopy | null) =>
  !c ? null : c.outcome === 'blocked' ? t('copyBlocked') : c.what === 'reply' ? t('replyCopied') : t('noteCopied')

/** What a screen reader hears: a copy, and the answer once it arrives (the regions exist from the first render, so the change is heard). */
export function Announcements({
  card,
  state,
  copied,
  summaryCopied,
}: {
  card: CardView
  state: LookupState | undefined
  copied: CopyOutcome | null
  summaryCopied: SummaryCopy | null
}) {
  const answered = state?.state === 'found' || state?.state === 'missing' || state?.state === 'failed'
  return (
    <>
      <span class="sr-only" aria-live="polite">
        {copied === 'blocked' ? t('copyBlocked') : copied ? t('copiedAnnounce') : (summaryCopyWords(summaryCopied) ?? '')}
      </span>
      <span class="sr-only" role="status" data-testid="card-announcement">
        {answered ? t('labelWithValue', answeredKindLabel(card.kind, answerOf(state)), statusWords(state)) : ''}
      </span>
    </>
  )
}

/** S or Shift+S alone, not typed into a field. */
export const isSummaryShortcut = (e: KeyboardEvent) =>
  (e.key === 's' || e.key === 'S') &&
  !e.ctrlKey &&
  !e.metaKey &&
  !e.altKey &&
  !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)
