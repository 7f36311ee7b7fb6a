import type { ListKind } from '../stores/list-sources.ts'
import { listOf, type Lists } from './lists.ts'
import { ListView } from '../components/ListView.tsx'
import { listView } from '../vendors/rows.ts'

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
