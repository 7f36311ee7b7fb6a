import { useSignal } from '@preact/signals'
import { t } from '../../kit/words.ts'
import type { ObjectActions } from '../../kit/stores.ts'
import { ActionError } from '../../kit/views.ts'

/** What FLAGGED_ESCALATION does: add this tag, or assign the record's case to this Persona user. */
export type Escalation = { tag: string } | { assignee: string }
type EscalationProps = { id: string; escalation: Escalation; actions: ObjectActions }

const confirmText = (id: string, e: Escalation) =>
  'assignee' in e ? t('escalateAssignConfirm', e.assignee, id) : t('escalateConfirm', e.tag, id)
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
