import type { UsageReport } from '@idv-lens/shared/api'
import { localTime } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { AgentUsageTable } from '../../components/admin/AgentUsageTable.tsx'
import { AiClientTable } from '../../components/admin/AiClientTable.tsx'
import { RequesterProbes } from '../../components/admin/RequesterProbes.tsx'
import { VendorChart, daysBetween } from './VendorChart.tsx'

/** How far back the audit goes: AUDIT_RETENTION_DAYS and the oldest row it still holds. */
export function RetentionNote({ report }: { report: Pick<UsageReport, 'retentionDays' | 'oldestRow'> }) {
  return (
    <p class="hint" data-testid="retention">
      {t('adminRetention', report.retentionDays)}{' '}
      {report.oldestRow ? t('adminOldestRow', localTime(Date.parse(report.oldestRow))) : t('adminOldestNone')}
    </p>
  )
}

/** The team's usage: a small chart per vendor, possible requester probes, a table per agent, then the AI clients' calls. */
export function UsageView({ report }: { report: UsageReport }) {
  const days = daysBetween(report.from, report.to)
  return (
    <>
      <h3>{t('usageVendors')}</h3>
      <p class="hint budget-margin" data-testid="budget-margin">
        {t('usageBudgetMargin')}
      </p>
      <div class="charts">
        {report.vendors.map((v) => (
          <VendorChart key={v.vendor} usage={v} days={days} />
        ))}
      </div>
      <RequesterProbes probes={report.probes} />
      <h3>{t('usageAgents')}</h3>
      {report.agents.length === 0 ? (
        <p class="hint">{t('usageNoRequests')}</p>
      ) : (
        <div class="tables">
          {report.agents.map((a) => (
            <AgentUsageTable key={a.agent ?? ''} usage={a} />
          ))}
        </div>
      )}
      {/* A relay older than the field answers none. */}
      {report.aiClients?.length ? (
        <>
          <h3>{t('usageAiClients')}</h3>
          <AiClientTable clients={report.aiClients} />
        </>
      ) : null}
    </>
  )
}
