import type { MessageKey } from '../lib/i18n.ts'
import { pageStorage } from '../lib/first-paint-snapshot.ts'
import { keepLastList, readLastList } from '../lib/last-list.ts'
import { POPUP_LIST, TAB_LISTS } from '../vendors/index.ts'
import type { ListKind } from '../stores/list-sources.ts'

/**
 * A surface's tabs: the lists, and live events in a tab of their own. A feed that never stops gets
 * no space above a list (it pushed the lists down, 11,000 px after a working morning); the tab
 * counts what arrived while the agent looked elsewhere ("3 new").
 */
export type SurfaceTab = ListKind | 'live'

export const isListTab = (tab: SurfaceTab): tab is ListKind => tab !== 'live'

/** A tab of a surface and its name's message key (components/Tabs.tsx draws it). */
type SurfaceTabDef = { key: SurfaceTab; label: MessageKey }

const LIVE_TAB: SurfaceTabDef = { key: 'live', label: 'liveHeading' }

const listTab = (list: (typeof TAB_LISTS)[number]): SurfaceTabDef => ({ key: list.key, label: list.tab! })

/** The side panel's tabs: every vendor's lists in the registry's order (vendors/index.ts), then what just happened. */
export const PANEL_TABS: readonly SurfaceTabDef[] = [...TAB_LISTS.map(listTab), LIVE_TAB]

/** How many lists have room in the side panel's tab row from 384 px in German, beside Live and "More". */
const PANEL_ROW_LISTS = 4

/**
 * Narrower than 384 px (Chrome's side panel goes down to 320), the row has room for one list fewer
 * with Live's count, in English too: its name goes to the menu rather than be cut. The width decides,
 * never what loads, so a count arriving moves no tab (style.css's `--tab-gap` grows from 384 px).
 */
export const NARROW_PANEL = '(max-width: 383.98px)'

/**
 * The side panel's row: its first lists, then Live (its count in sight); the other lists are in
 * the row's "More" menu. Eight names did not fit one row at 400 px, and a row scrolled sideways hides a tab.
 */
export function panelTabRow(narrow: boolean): { row: readonly SurfaceTabDef[]; more: readonly SurfaceTabDef[] } {
  const lists = narrow ? PANEL_ROW_LISTS - 1 : PANEL_ROW_LISTS
  return { row: [...TAB_LISTS.slice(0, lists).map(listTab), LIVE_TAB], more: TAB_LISTS.slice(lists).map(listTab) }
}

/**
 * The popup's glance: first the list it opens on (the object agents are asked about, what a
 * ticket's ID usually is), then the others as in the side panel but those it has no room for
 * (`panelOnly`). Named as there, and short: one row at 400 px in German. The popup's first paint
 * cannot ask the registry: their names are kept with the rows it draws (`POPUP_TAB_NAMES`).
 */
export const POPUP_TABS: readonly SurfaceTabDef[] = [
  listTab(POPUP_LIST),
  ...TAB_LISTS.filter((list) => list !== POPUP_LIST && !list.panelOnly).map(listTab),
  LIVE_TAB,
]

/** The popup's tab names (message keys) in their order, as kept for its first paint. */
export const POPUP_TAB_NAMES: readonly MessageKey[] = POPUP_TABS.map((tab) => tab.label)

/**
 * The tab a surface opens on: the one the agent last chose in the popup or the side panel, when this
 * surface has it, else the popup's first list (both surfaces open on the same one).
 */
export function startTab(tabs: readonly SurfaceTabDef[], store: Storage | null = pageStorage()): SurfaceTab {
  const last = readLastList(store)
  return tabs.find((tab) => tab.key === last)?.key ?? POPUP_LIST.key
}

/** The agent chose `tab`: the next popup or side panel opens on it. */
export const keepTab = (tab: SurfaceTab, store: Storage | null = pageStorage()): void => keepLastList(store, tab)
