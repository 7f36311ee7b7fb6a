import type { Signal } from '@preact/signals'
import { useLayoutEffect, useRef } from 'preact/hooks'
import type { CardField } from '../../lib/card-fields.ts'
import { t, type MessageKey } from '../../lib/i18n.ts'
import { cardFieldRows, moveCardField, toggleCardField, type CardFieldRow } from '../../stores/card-fields-choice.ts'
import type { TeamMark } from '../../stores/options-form.ts'
import { TeamNote } from './SettingField.tsx'

/** Each fact's name in the options page (the card's own labels vary a little by kind). */
const CARD_FIELD_LABELS: Record<CardField, MessageKey> = {
  created: 'fieldCreated',
  updated: 'fieldUpdated',
  reference: 'fieldReference',
  inquiry: 'fieldInquiry',
  event: 'fieldEvent',
  externalId: 'fieldExternalId',
  progress: 'fieldProgress',
  threat: 'fieldThreat',
  country: 'fieldCountry',
  network: 'fieldNetwork',
  about: 'fieldAbout',
}

const ID = 'card-fields'

type Props = {
  /** The chosen names, one a line, in the card's order. */
  value: Signal<string>
  team: TeamMark
  onUseTeamValue: () => void
  problem: string | null
  /** A change that is no input event (moving a fact). */
  onEdited: () => void
}

/** The card's facts as checkboxes in the card's order, each chosen one movable; disabled when the team locked them. */
export function CardFieldsPicker({ value, team, onUseTeamValue, problem, onEdited }: Props) {
  const rows = cardFieldRows(value.value)
  const locked = team?.kind === 'locked'
  const last = rows.filter((r) => r.checked).length - 1
  const focusNext = useRef<string | null>(null)
  // Moving re-orders the rows, and a moved button loses focus: it gets it back (or its twin at an end).
  useLayoutEffect(() => {
    if (focusNext.current) document.getElementById(focusNext.current)?.focus()
    focusNext.current = null
  })
  const move = (name: string, by: -1 | 1) => {
    value.value = moveCardField(value.value, name, by)
    const to = rows.findIndex((r) => r.name === name) + by
    focusNext.current = `${ID}-${name}-${to === 0 ? 'down' : to === last ? 'up' : by < 0 ? 'up' : 'down'}`
    onEdited()
  }
  const described = [`${ID}-hint`, team && `${ID}-team`, problem && `${ID}-problem`].filter(Boolean).join(' ')
  return (
    <fieldset class="setting card-fields" id={ID} disabled={locked} aria-describedby={described} data-testid={`setting-${ID}`}>
      <legend class="label">{t('cardFields')}</legend>
      <p id={`${ID}-hint`} class="hint">
        {t('cardFieldsHint')}
      </p>
      <ol>
        {rows.map((row, i) => (
          <FieldRow
            key={row.name}
            row={row}
            movable={!locked}
            first={i === 0}
            last={i === last}
            onToggle={() => (value.value = toggleCardField(value.value, row.name))}
            onMove={(by) => move(row.name, by)}
          />
        ))}
      </ol>
      {last < 0 && (
        <p class="hint" data-testid="card-fields-none">
          {t('cardFieldsNone')}
        </p>
      )}
      <TeamNote id={ID} team={team} onUseTeamValue={onUseTeamValue} />
      {problem && (
        <p id={`${ID}-problem`} class="problem" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  )
}

type RowProps = { row: CardFieldRow; movable: boolean; first: boolean; last: boolean; onToggle: () => void; onMove: (by: -1 | 1) => void }

/** One fact: its checkbox and label (the name policy uses beside it); a chosen one moves up or down unless locked. */
function FieldRow({ row, movable, first, last, onToggle, onMove }: RowProps) {
  const id = `${ID}-${row.name}`
  const label = row.known ? t(CARD_FIELD_LABELS[row.known]) : t('cardFieldUnknown')
  return (
    <li class={row.known ? undefined : 'unknown'} data-testid="card-field" data-name={row.name}>
      <input type="checkbox" id={id} checked={row.checked} onChange={onToggle} />
      <label for={id}>
        {label} <code>{row.name}</code>
      </label>
      {movable && row.checked && row.known && (
        <span class="move">
          <button
            type="button"
            id={`${id}-up`}
            disabled={first}
            aria-label={t('cardFieldUp', label)}
            title={t('cardFieldUp', label)}
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            id={`${id}-down`}
            disabled={last}
            aria-label={t('cardFieldDown', label)}
            title={t('cardFieldDown', label)}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
        </span>
      )}
    </li>
  )
}
