import { useRef } from 'preact/hooks'
import { CARD_FIELDS, parseCardFields } from '../../lib/card-fields.ts'
import type { UiActions, UiModel } from '../../content/card/ui-model.ts'
import type { LookupOf } from './lookup-signals.ts'
import { FocusRing } from './FocusRing.tsx'
import { IdList } from './IdList.tsx'
import { LookupCard } from './LookupCard.tsx'

/**
 * What IDV Lens shows in the page once the agent first hovers an ID or opens the list, inside our
 * shadow root: the "IDs on this page" list, the card, the focus ring, and a notice line. The
 * keyboard launcher is there from the start (launcher.ts).
 */
export function App({
  model,
  actions,
  lookupOf,
  launcher,
}: {
  model: UiModel
  actions: UiActions
  lookupOf: LookupOf
  launcher: HTMLButtonElement
}) {
  // Where focus goes back to when a card opened from the list closes: that list row.
  const focusListRow = useRef<(() => void) | null>(null)
  const card = model.card.value
  // Reading the card's own signal subscribes this component to that ID's answers alone.
  const state = card ? lookupOf(card.key).value : undefined
  return (
    <>
      {model.listOpen.value && (
        <IdList
          model={model}
          actions={actions}
          lookupOf={lookupOf}
          focusRow={focusListRow}
          focusLauncher={() => launcher.focus({ preventScroll: true })}
        />
      )}
      <FocusRing boxes={model.ring.value} />
      {card && (
        <LookupCard
          key={`${card.key}:${card.source}`}
          card={card}
          state={state}
          version={state && 'at' in state ? state.at : 0}
          actions={actions}
          cardFields={parseCardFields(model.cardFields.value) ?? CARD_FIELDS}
          onEscape={() => {
            const back = card.source === 'list' && model.listOpen.value ? focusListRow.current : null
            actions.closeCard()
            back?.()
          }}
        />
      )}
      {model.notice.value && (
        <p class="notice" role="status">
          {model.notice.value}
        </p>
      )}
    </>
  )
}
