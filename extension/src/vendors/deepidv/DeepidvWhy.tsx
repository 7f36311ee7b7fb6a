import type { DeepidvSessionRecord } from '@idv-lens/shared/api'
import { checkFailure, sentence, t } from '../../kit/words.ts'
import { Badge, FailedCheck, Section } from '../../kit/views.ts'
import { analysisSummary } from './deepidv-analysis.ts'

/** A deepidv session's analysis read the same way: what failed first, what passed folded away. */
export function DeepidvWhy({ record }: { record: DeepidvSessionRecord }) {
  const checks = analysisSummary(record.analysis_data)
  const failed = checks.filter((c) => c.passed === false)
  if (failed.length === 0) return null
  const other = checks.filter((c) => c.passed !== false)
  return (
    <Section name="why" titleKey="secWhy">
      <ul class="why-checks" data-testid="why-failed">
        {failed.map((c) => (
          <FailedCheck key={c.name} check={c.name} text={sentence(checkFailure(c.name))} raw={c.name}>
            {c.note && <span class="why-reasons muted"> {c.note}</span>}
          </FailedCheck>
        ))}
      </ul>
      {other.length > 0 && (
        <details class="why-other" data-testid="why-other">
          <summary>{t('whyOtherChecks', other.length)}</summary>
          <ul class="why-checks">
            {other.map((c) => (
              <li key={c.name} class="why-check" data-testid="why-other-check" data-check={c.name}>
                <Badge text={c.passed ? t('passed') : t('notChecked')} tone={c.passed ? 'good' : 'neutral'} /> {t(c.label)}
                {c.note && <span class="muted"> {c.note}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Section>
  )
}
