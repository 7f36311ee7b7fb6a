import type { ComponentChildren } from 'preact'
import { useLayoutEffect, useRef } from 'preact/hooks'
import { t } from '../../lib/i18n.ts'
import { vendorWord } from '../../lib/vendor-words.ts'

type AppliedSelectProps = { name: string; value: string; testId: string; children: ComponentChildren }

/** A <select> showing the applied filter: it has no default value of its own, so it is set once per applied filters. */
export function AppliedSelect({ name, value, testId, children }: AppliedSelectProps) {
  const ref = useRef<HTMLSelectElement>(null)
  useLayoutEffect(() => void (ref.current && (ref.current.value = value)), [value])
  return (
    <select ref={ref} name={name} data-testid={testId}>
      {children}
    </select>
  )
}

/** A list's filter by one status (`name="status"`): any, or one of the vendor's, in the agent's words. */
export function StatusSelect({ statuses, value, testId }: { statuses: readonly string[]; value: string; testId: string }) {
  return (
    <label>
      {t('status')}
      <AppliedSelect name="status" value={value} testId={testId}>
        <option value="">{t('filterAnyStatus')}</option>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {vendorWord(status)}
          </option>
        ))}
      </AppliedSelect>
    </label>
  )
}
