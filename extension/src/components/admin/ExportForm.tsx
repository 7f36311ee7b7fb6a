import { useState } from 'preact/hooks'
import type { AuditExportFormat } from '@idv-lens/shared/api'
import type { AuditExport, ExportState } from '../../stores/audit-export.ts'
import { failureText } from '../../lib/failure-text.ts'
import { formatNumber, t } from '../../lib/i18n.ts'

const DAY_MS = 24 * 3600 * 1000
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** "1.2 MB" / "1,2 MB" in the UI's language. */
export const sizeText = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} kB`
    : `${formatNumber(bytes / 1024 / 1024, { maximumFractionDigits: 1 })} MB`

function ExportStatus({ state }: { state: ExportState }) {
  if (state.phase === 'idle') return null
  const text =
    state.phase === 'running'
      ? t('exportRunning', sizeText(state.bytes))
      : state.phase === 'done'
        ? t('exportDone', state.fileName, sizeText(state.bytes))
        : t('exportFailed', failureText(state.error))
  return (
    <p class={state.phase === 'failed' ? 'problem' : 'hint'} role="status" data-testid="export-status" data-phase={state.phase}>
      {text}
    </p>
  )
}

/** A UTC date range (the last 7 days by default) and a format; the whole days are exported, both ends included. */
export function ExportForm({ exporter, now = Date.now }: { exporter: AuditExport; now?: () => number }) {
  const [from, setFrom] = useState(isoDay(now() - 6 * DAY_MS))
  const [to, setTo] = useState(isoDay(now()))
  const [format, setFormat] = useState<AuditExportFormat>('csv')
  const invalid = from > to
  const running = exporter.state.value.phase === 'running'
  const submit = (e: Event) => {
    e.preventDefault()
    if (invalid || running) return
    exporter.start({ since: `${from}T00:00:00.000Z`, until: `${to}T23:59:59.999Z`, format })
  }
  return (
    <form class="export" onSubmit={submit} data-testid="export-form">
      <label>
        {t('exportFrom')}
        <input type="date" value={from} required max={to} onInput={(e) => setFrom(e.currentTarget.value)} data-testid="export-from" />
      </label>
      <label>
        {t('exportTo')}
        <input type="date" value={to} required min={from} onInput={(e) => setTo(e.currentTarget.value)} data-testid="export-to" />
      </label>
      <label>
        {t('exportFormat')}
        <select value={format} onChange={(e) => setFormat(e.currentTarget.value as AuditExportFormat)} data-testid="export-format">
          <option value="csv">{t('exportCsv')}</option>
          <option value="ndjson">{t('exportNdjson')}</option>
        </select>
      </label>
      <button type="submit" disabled={invalid || running} data-testid="export-download">
        {t('exportDownload')}
      </button>
      {invalid && <p class="problem">{t('exportRangeInvalid')}</p>}
      <ExportStatus state={exporter.state.value} />
    </form>
  )
}
