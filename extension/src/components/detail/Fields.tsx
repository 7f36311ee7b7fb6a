import type { ComponentChildren } from 'preact'
import { t, type MessageKey } from '../../lib/i18n.ts'

/** A row: its label's message key (also its `data-field`, stable across languages) and its value. */
export type Field = [label: MessageKey, value: ComponentChildren | null | undefined | false]

/** A label/value list; empty values are left out rather than shown as blanks. */
export function Fields({ rows, testId }: { rows: Field[]; testId?: string }) {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== false && value !== '')
  if (shown.length === 0) return null
  return (
    <dl class="fields" data-testid={testId}>
      {shown.map(([label, value]) => (
        <div key={label} class="field" data-field={label}>
          <dt>{t(label)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** A titled part of a detail view (data-testid="detail-<name>"). */
export function Section({ name, titleKey, children }: { name: string; titleKey: MessageKey; children: ComponentChildren }) {
  return (
    <section class="detail-section" aria-labelledby={`detail-${name}-title`} data-testid={`detail-${name}`}>
      <h3 id={`detail-${name}-title`}>{t(titleKey)}</h3>
      {children}
    </section>
  )
}
