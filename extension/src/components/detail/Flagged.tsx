import { useSignal } from '@preact/signals'
import { t } from '../../lib/i18n.ts'
import { flaggedReason } from '../../lib/check-words.ts'
import type { SummaryFacts } from '../../lib/copy-summary.ts'
import type { ObjectActions } from '../../stores/object-actions.ts'
import { ActionError } from './ObjectActions.tsx'

/** Where a link would be: no link for a record a fraud check flagged, and whom the relay's admin says to tell (FLAGGED_CONTACT). */
export function FlaggedNote({ contact }: { contact: string | null }) {
  return (
    <div role="note" class="action-flagged">
      <p data-testid="link-flagged">{t('linkFlagged')}</p>
      {contact && <p data-testid="flagged-contact">{t('flaggedContact', contact)}</p>}
    </div>
  )
}

/** The note for a vendor with no escalation an agent can make (deepidv, Stripe): shown only for a flagged record. */
export function FlaggedNotice({ facts, contact }: { facts: SummaryFacts; contact: string | null }) {
  return flaggedReason(facts.reason) ? <FlaggedNote contact={contact} /> : null
}

/** What FLAGGED_ESCALATION does: add this tag, or assign the record's case to this Persona user. */
export type Escalation = { tag: string } | { assignee: string }
type EscalationProps = { id: string; escalation: Escalation; actions: ObjectActions }

const confirmText = (id: string, e: Escalation) => ('assignee' in e ? t('escalateAssignConfirm', e.assignee, id) : t('escalateConfirm', e.tag, id))
const doneText = (id: string, e: Escalation) => ('assignee' in e ? t('escalatedAssign', id, e.assignee) : t('escalated', id, e.tag))

/**
 * The flagged record's escalation, as the relay's admin set it (FLAGGED_ESCALATION: a tag the team's
 * review picks up, or its case assigned): one click, a confirm naming the tag or assignee and the record, then a visible confirmation.
 */
export function FlaggedEscalation({ id, escalation, actions }: EscalationProps) {
  const confirming = useSignal(false)
  const busy = actions.busy.value?.action === 'flagged-escalation'
  const done = actions.done.value?.action === 'flagged-escalation'
  const run = () => void actions.run(id, { action: 'flagged-escalation' }).then(() => (confirming.value = false))
  if (done) {
    return (
      <p role="status" class="action-done" data-testid="escalate-done">
        {doneText(id, escalation)}
      </p>
    )
  }
  if (!confirming.value) {
    return (
      <button type="button" class="small" onClick={() => (confirming.value = true)} data-testid="action-escalate">
        {t('actionEscalate')}
      </button>
    )
  }
  return (
    <div class="action-step" role="group" aria-label={t('actionEscalate')} data-testid="escalate-step">
      <p data-testid="escalate-confirm-text">{confirmText(id, escalation)}</p>
      <div class="actions">
        <button type="button" class="small" aria-disabled={busy} onClick={() => !busy && run()} data-testid="escalate-confirm">
          {busy ? t('actionWorking') : t('escalateConfirmButton')}
        </button>
        <button type="button" class="small" onClick={() => (confirming.value = false)} data-testid="escalate-cancel">
          {t('cancel')}
        </button>
      </div>
      <ActionError actions={actions} target={(x) => x.action === 'flagged-escalation'} retry={run} />
    </div>
  )
}
