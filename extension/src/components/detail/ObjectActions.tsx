import { useEffect, useRef } from 'preact/hooks'
import { useSignal } from '@preact/signals'
import { CASE_STATUSES, type ActionName } from '../../lib/actions.ts'
import { t } from '../../lib/i18n.ts'
import { managedPolicyItem, teamSetting, type ManagedSettings } from '../../lib/managed-policy.ts'
import { vendorWord } from '../../lib/vendor-words.ts'
import type { ActionTarget, ObjectActions } from '../../stores/object-actions.ts'
import { Notices } from '../ErrorBanner.tsx'

/** The team's tags as policy names them, locked or suggested, kept current while the view is open. */
export function useTeamTags(): string[] {
  const tags = useSignal<string[]>([])
  useEffect(() => {
    const apply = (policy: ManagedSettings | null) => (tags.value = teamSetting(policy, 'inquiryTags').value ?? [])
    void managedPolicyItem.getValue().then(apply, () => {})
    return managedPolicyItem.watch(apply)
  }, [])
  return tags.value
}

const same = (a: ActionTarget | null, b: ActionTarget) => !!a && JSON.stringify(a) === JSON.stringify(b)

/** The failure of the control that asked, under it; a retry repeats that action. */
function ActionError({ actions, target, retry }: { actions: ObjectActions; target: (t: ActionTarget) => boolean; retry: () => void }) {
  const failed = actions.error.value
  if (!failed || !target(failed.target)) return null
  return <Notices error={failed.error} fetched={null} onRetry={retry} onRefresh={retry} />
}

/** The team's tags, each a toggle: pressed when the inquiry has it. */
export function TagActions({ id, has, actions }: { id: string; has: string[]; actions: ObjectActions }) {
  const team = useTeamTags()
  const last = useRef<{ tag: string; on: boolean } | null>(null)
  if (team.length === 0) return <p class="muted" data-testid="tags-none">{t('tagsNone')}</p>
  const busy = actions.busy.value
  const done = actions.done.value
  return (
    <div class="tag-actions" data-testid="tag-actions">
      <div class="badges" role="group" aria-label={t('tagsLabel')}>
        {team.map((tag) => {
          const on = has.includes(tag)
          return (
            <button
              key={tag}
              type="button"
              class="small tag-toggle"
              aria-pressed={on}
              aria-disabled={busy !== null}
              title={t(on ? 'tagRemove' : 'tagAdd', tag)}
              onClick={() => busy === null && ((last.current = { tag, on: !on }), void actions.setTag(id, tag, !on))}
              data-testid="tag-toggle"
              data-tag={tag}
            >
              {on ? '✓ ' : '+ '}
              {tag}
            </button>
          )
        })}
      </div>
      <span class="sr-only" aria-live="polite">
        {done?.kind === 'tag' ? t(done.on ? 'tagAdded' : 'tagRemoved', done.tag) : ''}
      </span>
      <ActionError actions={actions} target={(x) => x.kind === 'tag'} retry={() => last.current && void actions.setTag(id, last.current.tag, last.current.on)} />
    </div>
  )
}

/** "Assign to me" and "Set status" for the inquiry's case, each shown only when the relay offers it. */
export function CaseActions({ caseId, status, allowed, actions }: { caseId: string; status: string; allowed: ActionName[]; actions: ObjectActions }) {
  const chosen = useSignal(CASE_STATUSES.find((s) => s.toLowerCase() === status.toLowerCase()) ?? CASE_STATUSES[0])
  const busy = actions.busy.value
  const done = actions.done.value
  const assign = () => busy === null && void actions.assignToMe(caseId)
  const setStatus = () => busy === null && void actions.setStatus(caseId, chosen.value)
  return (
    <div class="case-actions" data-testid="case-actions">
      {allowed.includes('case-assign') && (
        <button type="button" class="small" aria-disabled={busy !== null} onClick={assign} data-testid="action-assign">
          {busy?.kind === 'assign' ? t('actionWorking') : t('actionAssignToMe')}
        </button>
      )}
      {allowed.includes('case-status') && (
        <span class="case-status-form">
          <label for="case-status">{t('actionSetStatusLabel')}</label>
          <select id="case-status" value={chosen.value} onChange={(e) => (chosen.value = (e.target as HTMLSelectElement).value as typeof chosen.value)} data-testid="case-status-select">
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {vendorWord(s)}
              </option>
            ))}
          </select>
          <button type="button" class="small" aria-disabled={busy !== null} onClick={setStatus} data-testid="action-set-status">
            {busy?.kind === 'status' ? t('actionWorking') : t('actionSetStatus')}
          </button>
        </span>
      )}
      <span class="sr-only" aria-live="polite" data-testid="case-action-done">
        {done?.kind === 'assign' ? t('caseAssignedToYou') : done?.kind === 'status' ? t('caseStatusSet', vendorWord(done.status)) : ''}
      </span>
      <ActionError actions={actions} target={(x) => x.kind !== 'tag'} retry={() => (same(actions.error.value?.target ?? null, { kind: 'assign' }) ? assign() : setStatus())} />
    </div>
  )
}
