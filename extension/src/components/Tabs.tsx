import type { ComponentChildren } from 'preact'
import { t } from '../lib/i18n.ts'
import { MoreTabs, type TabDef } from './MoreTabs.tsx'

type TabsProps<K extends string> = {
  tabs: readonly TabDef<K>[]
  selected: K
  onSelect: (key: K) => void
  /** Prefix for element IDs, unique per page. */
  id: string
  label: string
  /** A short count beside a tab's name ("3 new"); part of the tab's accessible name. */
  notes?: Partial<Record<K, { text: string; short: string }>>
  /** Tabs the row has no room for: a "More" menu at its end (components/MoreTabs.tsx). */
  more?: readonly TabDef<K>[]
  children: ComponentChildren
}

/**
 * A WAI-ARIA tablist with automatic activation: arrows, Home and End move and select, only the
 * selected tab is in the Tab order (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/).
 */
export function Tabs<K extends string>(props: TabsProps<K>) {
  const { selected, onSelect, id, more = [], children } = props
  const inMenu = more.find((tab) => tab.key === selected)
  return (
    <>
      {more.length > 0 ? (
        <div class="tab-row">
          <TabList {...props} />
          <MoreTabs tabs={more} selected={selected} onSelect={onSelect} id={id} />
        </div>
      ) : (
        <TabList {...props} />
      )}
      <div
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={inMenu ? undefined : `${id}-tab-${selected}`}
        aria-label={inMenu ? t(inMenu.label) : undefined}
        data-testid={`panel-${selected}`}
      >
        {children}
      </div>
    </>
  )
}

function TabList<K extends string>({ tabs, selected, onSelect, id, label, notes }: TabsProps<K>) {
  // With a tab of the menu shown, the row's first tab keeps the tablist in the Tab order.
  const focusable = tabs.some((tab) => tab.key === selected) ? selected : tabs[0]?.key
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.key === selected)
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : -1
    const tab = tabs[next]
    if (!tab) return
    event.preventDefault()
    onSelect(tab.key)
    document.getElementById(`${id}-tab-${tab.key}`)?.focus()
  }
  return (
    <div class="tablist" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.key}
          type="button"
          role="tab"
          id={`${id}-tab-${tab.key}`}
          aria-selected={tab.key === selected}
          aria-controls={`${id}-panel`}
          tabIndex={tab.key === focusable ? 0 : -1}
          data-testid={`tab-${tab.key}`}
          onClick={() => onSelect(tab.key)}
        >
          {t(tab.label)}
          {notes?.[tab.key] && <TabNote note={notes[tab.key]!} testId={`tab-note-${tab.key}`} />}
        </button>
      ))}
    </div>
  )
}

/**
 * The words for screen readers and on hover, a short pill on screen: "Live 3" keeps the tab bar on
 * one row at 400 px in German too.
 */
const TabNote = ({ note, testId }: { note: { text: string; short: string }; testId: string }) => (
  <span class="tab-note" data-testid={testId} title={note.text}>
    <span aria-hidden="true">{note.short}</span>
    <span class="sr-only">{note.text}</span>
  </span>
)
