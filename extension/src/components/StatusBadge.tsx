import { humanize } from '../lib/format.ts'
import { statusTone, threatTone, type Tone } from '../lib/status-tone.ts'
import { t } from '../lib/i18n.ts'

type BadgeProps = { text: string; tone: Tone; label?: string; testId?: string }

/** A pill whose colour repeats what its text says; `label` adds context for screen readers. */
export function Badge({ text, tone, label, testId = 'badge' }: BadgeProps) {
  return (
    <span class={`badge tone-${tone}`} data-testid={testId} data-tone={tone} aria-label={label ? t('labelWithValue', label, text) : undefined}>
      {text}
    </span>
  )
}

export function StatusBadge({ status }: { status: string | null | undefined }) {
  if (!status) return null
  return <Badge text={humanize(status)} tone={statusTone(status)} label={t('status')} testId="status" />
}

export function ThreatBadge({ level }: { level: string | null | undefined }) {
  if (!level) return null
  return <Badge text={t('threat', humanize(level))} tone={threatTone(level)} testId="threat" />
}
