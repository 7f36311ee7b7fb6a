import { useEffect, useRef } from 'preact/hooks'
import { useSignal, type Signal } from '@preact/signals'
import type { ActionName, AgentInfo, DetailSection, SummaryFacts } from '../../kit/relay.ts'
import { flaggedReason, t, vendorWord } from '../../kit/words.ts'
import {
  managedPolicyItem,
  teamSetting,
  type LinkAction as Link,
  type ManagedSettings,
  type ObjectActions,
  type RequesterCheck,
} from '../../kit/stores.ts'
import { ActionError, ActionsSection, LinkAction, sameTarget } from '../../kit/views.ts'
import { FlaggedEscalation, type Escalation } from './PersonaEscalation.tsx'
import { CASE_STATUSES, DECISIONS, LINK_CONFIRM, type TagChange } from './persona-actions.ts'
import { DecisionActions } from './PersonaDecisions.tsx'

/** The team's tags as policy names them, locked or suggested, kept current while the view is open. */
function useTeamTags(): string[] {
  const tags = useSignal<string[]>([])
  useEffect(() => {
    const apply = (policy: ManagedSettings | null) => (tags.value = teamSetting(policy, 'inquiryTags').value ?? [])
    void managedPolicyItem.getValue().then(apply, () => {})
    return managedPolicyItem.watch(apply)
  }, [])
  return tags.value
}

const setTag = (actions: ObjectActions, id: string, change: TagChange) => actions.run(id, { action: 'tags', input: change })

/** The team's tags, each a toggle: pressed when the inquiry has it. */
function TagActions({ id, has, actions }: { id: string; has: string[]; actions: ObjectActions }) {
  const team = useTeamTags()
  const last = useRef<TagChange | null>(null)
  if (team.length === 0)
    return (
      <p class="muted" data-testid="tags-none">
        {t('tagsNone')}
      </p>
    )
  const busy = actions.busy.value
  const done = actions.done.value?.action === 'tags' ? (actions.done.value.input as TagChange) : null
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
              onClick={() => busy === null && ((last.current = { tag, on: !on }), void setTag(actions, id, last.current))}
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
        {done ? t(done.on ? 'tagAdded' : 'tagRemoved', done.tag) : ''}
      </span>
      <ActionError
        actions={actions}
        target={(x) => x.action === 'tags'}
        retry={() => last.current && void setTag(actions, id, last.current)}
      />
    </div>
  )
}

/** "Assign to me" and "Set status" for the inquiry's case, each shown only when the relay offers it. */
export function CaseActions({
  caseId,
  status,
  allowed,
  actions,
}: {
  caseId: string
  status: string
  allowed: ActionName[]
  actions: ObjectActions
}) {
  const chosen = useSignal(CASE_STATUSES.find((s) => s.toLowerCase() === status.toLowerCase()) ?? CASE_STATUSES[0])
  const busy = actions.busy.value
  const done = actions.done.value
  const assign = () => busy === null && void actions.run(caseId, { action: 'case-assign' })
  const setStatus = () => busy === null && void actions.run(caseId, { action: 'case-status', input: { status: chosen.value } })
  return (
    <div class="case-actions" data-testid="case-actions">
      {allowed.includes('case-assign') && (
        <button type="button" class="small" aria-disabled={busy !== null} onClick={assign} data-testid="action-assign">
          {busy?.action === 'case-assign' ? t('actionWorking') : t('actionAssignToMe')}
        </button>
      )}
      {allowed.includes('case-status') && (
        <span class="case-status-form">
          <label for="case-status">{t('actionSetStatusLabel')}</label>
          <select
            id="case-status"
            value={chosen.value}
            onChange={(e) => (chosen.value = (e.target as HTMLSelectElement).value as typeof chosen.value)}
            data-testid="case-status-select"
          >
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {vendorWord(s)}
              </option>
            ))}
          </select>
          <button type="button" class="small" aria-disabled={busy !== null} onClick={setStatus} data-testid="action-set-status">
            {busy?.action === 'case-status' ? t('actionWorking') : t('actionSetStatus')}
          </button>
        </span>
      )}
      <span class="action-done" role="status" data-testid="case-action-done">
        {done?.action === 'case-assign'
          ? t('caseAssignedToYou')
          : done?.action === 'case-status'
            ? t('caseStatusSet', vendorWord((done.input as { status: string }).status))
            : ''}
      </span>
      <ActionError
        actions={actions}
        target={(x) => x.action !== 'tags'}
        retry={() => (sameTarget(actions.error.value?.target ?? null, { action: 'case-assign' }) ? assign() : setStatus())}
      />
    </div>
  )
}

type InquiryActionsProps = {
  id: string
  status: string
  facts: SummaryFacts | null
  tags: string[]
  allowed: ActionName[]
  link: Link
  actions: ObjectActions
  requester: RequesterCheck
  focus: Signal<DetailSection | null>
  /** What the relay says of a flagged record's escalation (GET /v1/me); null while it has not said. */
  flagged: AgentInfo['flagged'] | null
}

const escalationOf = (flagged: AgentInfo['flagged'] | null): Escalation | null =>
  flagged?.tag ? { tag: flagged.tag } : flagged?.assignee ? { assignee: flagged.assignee } : null

/**
 * The inquiry's actions: a new link for the customer, and the team's tags (a card's buttons open them).
 * A record a fraud check flagged gets no link but the team's escalation, where the relay has one.
 */
export function InquiryActions({ id, status, facts, tags, allowed, link, actions, requester, focus, flagged }: InquiryActionsProps) {
  const escalation = facts && flaggedReason(facts.reason) ? escalationOf(flagged) : null
  const linkView = (
    <LinkAction
      id={id}
      facts={facts}
      link={link}
      confirm={LINK_CONFIRM}
      requester={requester}
      focus={focus}
      contact={flagged?.contact ?? null}
    />
  )
  // One part for the decisions the relay offers, under the first of them.
  const decision = DECISIONS.find((d) => allowed.includes(d.action))?.action ?? 'inquiry-approve'
  const parts = [
    {
      action: 'one-time-link',
      section: 'link',
      open: () => link.state.value.step === 'closed' && link.open(),
      focusOn: '[data-step-focus]',
      view: linkView,
    },
    ...(escalation
      ? [
          {
            action: 'flagged-escalation',
            section: 'escalate',
            focusOn: '[data-testid="action-escalate"]',
            view: <FlaggedEscalation id={id} escalation={escalation} actions={actions} />,
          } as const,
        ]
      : []),
    { action: 'tags', section: 'tags', focusOn: '[data-testid="tag-toggle"]', view: <TagActions id={id} has={tags} actions={actions} /> },
    {
      action: decision,
      section: 'decision',
      focusOn: '[data-testid="decision-actions"] button',
      view: <DecisionActions id={id} status={status} allowed={allowed} actions={actions} />,
    },
  ] as const
  return <ActionsSection allowed={allowed} parts={[...parts]} focus={focus} />
}
