import { useEffect, useRef, useState } from 'preact/hooks'
import { t, type MessageKey } from '../lib/i18n.ts'

/** `label` is the tab's message key. */
export type TabDef<K extends string> = { key: K; label: MessageKey }

type MoreTabsProps<K extends string> = {
  tabs: readonly TabDef<K>[]
  selected: K
  onSelect: (key: K) => void
  id: string
}

/**
 * The tabs a row has no room for, behind a "More" menu button beside the tablist (APG menu button:
 * Enter, Space or Down opens on the first item, arrows move, Esc closes back to the button). The
 * button carries the underline while one of its tabs is shown.
 */
export function MoreTabs<K extends string>({ tabs, selected, onSelect, id }: MoreTabsProps<K>) {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const { menu, onMenuKey, closeMenu } = useMenu(open, setOpen, button)
  const holdsSelected = tabs.some((tab) => tab.key === selected)
  return (
    <div class="more-tabs">
      <button
        ref={button}
        type="button"
        id={`${id}-more`}
        class={holdsSelected ? 'more-tabs-button holds-selected' : 'more-tabs-button'}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={`${id}-more-menu`}
        data-testid="tab-more"
        onClick={() => setOpen(!open)}
        onKeyDown={(event) =>
          event.key === 'ArrowDown' ? (event.preventDefault(), setOpen(true)) : event.key === 'Escape' && setOpen(false)
        }
      >
        {t('moreTabs')} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul ref={menu} role="menu" id={`${id}-more-menu`} aria-labelledby={`${id}-more`} class="more-tabs-menu" onKeyDown={onMenuKey}>
          {tabs.map((tab) => (
            <li key={tab.key} role="none">
              <button
                type="button"
                role="menuitemradio"
                aria-checked={tab.key === selected}
                tabIndex={-1}
                data-testid={`tab-${tab.key}`}
                onClick={() => (onSelect(tab.key), closeMenu())}
              >
                {t(tab.label)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** The open menu's keys and clicks: focus on its first item, arrows move, Esc or Tab or a click outside close it. */
function useMenu(open: boolean, setOpen: (open: boolean) => void, button: { current: HTMLButtonElement | null }) {
  const menu = useRef<HTMLUListElement>(null)
  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? [])]
  useEffect(() => {
    if (!open) return
    items()[0]?.focus()
    const close = (event: MouseEvent) => !menu.current?.parentElement?.contains(event.target as Node) && setOpen(false)
    document.addEventListener('click', close)
    return () => document.removeEventListener('click', close)
  }, [open])
  const closeMenu = () => {
    setOpen(false)
    button.current?.focus()
  }
  const onMenuKey = (event: KeyboardEvent) => {
    const all = items()
    const at = all.indexOf(document.activeElement as HTMLElement)
    const next = event.key === 'ArrowDown' ? (at + 1) % all.length : event.key === 'ArrowUp' ? (at - 1 + all.length) % all.length : -1
    if (event.key === 'Escape' || event.key === 'Tab') closeMenu()
    if (next < 0) return
    event.preventDefault()
    all[next]?.focus()
  }
  return { menu, onMenuKey, closeMenu }
}
