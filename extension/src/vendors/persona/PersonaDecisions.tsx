import { useSignal } from '@preact/signals'
import type { ActionName } from '../../kit/relay.ts'
import { t, vendorWord } from '../../kit/words.ts'
import type { ObjectActions } from '../../kit/stores.ts'
import { ActionError } from '../../kit/views.ts'
import { DECISIONS } from './persona-actions.ts'

type Decision = (typeof DECISIONS)[number]
type Props = { id: string; status: string; allowed: ActionName[]; actions: ObjectActions }

const isDecision = (action: string) => DECISIONS.some((d) => d.action === action)
/** The statuses the relay refuses each decision from (409 wrong-state): not offered there. */
const RULED_OUT: Record<Decision['action'], readonly string[]> = {
  'inquiry-approve': ['approved'],
  'inquiry-decline': ['declined'],
  'inquiry-review': ['approved', 'declined', 'needs_review'],
}

/** The confirm step of one decision: what it does, named, an optional comment (not for mark-for-review), then the call. */
function DecisionConfirm({ id, decision, actions, close }: { id: string; decision: Decision; actions: ObjectActions; close: () => void }) {
  const comment = useSignal('')
  const busy = actions.busy.value !== null
  const takesComment = decision.action !== 'inquiry-review'
  const run = () =>
    !busy &&
    void actions
      .run(id, { action: decision.action, input: takesComment ? { comment: comment.value.trim() } : undefined })
      .then((ok) => ok && close())
  return (
    <div class="action-step" role="group" aria-label={t(decision.label)} data-testid="decision-step" data-decision={decision.action}>
      <p data-testid="decision-confirm-text">{t(decision.confirm, id)}</p>
      {takesComment && (
        <>
          <label for="decision-comment">{t('decisionComment')}</label>
          <input
            id="decision-comment"
            type="text"
            maxLength={500}
            value={comment.value}
            onInput={(e) => (comment.value = (e.target as HTMLInputElement).value)}
            data-testid="decision-comment"
          />
        </>
      )}
      <div class="actions">
        <button type="button" class="small primary" data-step-focus aria-disabled={busy} onClick={run} data-testid="decision-confirm">
          {busy ? t('actionWorking') : t(decision.label)}
        </button>
        <button type="button" class="small" onClick={close} data-testid="decision-cancel">
          {t('cancel')}
        </button>
      </div>
    </div>
  )
}

/** Approve, decline and mark for review, each only where the relay offers it, each behind its confirm step. */
export function DecisionActions({ id, status, allowed, actions }: Props) {
  const open = useSignal<Decision | null>(null)
  const done = actions.done.value
  const shown = DECISIONS.filter((d) => allowed.includes(d.action) && !RULED_OUT[d.action].includes(status))
  return (
    <div class="decision-actions" data-testid="decision-actions">
      {open.value ? (
        <DecisionConfirm id={id} decision={open.value} actions={actions} close={() => (open.value = null)} />
      ) : (
        <div class="actions">
          {shown.map((d) => (
            <button key={d.action} type="button" class="small" onClick={() => (open.value = d)} data-testid={`action-${d.action}`}>
              {t(d.label)}
            </button>
          ))}
        </div>
      )}
      <span class="sr-only" aria-live="polite" data-testid="decision-done">
        {done && isDecision(done.action) ? t('decisionDone', vendorWord(status)) : ''}
      </span>
      <ActionError
        actions={actions}
        target={(x) => isDecision(x.action)}
        retry={() => (open.value = DECISIONS.find((d) => d.action === actions.error.value?.target.action) ?? null)}
      />
    </div>
  )
}
