import type { ListStore } from '../stores/list-store.ts'
import { FreshnessLine } from './FreshnessLine.tsx'

export function ListFreshness<T>({ list }: { list: ListStore<T> }) {
  return (
    <FreshnessLine
      fetched={list.fetched.value}
      loading={list.status.value === 'loading'}
      failed={list.error.value !== null}
    />
  )
}
