import type { Signal } from '@preact/signals'
import type { TeamMark } from '../../stores/options-form.ts'
import { t } from '../../lib/i18n.ts'

type Props = {
  id: string
  label: string
  hint: string
  value: Signal<string>
  /** What the team did to this field through policy: locked (shown, not editable), suggested, or nothing. */
  team: TeamMark
  /** Puts the team's suggestion back in the field. */
  onUseTeamValue?: () => void
  problem?: string | null
  type?: 'url' | 'password' | 'text'
  placeholder?: string
  multiline?: boolean
  /** Read-only whatever the team did (a setting only policy sets). */
  readOnly?: boolean
  /** What a suggestion means for this setting, when not the usual "you may change it". */
  suggestedWhy?: string
}

/** One labelled setting, bound to its signal; values the team locked are read-only and say who set them and why. */
export function SettingField({
  id,
  label,
  hint,
  value,
  team,
  onUseTeamValue,
  problem,
  type = 'text',
  placeholder,
  multiline,
  readOnly,
  suggestedWhy,
}: Props) {
  const locked = team?.kind === 'locked' || readOnly === true
  const described = [`${id}-hint`, team && `${id}-team`, problem && `${id}-problem`].filter(Boolean).join(' ')
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
      <TeamNote id={id} team={team} onUseTeamValue={onUseTeamValue} suggestedWhy={suggestedWhy} />
      {problem && (
        <p id={`${id}-problem`} class="problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  )
}

/** "Set by your team" and why it cannot change, or "Suggested by your team" with the way back to it. */
export function TeamNote({
  id,
  team,
  onUseTeamValue,
  suggestedWhy,
}: {
  id: string
  team: TeamMark
  onUseTeamValue?: () => void
  suggestedWhy?: string
}) {
  if (!team) return null
  if (team.kind === 'locked') {
    return (
      <p id={`${id}-team`} class="team-note locked" data-testid={`locked-${id}`}>
        <strong>{t('teamLocked')}</strong> {t('teamLockedWhy')}
      </p>
    )
  }
  return (
    <div class="team-note suggested" data-testid={`suggested-${id}`}>
      <p id={`${id}-team`}>
        <strong>{t('teamSuggested')}</strong> {team.changed ? t('teamSuggestedChanged') : (suggestedWhy ?? t('teamSuggestedWhy'))}
      </p>
      {team.changed && onUseTeamValue && (
        <button type="button" class="link" onClick={onUseTeamValue} data-testid={`team-value-${id}`}>
          {t('backToTeamValue')}
        </button>
      )}
    </div>
  )
}
