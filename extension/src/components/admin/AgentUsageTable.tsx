import type { AgentUsage, AgentUsageDay } from '@idv-lens/shared/api'
import { formatNumber, t } from '../../lib/i18n.ts'

const sum = (values: (number | undefined)[]) => values.reduce<number>((a, b) => a + (b ?? 0), 0)
/** "add-tag 2, assign 1" / "403 ×2": a kind's counts in one cell. */
const counts = (entries: Record<string, number | undefined>, sep: string) =>
  Object.entries(entries)
    .filter(([, n]) => n)
    .map(([k, n]) => `${k}${sep}${formatNumber(n!)}`)
    .join(', ')

function totals(days: AgentUsageDay[]): AgentUsageDay {
  const out: AgentUsageDay = { day: '', lookups: 0, reads: 0, actions: {}, refusals: {}, other: 0 }
  for (const d of days) {
    out.lookups += d.lookups
    out.reads += d.reads
    out.other += d.other
    for (const [k, n] of Object.entries(d.actions))
      out.actions[k as keyof typeof out.actions] = (out.actions[k as keyof typeof out.actions] ?? 0) + (n ?? 0)
    for (const [k, n] of Object.entries(d.refusals)) out.refusals[k] = (out.refusals[k] ?? 0) + n
  }
  return out
}

function Row({ d, head }: { d: AgentUsageDay; head: string }) {
  return (
    <tr>
      <th scope="row">{head}</th>
      <td>{formatNumber(d.lookups)}</td>
      <td>{formatNumber(d.reads)}</td>
      <td title={counts(d.actions, ' ')}>{formatNumber(sum(Object.values(d.actions)))}</td>
      <td>{counts(d.refusals, ' ×') || '0'}</td>
      <td>{formatNumber(d.other)}</td>
    </tr>
  )
}

/** One agent's (or AI principal's) days, newest first, and their total; each row's counts add up to the audit's rows of that day. */
export function AgentUsageTable({ usage }: { usage: AgentUsage }) {
  const name = usage.agent ?? t('auditUnauthenticated')
  const days = [...usage.days].reverse()
  return (
    <table class="usage" data-testid="agent-usage" data-agent={usage.agent ?? ''}>
      <caption>
        {name}
        {usage.ai ? (
          <>
            {' '}
            <span class="badge tone-progress" data-testid="ai-principal" title={t('usageAiPrincipalHint')}>
              {t('usageAiPrincipal')}
            </span>
          </>
        ) : null}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('usageDay')}</th>
          <th scope="col">{t('usageLookups')}</th>
          <th scope="col">{t('usageReads')}</th>
          <th scope="col">{t('usageActions')}</th>
          <th scope="col">{t('usageRefusals')}</th>
          <th scope="col">{t('usageOther')}</th>
        </tr>
      </thead>
      <tbody>
        {days.map((d) => (
          <Row key={d.day} d={d} head={d.day} />
        ))}
      </tbody>
      <tfoot>
        <Row d={totals(usage.days)} head={t('usageTotal')} />
      </tfoot>
    </table>
  )
}
