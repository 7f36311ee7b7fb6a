import { useContext } from 'preact/hooks'
import { threatTone, type Tone } from '../lib/status-tone.ts'
import { t } from '../lib/i18n.ts'
import { vendorWord } from '../lib/vendor-words.ts'
import { VendorFacts } from './vendor-facts.ts'

/** `raw`: the vendor's own value, in the tooltip when the text is a translation of it. */
type BadgeProps = { text: string; tone: Tone; label?: string; testId?: string; raw?: string }

/** A pill whose colour repeats what its text says; `label` adds context for screen readers. */
export function Badge({ text, tone, label, testId = 'badge', raw }: BadgeProps) {
  return (
    <span
      class={`badge tone-${tone}`}
      data-testid={testId}
      data-tone={tone}
      aria-label={label ? t('labelWithValue', label, text) : undefined}
      title={raw}
    >
      {text}
    </span>
  )
}

/** A vendor's status, coloured by that vendor's tones. */
export function StatusBadge({ vendor, status }: { vendor: string; status: string | null | undefined }) {
  const { tone } = useContext(VendorFacts)
  if (!status) return null
  return <Badge text={vendorWord(status)} tone={tone(vendor, status)} label={t('status')} testId="status" raw={status} />
}

/**
 * A threat level. In a row it shows only when it is not low: "threat low" on every row was noise
 * that hid the rows that matter. `inField`: under a label that already names it ("Threat level",
 * "Behaviour"), the bare level, so German does not read "Verhalten: Bedrohung: niedrig".
 */
export function ThreatBadge({ level, inField = false }: { level: string | null | undefined; inField?: boolean }) {
  if (!level || (!inField && level.toLowerCase() === 'low')) return null
  return <Badge text={inField ? vendorWord(level) : t('threat', vendorWord(level))} tone={threatTone(level)} testId="threat" raw={level} />
}

/** A plain word for a vendor code name, with the code itself on hover (what the dashboards and docs say). */
export function VendorTerm({ text, raw }: { text: string; raw: string }) {
  return (
    <span title={raw} data-raw={raw}>
      {text}
    </span>
  )
}
