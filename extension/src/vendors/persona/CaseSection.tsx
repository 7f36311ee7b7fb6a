import type { PersonaCase, PersonaList } from '@idv-lens/shared/api'
import { personaCaseDashboardUrl } from '@idv-lens/shared/ids'
import { parseTime, t, vendorWord } from '../../kit/words.ts'
import { now, type ObjectActions, type Resource } from '../../kit/stores.ts'
import { Badge, Fields, LocalTime, ResourceState, Section, StatusBadge } from '../../kit/views.ts'
import type { ActionName, DetailSection } from '../../kit/relay.ts'
import { newestCase } from './why-checks.ts'
import { useEffect, useRef } from 'preact/hooks'
import type { Signal } from '@preact/signals'
import { CaseActions } from './PersonaActions.tsx'

/** The case actions the relay offers this agent, and where a card's button asked the view to go. */
type CaseActionProps = { allowed: ActionName[]; run: ObjectActions; focus: Signal<DetailSection | null> }

/** When the case is due: the local time (with "in 19 hr." while near), and "overdue" once past while it is still open. */
export function SlaDue({ iso, resolved }: { iso: string; resolved: boolean }) {
  const at = parseTime(iso)
  if (at === null) return null
  const overdue = !resolved && at < now.value
  return (
    <span data-testid="case-sla">
      <LocalTime iso={iso} />
      {overdue && (
        <>
          {' '}
          <Badge text={t('caseOverdue')} tone="bad" testId="case-overdue" />
        </>
      )}
    </span>
  )
}

/** One review case as an agent needs it: status, who has it, when it is due, how it ended, and a link to it. */
export function CaseFields({ item, actions }: { item: PersonaCase; actions?: CaseActionProps }) {
  const a = item.attributes
  const box = useRef<HTMLDivElement>(null)
  const offered = actions?.allowed.filter((x) => x === 'case-assign' || x === 'case-status') ?? []
  // A card's "Case" button: the case's controls come into sight with focus, after the view's own effects.
  useEffect(() => {
    if (actions?.focus.value !== 'case') return
    const timer = setTimeout(() => {
      actions.focus.value = null
      box.current?.scrollIntoView({ block: 'center' })
      box.current?.querySelector<HTMLElement>('[data-testid="case-actions"] button, [data-testid="case-actions"] select')?.focus()
    })
    return () => clearTimeout(timer)
  }, [actions?.focus.value])
  const resolved = !!a['resolved-at'] || !!a.resolution
  return (
    <div ref={box} class="case" data-testid="case" data-id={item.id}>
      <Fields
        rows={[
          ['fieldStatus', <StatusBadge vendor="persona" status={a.status} />],
          // A reviewer of the customer's own team (Persona's user), never the person verified.
          ['fieldAssignee', a['assignee-id'] ? <code>{a['assignee-id']}</code> : <span class="muted">{t('caseUnassigned')}</span>],
          ['fieldSlaDue', a['sla-expires-at'] ? <SlaDue iso={a['sla-expires-at']} resolved={resolved} /> : null],
          ['fieldResolution', a.resolution ? <span title={a.resolution}>{vendorWord(a.resolution)}</span> : null],
          ['fieldCreated', <LocalTime iso={a['created-at']} />],
          ['fieldResolved', a['resolved-at'] ? <LocalTime iso={a['resolved-at']} /> : null],
        ]}
      />
      <a
        class="button small case-link"
        href={personaCaseDashboardUrl(item.id)}
        target="_blank"
        rel="noopener noreferrer"
        data-testid="case-open"
      >
        {t('openCaseInPersona')}
      </a>
      {actions && offered.length > 0 && <CaseActions caseId={item.id} status={a.status} allowed={offered} actions={actions.run} />}
    </div>
  )
}

/** The inquiry's newest review case; "none" only where a case is what the agent looks for (a failed or declined inquiry). */
export function CaseSection({
  cases,
  sayNone,
  actions,
}: {
  cases: Resource<PersonaList<PersonaCase>>
  sayNone: boolean
  actions?: CaseActionProps
}) {
  const list = cases.data.value?.data ?? []
  if (!sayNone && list.length === 0 && !cases.error.value) return null
  return (
    <Section name="case" titleKey="secCase">
      <ResourceState resource={cases} rows={2}>
        {(d) => {
          const item = newestCase(d.data)
          return item ? <CaseFields item={item} actions={actions} /> : <p class="muted">{t('caseNone')}</p>
        }}
      </ResourceState>
    </Section>
  )
}
