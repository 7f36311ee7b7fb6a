import type { Listed } from '../stores/list-sources.ts'
import type { ListStore } from '../stores/list-store.ts'
import { FreshnessLine } from './FreshnessLine.tsx'

/** The part of a list the freshness line reads; the same for every item type. */
type Freshness = Pick<ListStore<Listed>, 'fetched' | 'status' | 'error'>

export function ListFreshness({ list }: { list: Freshness }) {
  return <FreshnessLine fetched={list.fetched.value} loading={list.status.value === 'loading'} failed={list.error.value !== null} />
}
