import type { AiClientUsage } from '@idv-lens/shared/api'
import { formatNumber, t } from '../../lib/i18n.ts'

/** "lookup 2, why_failed 1" / "forbidden ×1": a client's counts in one cell, largest first. */
const counts = (entries: Record<string, number>, sep: string) =>
  Object.entries(entries)
    .sort(([, a], [, b]) => b - a)
    .map(([k, n]) => `${k}${sep}${formatNumber(n)}`)
    .join(', ')

/** The AI clients over the range: tool calls, calls per tool, refusals by problem code (its token on /v1: forbidden). */
export function AiClientTable({ clients }: { clients: AiClientUsage[] }) {
  return (
    <table class="usage" data-testid="ai-clients">
      <thead>
        <tr>
          <th scope="col">{t('usageAiClient')}</th>
          <th scope="col">{t('usageAiCalls')}</th>
          <th scope="col">{t('usageAiTools')}</th>
          <th scope="col">{t('usageAiRefusals')}</th>
        </tr>
      </thead>
      <tbody>
        {clients.map((client) => (
          <tr key={client.name} data-client={client.name}>
            <th scope="row">{client.name}</th>
            <td>{formatNumber(client.calls)}</td>
            <td>{counts(client.tools, ' ') || '0'}</td>
            <td>{counts(client.refusals, ' ×') || '0'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
