import type { UiActions, UiModel } from '../../content/card/ui-model.ts'
import { t, tn } from '../../lib/i18n.ts'

/**
 * The keyboard way in: a button that is invisible until it has keyboard focus (like a "skip to
 * content" link), so it costs the page no space. It is the last thing in the page's tab order
 * (our host comes after <body>): Shift+Tab from the top of the page reaches it first.
 * Plain DOM rather than a component: it must be there before the UI library is loaded (that waits
 * for the agent's first hover or for this button), and it is in the page only while there are IDs.
 */
export function createLauncher(parent: Element, model: UiModel, actions: UiActions): { button: HTMLButtonElement; remove(): void } {
  const button = parent.ownerDocument.createElement('button')
  button.type = 'button'
  button.dataset.testid = 'launcher'
  button.setAttribute('aria-haspopup', 'dialog')
  const label = parent.ownerDocument.createTextNode('')
  const hint = parent.ownerDocument.createElement('span')
  hint.className = 'launcher-hint'
  hint.textContent = ` ${t('launcherHint')}`
  button.append(label, hint)
  button.addEventListener('click', () => (model.listOpen.value ? actions.closeList() : actions.openList()))

  const update = () => {
    const count = model.ids.value.length
    const open = model.listOpen.value
    if (count === 0) return button.remove()
    button.className = open ? 'launcher launcher-open' : 'launcher'
    button.setAttribute('aria-expanded', String(open))
    label.data = tn('launcher', count)
    if (!button.isConnected) parent.prepend(button)
  }
  const unsubscribe = [model.ids.subscribe(update), model.listOpen.subscribe(update)]
  update()
  return {
    button,
    remove() {
      unsubscribe.forEach((stop) => stop())
      button.remove()
    },
  }
}
