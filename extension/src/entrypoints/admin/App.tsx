import { useMemo } from 'preact/hooks'
import { ExportForm } from '../../components/admin/ExportForm.tsx'
import { RetentionNote, UsageView } from '../../pages/admin/UsageView.tsx'
import { ResourceState } from '../../components/detail/ResourceState.tsx'
import { createAuditExport } from '../../stores/audit-export.ts'
import { createResource } from '../../stores/resource.ts'
import { sendMessage } from '../../lib/messages.ts'
import { t } from '../../lib/i18n.ts'

/** Days of usage the page shows (the charts' width). */
const USAGE_DAYS = 30

/** Admins: the team's usage over the last 30 days and the audit export (the relay refuses anyone else). */
export function App() {
  const usage = useMemo(() => {
    const resource = createResource(() => sendMessage('readUsage', { days: USAGE_DAYS }))
    void resource.load()
    return resource
  }, [])
  const exporter = useMemo(() => createAuditExport(), [])
  const report = usage.data.value
  return (
    <main class="admin">
      <h1>{t('adminTitle')}</h1>
      {report && <RetentionNote report={report} />}
      <section aria-labelledby="export-title">
        <h2 id="export-title">{t('exportTitle')}</h2>
        <ExportForm exporter={exporter} />
      </section>
      <section aria-labelledby="usage-title" data-testid="usage">
        <h2 id="usage-title">{t('usageTitle', USAGE_DAYS)}</h2>
        <ResourceState resource={usage}>{(data) => <UsageView report={data} />}</ResourceState>
      </section>
    </main>
  )
}
