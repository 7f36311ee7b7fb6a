import type { AuditPage } from '@idv-lens/shared/api'
import type { AuditStore } from '../../stores/audit-store.ts'
import { LocalTime } from '../LocalTime.tsx'
import { Section } from './Fields.tsx'
import { ResourceState } from './ResourceState.tsx'
import { t } from '../../lib/i18n.ts'
import { openAdminPage } from '../../lib/admin-page.ts'

function AuditRows({ page, onAgent, testId }: { page: AuditPage; onAgent?: (agent: string) => void; testId: string }) {
  if (page.data.length === 0) return <p class="muted">{t('auditNobody')}</p>
  return (
    <ol class="timeline" data-testid={testId}>
      {page.data.map((r) => (
        <li key={r.requestId + r.time} data-testid="audit-row" data-agent={r.agent ?? ''}>
          {r.agent && onAgent ? (
            <button type="button" class="link" onClick={() => onAgent(r.agent as string)} aria-label={t('auditAgentLookups', r.agent)}>
              {r.agent}
            </button>
          ) : (
            <span>{r.agent ?? t('auditUnauthenticated')}</span>
          )}{' '}
          <code>{r.route}</code> {r.outcome} ({r.status}) <LocalTime iso={r.time} />
          {r.onBehalfOf || r.ticket ? (
            <>
              {' '}
              <span class="muted" data-testid="audit-asserted">
                {t('auditAsserted', r.onBehalfOf ?? '–', r.ticket ?? '–')}
              </span>
            </>
          ) : null}
        </li>
      ))}
    </ol>
  )
}

/** Admins: "who looked at this ID", from a name that agent's recent lookups, and the team's usage and export page. */
export function AuditSection({ id, audit }: { id: string; audit: AuditStore }) {
  const shown = audit.byId.value?.id === id ? audit.byId.value : null
  const agent = shown ? audit.byAgent.value : null
  return (
    <Section name="audit" titleKey="auditTitle">
      {!shown ? (
        <button type="button" onClick={() => audit.whoLooked(id)} data-testid="audit-who">
          {t('auditWho')}
        </button>
      ) : (
        <ResourceState resource={shown.resource}>
          {(page) => <AuditRows page={page} onAgent={audit.agentLookups} testId="audit-by-id" />}
        </ResourceState>
      )}
      {agent && (
        <>
          <h4>{t('auditAgentLookups', agent.agent)}</h4>
          <ResourceState resource={agent.resource}>{(page) => <AuditRows page={page} testId="audit-by-agent" />}</ResourceState>
        </>
      )}
      <p>
        <button type="button" class="link" onClick={openAdminPage} data-testid="open-admin-page">
          {t('adminOpen')}
        </button>
      </p>
    </Section>
  )
}
