import type { RefObject } from 'preact'
import type { UiActions, UiModel } from '../../content/ui-model.ts'
import { t, tn } from '../../lib/i18n.ts'

/**
 * The keyboard way in: a button that is invisible until it has keyboard focus (like a "skip to
 * content" link), so it costs the page no space. It is the last thing in the page's tab order
 * (our host comes after <body>): Shift+Tab from the top of the page reaches it first.
 */
export function Launcher({ model, actions, buttonRef }: { model: UiModel; actions: UiActions; buttonRef: RefObject<HTMLButtonElement> }) {
  const count = model.ids.value.length
  const open = model.listOpen.value
  if (count === 0) return null
  return (
    <button
      ref={buttonRef}
      type="button"
      class={open ? 'launcher launcher-open' : 'launcher'}
      aria-expanded={open}
      aria-haspopup="dialog"
      data-testid="launcher"
      onClick={() => (open ? actions.closeList() : actions.openList())}
    >
      {tn('launcher', count)}
      <span class="launcher-hint"> {t('launcherHint')}</span>
    </button>
  )
}
