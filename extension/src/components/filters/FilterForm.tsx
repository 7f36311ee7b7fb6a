import type { ComponentChildren } from 'preact'
import type { Query } from '../../lib/messages.ts'
import type { Listed } from '../../stores/list-sources.ts'
import type { ListStore } from '../../stores/list-store.ts'
import { t } from '../../lib/i18n.ts'

/** The part of a list a filter form needs; the same for every item type. */
export type Filterable = Pick<ListStore<Listed>, 'filters' | 'setFilters'>

type Props = {
  kind: string
  /** The list the form filters: its applied filters, and where the form's query goes. */
  list: Filterable
  /** How many filters count as set, where that is not every applied one (a default that is on). */
  active?: number
  /** Turns the form's fields into the list's query. */
  toQuery: (form: FormData) => Query
  children: ComponentChildren
}

/**
 * A collapsible filter form. Inputs are uncontrolled: the list store holds the applied filters and
 * the form reads its fields on submit, so there is no second copy of the state. Field formats are
 * checked by the browser (`pattern`, `type=date`) before anything reaches the relay.
 */
export function FilterForm({ kind, list, active = Object.keys(list.filters.value).length, toQuery, children }: Props) {
  const onApply = list.setFilters
  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    onApply(toQuery(new FormData(event.currentTarget as HTMLFormElement)))
  }
  const clear = (event: Event) => {
    ;(event.currentTarget as HTMLButtonElement).form?.reset()
    onApply({})
  }
  return (
    <details class="filters" data-testid={`filters-${kind}`} open={active > 0 || undefined}>
      <summary>{active > 0 ? t('filtersActive', active) : t('filters')}</summary>
      <form onSubmit={submit} class="filter-form">
        {children}
        <div class="actions">
          <button type="submit" class="primary" data-testid="filters-apply">
            {t('apply')}
          </button>
          <button type="button" onClick={clear} data-testid="filters-clear">
            {t('clear')}
          </button>
        </div>
      </form>
    </details>
  )
}

export const field = (form: FormData, name: string) => String(form.get(name) ?? '').trim()
