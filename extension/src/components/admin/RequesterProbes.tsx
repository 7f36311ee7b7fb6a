import type { RequesterProbe } from '@idv-lens/shared/api'
import { localTime } from '../../lib/format.ts'
import { formatNumber, t } from '../../lib/i18n.ts'

/** Requester checks refused by a daily bound or a lockout, per agent and record: someone may be guessing a birthdate or phone. */
export function RequesterProbes({ probes }: { probes: RequesterProbe[] }) {
  if (!probes.length) return null
  return (
    <section data-testid="requester-probes">
      <h3>{t('usageProbes')}</h3>
      <p class="hint">{t('usageProbesHint')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('usageProbeAgent')}</th>
            <th scope="col">{t('usageProbeRecord')}</th>
            <th scope="col">{t('usageProbeWhy')}</th>
            <th scope="col">{t('usageProbeRefusals')}</th>
            <th scope="col">{t('usageProbeLast')}</th>
          </tr>
        </thead>
        <tbody>
          {probes.map((p) => (
            <tr key={`${p.agent}/${p.id}/${p.why}`}>
              <th scope="row">{p.agent ?? t('auditUnauthenticated')}</th>
              <td>{p.id}</td>
              <td>{t(p.why === 'lockout' ? 'usageProbeLockout' : 'usageProbeBound')}</td>
              <td>{formatNumber(p.refusals)}</td>
              <td>{localTime(Date.parse(p.last))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
