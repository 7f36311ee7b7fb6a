import type { ListKind } from '../stores/list-sources.ts'
import { listOf, type Lists } from '../stores/lists.ts'
import { ListView } from './ListView.tsx'
import type { SurfaceTab } from '../stores/surface-tab.ts'
import type { TabDef } from './Tabs.tsx'
import { POPUP_LIST } from '../stores/list-sources.ts'
import { TAB_LISTS } from '../vendors/index.ts'
import { listView } from '../vendors/rows.ts'

const LIVE_TAB: TabDef<SurfaceTab> = { key: 'live', label: 'liveHeading' }

const listTab = (list: (typeof TAB_LISTS)[number]): TabDef<SurfaceTab> => ({ key: list.key, label: list.tab! })

/** The side panel's tabs: every vendor's lists in the registry's order (vendors/index.ts), then what just happened. */
export const PANEL_TABS: readonly TabDef<SurfaceTab>[] = [...TAB_LISTS.map(listTab), LIVE_TAB]

/**
 * The popup's glance: first the list it opens on (the object agents are asked about, what a
 * ticket's ID usually is), then the others as in the side panel but those it has no room for
 * (`panelOnly`). Named as there, and short: one row at 400 px in German.
 */
export const LIST_TABS: readonly TabDef<SurfaceTab>[] = [
  listTab(POPUP_LIST),
  ...TAB_LISTS.filter((list) => list !== POPUP_LIST && !list.panelOnly).map(listTab),
  LIVE_TAB,
]

type Props = { kind: ListKind; lists: Lists; onOpen: (id: string) => void; paged?: boolean }

/** The list for a tab, with its vendor's row. */
export function KindList({ kind, lists, onOpen, paged }: Props) {
  const Row = listView(kind)?.Row
  if (!Row) return null
  return <ListView list={listOf(lists, kind)} kind={kind} paged={paged} renderRow={(item) => <Row item={item} onOpen={onOpen} />} />
}

/** The filters a vendor supports for the list on a tab. Keyed so a tab switch starts a fresh form. */
export function ListFilters({ kind, lists }: { kind: ListKind; lists: Lists }) {
  const Filters = listView(kind)?.Filters
  return Filters ? <Filters key={kind} list={listOf(lists, kind)} /> : null
}
