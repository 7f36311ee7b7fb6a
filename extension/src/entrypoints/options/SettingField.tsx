import type { Signal } from '@preact/signals'
import { t } from '../../lib/i18n.ts'

type Props = {
  id: string
  label: string
  hint: string
  value: Signal<string>
  /** Set by Chrome policy: shown, not editable. */
  locked: boolean
  problem?: string | null
  type?: 'url' | 'password' | 'text'
  placeholder?: string
  multiline?: boolean
}

/** One labelled setting, bound to its signal; policy-set values are read-only and say why. */
export function SettingField({ id, label, hint, value, locked, problem, type = 'text', placeholder, multiline }: Props) {
  const described = [`${id}-hint`, locked && `${id}-locked`, problem && `${id}-problem`].filter(Boolean).join(' ')
  const common = {
    id,
    name: id,
    value: value.value,
    readOnly: locked,
    placeholder,
    spellcheck: false,
    'aria-describedby': described,
    'aria-invalid': problem ? true : undefined,
    'data-testid': `setting-${id}`,
  }
  return (
    <div class="setting">
      <label for={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={3} onInput={(e) => (value.value = e.currentTarget.value)} />
      ) : (
        <input {...common} type={type} autocomplete="off" onInput={(e) => (value.value = e.currentTarget.value)} />
      )}
      <p id={`${id}-hint`} class="hint">
        {hint}
      </p>
      {locked && (
        <p id={`${id}-locked`} class="locked" data-testid={`locked-${id}`}>
          {t('lockedByPolicy')}
        </p>
      )}
      {problem && (
        <p id={`${id}-problem`} class="problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  )
}
