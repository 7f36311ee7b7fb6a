import { useRef } from 'preact/hooks'
import type { UiActions, UiModel } from '../../content/card/ui-model.ts'
import { FocusRing } from './FocusRing.tsx'
import { IdList } from './IdList.tsx'
import { LookupCard } from './LookupCard.tsx'

/**
 * What IDV Lens shows in the page once the agent first hovers an ID or opens the list, inside our
 * shadow root: the "IDs on this page" list, the card, the focus ring, and a notice line. The
 * keyboard launcher is there from the start (launcher.ts).
 */
export function App({ model, actions, launcher }: { model: UiModel; actions: UiActions; launcher: HTMLButtonElement }) {
  // Where focus goes back to when a card opened from the list closes: that list row.
  const focusListRow = useRef<(() => void) | null>(null)
  const card = model.card.value
  // Reading the version subscribes this component to lookup answers.
  const version = model.lookupVersion.value
  return (
    <>
      {model.listOpen.value && (
        <IdList model={model} actions={actions} focusRow={focusListRow} focusLauncher={() => launcher.focus()} />
      )}
      <FocusRing boxes={model.ring.value} />
      {card && (
        <LookupCard
          key={`${card.key}:${card.source}`}
          card={card}
          state={actions.lookup(card.key)}
          version={version}
          actions={actions}
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
