import { statusTone, threatTone, type Tone } from '../lib/status-tone.ts'
import { t } from '../lib/i18n.ts'
import { vendorWord } from '../lib/vendor-words.ts'

/** `raw`: the vendor's own value, in the tooltip when the text is a translation of it. */
type BadgeProps = { text: string; tone: Tone; label?: string; testId?: string; raw?: string }

/** A pill whose colour repeats what its text says; `label` adds context for screen readers. */
export function Badge({ text, tone, label, testId = 'badge', raw }: BadgeProps) {
  return (
    <span class={`badge tone-${tone}`} data-testid={testId} data-tone={tone} aria-label={label ? t('labelWithValue', label, text) : undefined} title={raw}>
      {text}
    </span>
  )
}

export function StatusBadge({ status }: { status: string | null | undefined }) {
  if (!status) return null
  return <Badge text={vendorWord(status)} tone={statusTone(status)} label={t('status')} testId="status" raw={status} />
}

export function ThreatBadge({ level }: { level: string | null | undefined }) {
  if (!level) return null
  return <Badge text={t('threat', vendorWord(level))} tone={threatTone(level)} testId="threat" raw={level} />
}
