import { AppliedSelect, DayRange, field, type Filterable, FilterForm, StatusSelect } from '../../kit/views.ts'
import { t } from '../../kit/words.ts'
import type { Query } from '../../kit/relay.ts'

/** The statuses Onfido's list filters by (`workflow_run_status`, docs/vendors/onfido.md §3). */
export const ONFIDO_STATUSES = [
  'processing',
  'awaiting_input',
  'awaiting_client_input',
  'approved',
  'declined',
  'review',
  'abandoned',
  'error',
] as const

/** One day before or after a local day (`YYYY-MM-DD`), '' staying '' (no filter). */
function shiftDay(day: string, by: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return ''
  const at = new Date(`${day}T00:00:00Z`)
  at.setUTCDate(at.getUTCDate() + by)
  return Number.isNaN(at.getTime()) ? '' : at.toISOString().slice(0, 10)
}

/**
 * The form as Onfido's list parameters: one status, and the days as its dates. Onfido's bounds are
 * strict (`created_at_gt`, `created_at_lt`), so "from 3 May to 5 May" asks after 2 May and before 6 May.
 */
export function onfidoFilterQuery(form: FormData): Query {
  return {
    status: field(form, 'status'),
    created_at_gt: shiftDay(field(form, 'from'), -1),
    created_at_lt: shiftDay(field(form, 'to'), 1),
    sort: field(form, 'sort') === 'asc' ? 'asc' : '',
  }
}

/** An applied bound back as the day the form shows (the ISO start of that day, as DayRange reads it). */
const shownDay = (bound: string | undefined, by: number) => {
  const day = bound ? shiftDay(bound, by) : ''
  return day ? `${day}T12:00:00` : undefined
}

export function OnfidoFilters({ list: store }: { list: Filterable }) {
  const query = store.filters.value
  return (
    <FilterForm kind="onfido" list={store} toQuery={onfidoFilterQuery}>
      <StatusSelect statuses={ONFIDO_STATUSES} value={query.status ?? ''} testId="filter-onfido-status" />
      <DayRange
        labels={['filterCreatedFrom', 'filterCreatedTo']}
        start={shownDay(query.created_at_gt, 1)}
        end={shownDay(query.created_at_lt, -1)}
        testIds={['filter-created-from', 'filter-created-to']}
      />
      <label>
        {t('filterSort')}
        <AppliedSelect name="sort" value={query.sort ?? ''} testId="filter-onfido-sort">
          <option value="">{t('sortNewest')}</option>
          <option value="asc">{t('sortOldest')}</option>
        </AppliedSelect>
      </label>
    </FilterForm>
  )
}
